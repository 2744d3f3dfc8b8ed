package io.durobs.it.prometheus;

import java.util.List;
import java.util.Map;

/**
 * One series of a query result: its label set (with {@code __name__} when Prometheus kept it) and
 * its samples in time order (a single sample for an instant query).
 *
 * @param labels the series' labels
 * @param samples the samples, oldest first
 */
public record Series(Map<String, String> labels, List<Sample> samples) {

  public Series {
    labels = Map.copyOf(labels);
    samples = List.copyOf(samples);
  }

  /** The metric name, or an empty string when the expression dropped it. */
  public String name() {
    return labels.getOrDefault("__name__", "");
  }
}
