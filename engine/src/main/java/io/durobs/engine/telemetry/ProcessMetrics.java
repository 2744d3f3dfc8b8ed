package io.durobs.engine.telemetry;

import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.engine.catalogue.MetricDefinition;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.ObservableDoubleGauge;
import io.opentelemetry.instrumentation.runtimetelemetry.RuntimeTelemetry;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;

/**
 * The engine process' own health, the catalogue's process group ({@link MetricCatalogue#process()}):
 * the JVM's memory, garbage collection, threads, classes and CPU from the OpenTelemetry Java
 * runtime telemetry (semantic-convention {@code jvm.*} names, on that library's scope), and
 * {@code process.uptime}, which the dashboards' restart markers read, on
 * {@link MetricCatalogue#PROCESS_METER_NAME}.
 */
final class ProcessMetrics implements AutoCloseable {

  private final RuntimeTelemetry runtime;
  private final ObservableDoubleGauge uptime;

  private ProcessMetrics(RuntimeTelemetry runtime, ObservableDoubleGauge uptime) {
    this.runtime = runtime;
    this.uptime = uptime;
  }

  /** Starts observing on {@code openTelemetry}'s meters until {@link #close()}. */
  static ProcessMetrics start(OpenTelemetry openTelemetry) {
    RuntimeMXBean jvm = ManagementFactory.getRuntimeMXBean();
    MetricDefinition m = MetricCatalogue.PROCESS_UPTIME;
    ObservableDoubleGauge uptime = openTelemetry.getMeter(MetricCatalogue.PROCESS_METER_NAME)
        .gaugeBuilder(m.otelName()).setUnit(m.unit()).setDescription(m.description())
        .buildWithCallback(g -> g.record(jvm.getUptime() / 1000.0));
    return new ProcessMetrics(RuntimeTelemetry.create(openTelemetry), uptime);
  }

  @Override
  public void close() {
    runtime.close();
    uptime.close();
  }
}
