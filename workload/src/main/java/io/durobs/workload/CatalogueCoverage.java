package io.durobs.workload;

import io.durobs.engine.catalogue.Label;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.engine.catalogue.MetricDefinition;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which catalogue metrics, and which allowed values of their enumerated labels, have data in a
 * collection of OpenTelemetry metric data: "emits the full catalogue" as
 * {@code metric-catalogue.md} defines it, checked in-process.
 *
 * <p>A metric has data when it has at least one point (a histogram point with at least one
 * recorded value); a label value has data when such a point carries it. Only the engine's meter
 * ({@link MetricCatalogue#METER_NAME}) counts.
 */
public final class CatalogueCoverage {

  private final int metricsWithData;
  private final int valuesWithData;
  private final List<String> missing;

  private CatalogueCoverage(int metricsWithData, int valuesWithData, List<String> missing) {
    this.metricsWithData = metricsWithData;
    this.valuesWithData = valuesWithData;
    this.missing = List.copyOf(missing);
  }

  /** The coverage of {@code data} (e.g. one collection of a metric reader). */
  public static CatalogueCoverage of(Collection<MetricData> data) {
    int metrics = 0;
    int values = 0;
    List<String> missing = new ArrayList<>();
    for (MetricDefinition m : MetricCatalogue.all()) {
      List<Attributes> points = pointsWithData(data, m);
      if (points.isEmpty()) {
        missing.add(m.otelName());
      } else {
        metrics++;
      }
      for (Label label : m.enumeratedLabels()) {
        AttributeKey<String> key = AttributeKey.stringKey(label.name());
        for (String value : label.allowedValues()) {
          if (points.stream().anyMatch(a -> value.equals(a.get(key)))) {
            values++;
          } else {
            missing.add(m.otelName() + "{" + label.name() + "=\"" + value + "\"}");
          }
        }
      }
    }
    return new CatalogueCoverage(metrics, values, missing);
  }

  /** The attributes of every point of {@code metric} that has data. */
  public static List<Attributes> pointsWithData(Collection<MetricData> data,
      MetricDefinition metric) {
    List<Attributes> out = new ArrayList<>();
    for (MetricData d : data) {
      if (!d.getName().equals(metric.otelName())
          || !d.getInstrumentationScopeInfo().getName().equals(MetricCatalogue.METER_NAME)) {
        continue;
      }
      for (PointData p : d.getData().getPoints()) {
        if (!(p instanceof HistogramPointData h) || h.getCount() > 0) {
          out.add(p.getAttributes());
        }
      }
    }
    return out;
  }

  /** Catalogue metrics with data. */
  public int metricsWithData() {
    return metricsWithData;
  }

  /** Enumerated label values with data. */
  public int labelValuesWithData() {
    return valuesWithData;
  }

  /** What has no data: metric names, and {@code name{label="value"}} for label values. */
  public List<String> missing() {
    return missing;
  }

  /** True when every metric and every enumerated label value has data. */
  public boolean isComplete() {
    return missing.isEmpty();
  }

  /** {@code catalogue: M/31 metrics, L/T label values}. */
  public String summary() {
    return "catalogue: " + metricsWithData + "/" + MetricCatalogue.all().size() + " metrics, "
        + valuesWithData + "/" + MetricCatalogue.enumeratedValueCount() + " label values";
  }
}
