package io.durobs.engine.testing;

import io.durobs.engine.catalogue.MetricDefinition;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.List;

/**
 * Reads catalogue metrics from the OTel SDK's in-memory reader: the points of one metric whose
 * labels include the given label/value pairs, added up.
 */
public final class MetricReading {

  /** Count and sum of matching histogram points. */
  public record Histogram(long count, double sum) {}

  private final InMemoryMetricReader reader;

  public MetricReading(InMemoryMetricReader reader) {
    this.reader = reader;
  }

  /** The sum of a counter's matching points. */
  public long sum(MetricDefinition metric, String... labelsAndValues) {
    return collect(metric).stream().flatMap(m -> m.getLongSumData().getPoints().stream())
        .filter(p -> matches(p, labelsAndValues)).mapToLong(p -> p.getValue()).sum();
  }

  /** The sum of a gauge's matching points. */
  public long gauge(MetricDefinition metric, String... labelsAndValues) {
    return collect(metric).stream().flatMap(m -> m.getLongGaugeData().getPoints().stream())
        .filter(p -> matches(p, labelsAndValues)).mapToLong(p -> p.getValue()).sum();
  }

  /** Count and sum of a histogram's matching points. */
  public Histogram histogram(MetricDefinition metric, String... labelsAndValues) {
    List<HistogramPointData> points = collect(metric).stream()
        .flatMap(m -> m.getHistogramData().getPoints().stream())
        .filter(p -> matches(p, labelsAndValues)).toList();
    return new Histogram(points.stream().mapToLong(HistogramPointData::getCount).sum(),
        points.stream().mapToDouble(HistogramPointData::getSum).sum());
  }

  private List<MetricData> collect(MetricDefinition metric) {
    return reader.collectAllMetrics().stream()
        .filter(m -> m.getName().equals(metric.otelName())).toList();
  }

  private static boolean matches(PointData p, String... labelsAndValues) {
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      if (!labelsAndValues[i + 1].equals(p.getAttributes()
          .get(AttributeKey.stringKey(labelsAndValues[i])))) {
        return false;
      }
    }
    return true;
  }
}
