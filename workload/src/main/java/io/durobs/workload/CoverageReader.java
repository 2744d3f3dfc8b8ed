package io.durobs.workload;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.Collection;

/**
 * A metric reader that collects only when asked, so the workload program can report the
 * catalogue coverage of its own run next to whatever exporter is configured. Cumulative, like
 * the OTLP export, so one collection at the end sees everything recorded.
 */
public final class CoverageReader implements MetricReader {

  private volatile CollectionRegistration registration = CollectionRegistration.noop();

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
  }

  /** Everything recorded so far (gauges observed now). */
  public Collection<MetricData> collect() {
    return registration.collectAllMetrics();
  }

  /** The catalogue coverage of everything recorded so far. */
  public CatalogueCoverage coverage() {
    return CatalogueCoverage.of(collect());
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    registration = CollectionRegistration.noop();
    return CompletableResultCode.ofSuccess();
  }
}
