package com.example.toygres.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The instruments are the declared metrics: names, units, labels and buckets. */
class ToygresMetricsTest {

  @Test
  void emitsTheDeclaredMetrics() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
        .build()) {
      ToygresMetrics metrics = new ToygresMetrics(sdk);
      metrics.created("eu-west", 42);
      metrics.created("eu-west", 7);
      metrics.created("us-east", 3);
      metrics.deleted("eu-west");

      Map<String, MetricData> byName = reader.collectAllMetrics().stream()
          .collect(Collectors.toMap(MetricData::getName, m -> m));
      assertEquals(ToygresMetrics.ALL.size(), byName.size(), byName.keySet().toString());
      ToygresMetrics.ALL.forEach(def -> assertEquals(def.unit(),
          byName.get(def.otelName()).getUnit(), def.otelName()));

      var created = byName.get(ToygresMetrics.INSTANCES_CREATED.otelName()).getLongSumData();
      AttributeKey<String> region = AttributeKey.stringKey(ToygresMetrics.REGION.name());
      assertEquals(Map.of("eu-west", 2L, "us-east", 1L), created.getPoints().stream()
          .collect(Collectors.toMap(p -> p.getAttributes().get(region), p -> p.getValue())));
      var provisioning = byName.get(ToygresMetrics.PROVISIONING_DURATION.otelName())
          .getHistogramData().getPoints().iterator().next();
      assertEquals(ToygresMetrics.PROVISIONING_DURATION.buckets(), provisioning.getBoundaries());
      var running = byName.get(ToygresMetrics.INSTANCES_RUNNING.otelName()).getLongGaugeData();
      assertEquals(Map.of("eu-west", 1L, "us-east", 1L), running.getPoints().stream()
          .collect(Collectors.toMap(p -> p.getAttributes().get(region), p -> p.getValue())));
    }
  }

  @Test
  void refusesARegionTheCatalogueDoesNotAllow() {
    ToygresMetrics metrics = new ToygresMetrics(io.opentelemetry.api.OpenTelemetry.noop());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> metrics.created("mars", 1));
    assertEquals("region 'mars' is not one of [eu-west, us-east]", e.getMessage());
  }
}
