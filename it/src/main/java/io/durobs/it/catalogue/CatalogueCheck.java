package io.durobs.it.catalogue;

import io.durobs.engine.catalogue.Label;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.it.prometheus.PrometheusClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalogue seen through the pipeline: every catalogue metric must be in Prometheus under
 * each of its computed series names ({@link MetricDefinition#prometheusSeriesNames()}), and every
 * allowed value of every enumerated label must appear on it.
 */
public final class CatalogueCheck {

  private final PrometheusClient prometheus;

  /** @param prometheus the Prometheus the pipeline writes to */
  public CatalogueCheck(PrometheusClient prometheus) {
    this.prometheus = prometheus;
  }

  /**
   * Checks every catalogue metric over {@code [from, to]}.
   *
   * @param job the job (service name) whose series count, or null for any
   */
  public List<MetricCheck> check(Instant from, Instant to, String job) {
    List<MetricCheck> out = new ArrayList<>();
    for (MetricDefinition m : MetricCatalogue.all()) {
      out.add(check(m, from, to, job));
    }
    return out;
  }

  /** Checks one metric. */
  public MetricCheck check(MetricDefinition m, Instant from, Instant to, String job) {
    List<String> missing = new ArrayList<>();
    String jobMatcher = job == null ? "" : "job=\"" + job + "\"";
    for (String series : m.prometheusSeriesNames()) {
      if (prometheus.series(List.of(series + "{" + jobMatcher + "}"), from, to).isEmpty()) {
        missing.add(series);
      }
    }
    // label values: read on the first series name (a histogram's _count carries every label but le)
    String base = m.prometheusSeriesNames().get(m.prometheusSeriesNames().size() - 1);
    List<Map<String, String>> seen = prometheus.series(List.of(base + "{" + jobMatcher + "}"), from, to);
    int expected = 0;
    int found = 0;
    for (Label l : m.enumeratedLabels()) {
      Set<String> values = new TreeSet<>();
      seen.forEach(s -> {
        if (s.containsKey(l.name())) {
          values.add(s.get(l.name()));
        }
      });
      for (String v : l.allowedValues()) {
        expected++;
        if (values.contains(v)) {
          found++;
        } else {
          missing.add(l.name() + "=" + v);
        }
      }
      for (String v : values) {
        if (!l.allows(v)) {
          missing.add(l.name() + "=" + v + " (not allowed by the catalogue)");
        }
      }
    }
    boolean present = m.prometheusSeriesNames().stream().noneMatch(missing::contains);
    return new MetricCheck(m.otelName(), m.prometheusName(), present, expected, found, missing);
  }
}
