package io.durobs.it.prometheus;

import java.util.List;

/**
 * The result of an instant or range query.
 *
 * @param resultType Prometheus' result type: {@code matrix}, {@code vector}, {@code scalar} or
 *     {@code string}
 * @param series the returned series (a scalar becomes one series without labels)
 * @param warnings warning annotations Prometheus attached to the answer (e.g. a histogram
 *     quantile over buckets that are not monotonic)
 * @param infos info annotations Prometheus attached to the answer (e.g. {@code metric might not
 *     be a counter, name does not end in _total/_sum/_count/_bucket} for {@code rate()} over a
 *     gauge)
 */
public record QueryResult(String resultType, List<Series> series, List<String> warnings, List<String> infos) {

  public QueryResult {
    series = List.copyOf(series);
    warnings = List.copyOf(warnings);
    infos = List.copyOf(infos);
  }

  /** A result with warnings and no infos. */
  public QueryResult(String resultType, List<Series> series, List<String> warnings) {
    this(resultType, series, warnings, List.of());
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
