package io.durobs.dashboards.rules;

import io.durobs.engine.catalogue.Label;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.engine.catalogue.MetricKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A series in promtool's notation ({@code name{label="value", ...}}), built from a catalogue
 * metric so test inputs cannot drift from the names the rules select. Every catalogue series
 * carries {@code job} and {@code instance} like real ones; labels are checked against the metric.
 */
public final class TestSeries {

  /** The {@code instance} of test series unless another is given. */
  public static final String INSTANCE = "engine-1";

  /** Where {@code _count} is in {@link MetricDefinition#prometheusSeriesNames()}. */
  private static final int COUNT_INDEX = 2;

  private final String name;
  private final MetricDefinition metric;
  private final Map<String, String> labels;

  private TestSeries(String name, MetricDefinition metric, Map<String, String> labels) {
    this.name = name;
    this.metric = metric;
    this.labels = labels;
  }

  /** A counter's or gauge's series of {@code job} on {@link #INSTANCE}. */
  public static TestSeries of(MetricDefinition metric, String job) {
    if (metric.kind() == MetricKind.HISTOGRAM) {
      throw new IllegalArgumentException(metric.otelName() + ": use bucket()");
    }
    return new TestSeries(metric.prometheusName(), metric, defaults(job));
  }

  /**
   * A histogram bucket series of {@code job} on {@link #INSTANCE}, with upper bound {@code le}
   * ({@code +Inf} for the last).
   */
  public static TestSeries bucket(MetricDefinition histogram, String le, String job) {
    Map<String, String> labels = defaults(job);
    labels.put("le", le);
    return new TestSeries(histogram.prometheusSeriesNames().get(0), histogram, labels);
  }

  /** A histogram's {@code _count} series of {@code job} on {@link #INSTANCE}. */
  public static TestSeries count(MetricDefinition histogram, String job) {
    if (histogram.kind() != MetricKind.HISTOGRAM) {
      throw new IllegalArgumentException(histogram.otelName() + " is not a histogram");
    }
    return new TestSeries(histogram.prometheusSeriesNames().get(COUNT_INDEX), histogram,
        defaults(job));
  }

  /** A series outside the catalogue, such as Prometheus's {@code up}; no default labels. */
  public static TestSeries external(String name) {
    return new TestSeries(name, null, new LinkedHashMap<>());
  }

  /** A series of a recording rule (for expected samples). */
  public static TestSeries recorded(String record) {
    return new TestSeries(record, null, new LinkedHashMap<>());
  }

  /** The same series with a catalogue label set. */
  public TestSeries with(Label label, String value) {
    if (metric != null && metric.label(label.name()).isEmpty()) {
      throw new IllegalArgumentException(metric.otelName() + " has no label " + label.name());
    }
    if (!label.allows(value)) {
      throw new IllegalArgumentException(label.name() + " does not allow " + value);
    }
    return with(label.name(), value);
  }

  /** The same series with a label set (pipeline labels such as {@code instance}). */
  public TestSeries with(String label, String value) {
    Map<String, String> copy = new LinkedHashMap<>(labels);
    copy.put(label, value);
    return new TestSeries(name, metric, copy);
  }

  /** The same series without a label. */
  public TestSeries without(String label) {
    Map<String, String> copy = new LinkedHashMap<>(labels);
    copy.remove(label);
    return new TestSeries(name, metric, copy);
  }

  /** The labels, in insertion order. */
  public Map<String, String> labels() {
    return Map.copyOf(labels);
  }

  /** The series in promtool notation, labels sorted. */
  public String notation() {
    List<String> keys = new ArrayList<>(labels.keySet());
    keys.sort(null);
    String body = keys.stream().map(k -> k + "=\"" + labels.get(k) + "\"")
        .collect(Collectors.joining(", "));
    return name + "{" + body + "}";
  }

  private static Map<String, String> defaults(String job) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("job", job);
    labels.put("instance", INSTANCE);
    return labels;
  }

  @Override
  public String toString() {
    return notation();
  }
}
