package io.durobs.engine.telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome of every OTLP export of this process, counted per signal, so that operators and
 * tests can see whether telemetry reaches the collector without reading the SDK's own logs.
 *
 * <p>The SDK already warns when an export fails (throttled by {@link TelemetryWarningThrottle});
 * this class adds the one message the SDK never writes: that export has resumed after failures.
 * The counters only ever grow; they are read with {@link #snapshot()}.
 */
public final class ExportHealth {

  private static final Logger LOG = LoggerFactory.getLogger(ExportHealth.class);

  /** The two signals the engine exports. */
  public enum Signal { METRICS, LOGS }

  /**
   * Counts of finished exports.
   *
   * @param metricSuccesses metric exports the receiver accepted
   * @param metricFailures metric exports that failed (receiver down, slow, refusing)
   * @param logSuccesses log exports the receiver accepted
   * @param logFailures log exports that failed
   */
  public record Snapshot(long metricSuccesses, long metricFailures, long logSuccesses,
      long logFailures) {}

  private final AtomicLong metricSuccesses = new AtomicLong();
  private final AtomicLong metricFailures = new AtomicLong();
  private final AtomicLong logSuccesses = new AtomicLong();
  private final AtomicLong logFailures = new AtomicLong();
  private final AtomicLong failuresSinceHealthy = new AtomicLong();
  private final AtomicBoolean failing = new AtomicBoolean();

  ExportHealth() {}

  /** The counts so far. */
  public Snapshot snapshot() {
    return new Snapshot(metricSuccesses.get(), metricFailures.get(), logSuccesses.get(),
        logFailures.get());
  }

  /** True while the most recent export of either signal failed. */
  public boolean isFailing() {
    return failing.get();
  }

  void onResult(Signal signal, boolean success) {
    boolean metrics = signal == Signal.METRICS;
    if (success) {
      (metrics ? metricSuccesses : logSuccesses).incrementAndGet();
      if (failing.compareAndSet(true, false)) {
        LOG.info("telemetry export resumed after {} failed exports", failuresSinceHealthy.getAndSet(0));
      }
    } else {
      (metrics ? metricFailures : logFailures).incrementAndGet();
      failuresSinceHealthy.incrementAndGet();
      failing.set(true);
    }
  }

  private CompletableResultCode observe(Signal signal, CompletableResultCode result) {
    result.whenComplete(() -> onResult(signal, result.isSuccess()));
    return result;
  }

  MetricExporter wrap(MetricExporter exporter) {
    return new MetricExporter() {
      @Override
      public CompletableResultCode export(Collection<MetricData> metrics) {
        return observe(Signal.METRICS, exporter.export(metrics));
      }

      @Override
      public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return exporter.getAggregationTemporality(instrumentType);
      }

      @Override
      public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
        return exporter.getDefaultAggregation(instrumentType);
      }

      @Override
      public MemoryMode getMemoryMode() {
        return exporter.getMemoryMode();
      }

      @Override
      public CompletableResultCode flush() {
        return exporter.flush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return exporter.shutdown();
      }

      @Override
      public String toString() {
        return "ExportHealth(" + exporter + ")";
      }
    };
  }

  LogRecordExporter wrap(LogRecordExporter exporter) {
    return new LogRecordExporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> logs) {
        return observe(Signal.LOGS, exporter.export(logs));
      }

      @Override
      public CompletableResultCode flush() {
        return exporter.flush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return exporter.shutdown();
      }

      @Override
      public String toString() {
        return "ExportHealth(" + exporter + ")";
      }
    };
  }
}
