package com.example.toygres.observability;

import io.durobs.engine.catalogue.Label;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.engine.catalogue.MetricKind;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Toygres' own metrics, declared once in the engine catalogue's types (the dashboards, the alert
 * and the lint read these definitions; nothing else spells the names), and emitted with the
 * OpenTelemetry API next to the engine's catalogue (same {@link OpenTelemetry}, same exporter).
 */
public final class ToygresMetrics {

  /** Where Toygres runs instances. */
  public static final Label REGION = Label.enumerated("region", "eu-west", "us-east");

  /** Instances created, by region. */
  public static final MetricDefinition INSTANCES_CREATED = MetricDefinition.builder(
          "toygres.instances.created", MetricKind.COUNTER, "{instance}")
      .description("Instances created (provisioning finished), by region.")
      .label(REGION)
      .build();

  /** Time from a create request to a running instance, by region. */
  public static final MetricDefinition PROVISIONING_DURATION = MetricDefinition.builder(
          "toygres.provisioning.duration", MetricKind.HISTOGRAM, "s")
      .description("Time from a create request to a running instance, by region.")
      .label(REGION)
      .buckets(1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0)
      .build();

  /** Instances running now, by region. */
  public static final MetricDefinition INSTANCES_RUNNING = MetricDefinition.builder(
          "toygres.instances.running", MetricKind.GAUGE, "{instance}")
      .description("Instances running now, by region.")
      .label(REGION)
      .build();

  /** Every metric of this service, in order. */
  public static final List<MetricDefinition> ALL = List.of(INSTANCES_CREATED,
      PROVISIONING_DURATION, INSTANCES_RUNNING);

  private static final AttributeKey<String> REGION_KEY = AttributeKey.stringKey(REGION.name());

  private final LongCounter created;
  private final DoubleHistogram provisioning;
  private final Map<String, Long> running = new ConcurrentHashMap<>();

  /**
   * The instruments, on the service's OpenTelemetry (e.g. the engine's
   * {@code Telemetry.openTelemetry()}).
   */
  public ToygresMetrics(OpenTelemetry openTelemetry) {
    Meter meter = openTelemetry.getMeter("com.example.toygres");
    created = meter.counterBuilder(INSTANCES_CREATED.otelName())
        .setUnit(INSTANCES_CREATED.unit()).setDescription(INSTANCES_CREATED.description()).build();
    provisioning = meter.histogramBuilder(PROVISIONING_DURATION.otelName())
        .setUnit(PROVISIONING_DURATION.unit())
        .setDescription(PROVISIONING_DURATION.description())
        .setExplicitBucketBoundariesAdvice(PROVISIONING_DURATION.buckets()).build();
    meter.gaugeBuilder(INSTANCES_RUNNING.otelName()).ofLongs()
        .setUnit(INSTANCES_RUNNING.unit()).setDescription(INSTANCES_RUNNING.description())
        .buildWithCallback(m -> running.forEach((region, n) ->
            m.record(n, Attributes.of(REGION_KEY, region))));
  }

  /** An instance finished provisioning in {@code seconds} and runs. */
  public void created(String region, double seconds) {
    requireRegion(region);
    Attributes attributes = Attributes.of(REGION_KEY, region);
    created.add(1, attributes);
    provisioning.record(seconds, attributes);
    running.merge(region, 1L, Long::sum);
  }

  /** An instance was deleted. */
  public void deleted(String region) {
    requireRegion(region);
    running.merge(region, -1L, Long::sum);
  }

  private static void requireRegion(String region) {
    if (!REGION.allows(region)) {
      throw new IllegalArgumentException("region '" + region + "' is not one of "
          + REGION.allowedValues());
    }
  }
}
