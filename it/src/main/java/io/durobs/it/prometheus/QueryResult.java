package io.durobs.it.prometheus;

import java.util.List;

/**
 * The result of an instant or range query.
 *
 * @param resultType Prometheus' result type: {@code matrix}, {@code vector}, {@code scalar} or
 *     {@code string}
 * @param series the returned series (a scalar becomes one series without labels)
 * @param warnings warnings Prometheus attached to the answer
 */
public record QueryResult(String resultType, List<Series> series, List<String> warnings) {

  public QueryResult {
    series = List.copyOf(series);
    warnings = List.copyOf(warnings);
  }

  /** True when at least one series has at least one sample: what Grafana draws as data. */
  public boolean hasData() {
    return series.stream().anyMatch(s -> !s.samples().isEmpty());
  }

  /** The number of samples over all series. */
  public int sampleCount() {
    return series.stream().mapToInt(s -> s.samples().size()).sum();
  }
}
