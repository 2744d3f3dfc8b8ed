package io.durobs.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.catalogue.MetricDefinition;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.assertj.AttributeAssertion;
import io.opentelemetry.sdk.testing.assertj.HistogramPointAssert;
import io.opentelemetry.sdk.testing.assertj.LongPointAssert;
import io.opentelemetry.sdk.testing.assertj.MetricAssert;
import io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.List;
import java.util.function.Consumer;

/**
 * Catalogue metrics as the OTel SDK's in-memory reader collects them, asserted with
 * {@link OpenTelemetryAssertions}: this class only finds a catalogue metric's data and spells
 * label assertions with the catalogue's label names.
 *
 * <pre>{@code
 * assertThatMetric(reader, ORCHESTRATION_STARTS).hasLongSumSatisfying(sum -> sum
 *     .hasPointsSatisfying(longPoint(1, "orchestration_name", "greet")));
 * }</pre>
 */
public final class CollectedMetrics {

  private CollectedMetrics() {}

  /** Assertions on {@code metric}, which must have been emitted. */
  public static MetricAssert assertThatMetric(InMemoryMetricReader reader,
      MetricDefinition metric) {
    List<MetricData> found = reader.collectAllMetrics().stream()
        .filter(m -> m.getName().equals(metric.otelName())).toList();
    assertThat(found).as("collected data of %s", metric.otelName()).hasSize(1);
    return OpenTelemetryAssertions.assertThat(found.get(0));
  }

  /** Asserts that {@code metric} has no data at all (nothing was ever recorded). */
  public static void assertNotEmitted(InMemoryMetricReader reader, MetricDefinition metric) {
    assertThat(reader.collectAllMetrics()).extracting(MetricData::getName)
        .as("emitted metrics").doesNotContain(metric.otelName());
  }

  /** A counter or gauge point of {@code value} whose labels include these pairs. */
  public static Consumer<LongPointAssert> longPoint(long value, String... namesAndValues) {
    return p -> p.hasValue(value).hasAttributesSatisfying(labels(namesAndValues));
  }

  /** A histogram point of {@code count} values whose labels include these pairs. */
  public static Consumer<HistogramPointAssert> histogramPoint(long count,
      String... namesAndValues) {
    return p -> p.hasCount(count).hasAttributesSatisfying(labels(namesAndValues));
  }

  /** A point's labels include these label/value pairs (other labels may have any value). */
  public static AttributeAssertion[] labels(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name/value pairs, got "
          + List.of(namesAndValues));
    }
    AttributeAssertion[] out = new AttributeAssertion[namesAndValues.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = OpenTelemetryAssertions.equalTo(AttributeKey.stringKey(namesAndValues[2 * i]),
          namesAndValues[2 * i + 1]);
    }
    return out;
  }
}
