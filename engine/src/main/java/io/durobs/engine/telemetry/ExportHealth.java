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
 * <p>The SDK already warns when an export fails (throttled by {@link TelemetryWarningThrottle}),
 * without saying where to; this class adds one line when export starts failing, naming the
 * signal and the endpoint, and the one message the SDK never writes: that export has resumed.
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
    onResult(signal, success, "the exporter", null);
  }

  /**
   * Counts one export; logs one line when export starts failing (naming the signal, the endpoint
   * and the reason) and one when it succeeds again, so an operator sees where telemetry was
   * going whatever the SDK's own (throttled) warnings say.
   */
  void onResult(Signal signal, boolean success, String endpoint, Throwable failure) {
    boolean metrics = signal == Signal.METRICS;
    if (success) {
      (metrics ? metricSuccesses : logSuccesses).incrementAndGet();
      if (failing.compareAndSet(true, false)) {
        LOG.info("telemetry export to {} resumed after {} failed exports", endpoint,
            failuresSinceHealthy.getAndSet(0));
      }
    } else {
      (metrics ? metricFailures : logFailures).incrementAndGet();
      failuresSinceHealthy.incrementAndGet();
      if (failing.compareAndSet(false, true)) {
        LOG.warn("telemetry export failing: {} to {}: {}; a line follows when it resumes",
            signal.name().toLowerCase(java.util.Locale.ROOT), endpoint,
            failure == null ? "the exporter reported a failure" : reason(failure));
      }
    }
  }

  private static String reason(Throwable t) {
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse("");
  }

  private CompletableResultCode observe(Signal signal, String endpoint,
      CompletableResultCode result) {
    result.whenComplete(() -> onResult(signal, result.isSuccess(), endpoint,
        result.getFailureThrowable()));
    return result;
  }

  /**
   * Where {@code signal} is exported to, from the settings the SDK was configured with: the
   * signal's own OTLP endpoint, else the common one plus the signal's path (HTTP), else the
   * SDK's default; user and password in the URL are left out. Names the exporter instead when
   * it is not OTLP.
   */
  static String endpoint(io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties c,
      Signal signal) {
    String name = signal.name().toLowerCase(java.util.Locale.ROOT);
    String exporter = c.getString("otel." + name + ".exporter", "otlp");
    if (!exporter.equals("otlp")) {
      return "the '" + exporter + "' exporter";
    }
    String protocol = c.getString("otel.exporter.otlp." + name + ".protocol",
        c.getString("otel.exporter.otlp.protocol", "grpc"));
    boolean grpc = protocol.equals("grpc");
    String own = c.getString("otel.exporter.otlp." + name + ".endpoint");
    String url;
    if (own != null && !own.isBlank()) {
      url = own;
    } else {
      String base = c.getString("otel.exporter.otlp.endpoint",
          grpc ? "http://localhost:4317" : "http://localhost:4318");
      url = grpc ? base : base.replaceFirst("/+$", "") + "/v1/" + name;
    }
    return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1") + " (" + protocol + ")";
  }

  MetricExporter wrap(MetricExporter exporter) {
    return wrap(exporter, "the metric exporter");
  }

  MetricExporter wrap(MetricExporter exporter, String endpoint) {
    return new MetricExporter() {
      @Override
      public CompletableResultCode export(Collection<MetricData> metrics) {
        return observe(Signal.METRICS, endpoint, exporter.export(metrics));
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
    return wrap(exporter, "the log exporter");
  }

  LogRecordExporter wrap(LogRecordExporter exporter, String endpoint) {
    return new LogRecordExporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> logs) {
        return observe(Signal.LOGS, endpoint, exporter.export(logs));
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
