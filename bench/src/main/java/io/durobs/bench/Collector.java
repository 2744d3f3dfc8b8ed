package io.durobs.bench;

import io.durobs.stack.StackFiles;
import io.durobs.toolkit.tools.ManagedProcess;
import io.durobs.toolkit.tools.Ports;
import io.durobs.toolkit.tools.Readiness;
import io.durobs.toolkit.tools.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A running OpenTelemetry Collector for the telemetry-on runs: the stack's collector binary
 * (built from {@code generated/collector/builder-config.yaml} through {@link Tools}) with a
 * minimal pipeline on loopback ports: OTLP gRPC in, batch, metrics to the Prometheus exporter
 * and logs to the debug exporter (counts only), so the engine exports to a receiver that accepts
 * and the collector does a real collector's work, without the rest of the stack.
 */
final class Collector implements AutoCloseable {

  private final ManagedProcess process;
  private final int otlpPort;

  private Collector(ManagedProcess process, int otlpPort) {
    this.process = process;
    this.otlpPort = otlpPort;
  }

  /** Builds (first time) or finds the collector and starts it in {@code dir}. */
  static Collector start(Path root, Path dir) throws IOException {
    Path binary = Tools.inCheckout(root)
        .collector(root.resolve("generated").resolve(StackFiles.COLLECTOR_MANIFEST));
    int otlp = Ports.free();
    int prometheus = Ports.free();
    int health = Ports.free();
    Path config = dir.resolve("collector.yaml");
    Files.writeString(config, String.join("\n",
        "receivers:",
        "  otlp:",
        "    protocols:",
        "      grpc:",
        "        endpoint: 127.0.0.1:" + otlp,
        "processors:",
        "  batch: {}",
        "exporters:",
        "  prometheus:",
        "    endpoint: 127.0.0.1:" + prometheus,
        "  debug:",
        "    verbosity: basic",
        "extensions:",
        "  health_check:",
        "    endpoint: 127.0.0.1:" + health,
        "service:",
        "  extensions: [health_check]",
        "  telemetry:",
        "    logs:",
        "      level: warn",
        "    metrics:",
        "      level: none",
        "  pipelines:",
        "    metrics:",
        "      receivers: [otlp]",
        "      processors: [batch]",
        "      exporters: [prometheus]",
        "    logs:",
        "      receivers: [otlp]",
        "      processors: [batch]",
        "      exporters: [debug]",
        ""));
    ManagedProcess p = ManagedProcess.start("collector",
        List.of(binary.toString(), "--config", config.toString()), dir, Map.of(),
        dir.resolve("collector.log"));
    try {
      Readiness.await("collector health check", Duration.ofSeconds(60), p,
          () -> Readiness.httpOk("http://127.0.0.1:" + health + "/"));
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
    return new Collector(p, otlp);
  }

  /** The setting of the engine's metric export interval, in milliseconds. */
  static final String METRIC_INTERVAL = "OTEL_METRIC_EXPORT_INTERVAL";

  /** The engine's telemetry settings: OTLP gRPC to this collector, metrics every second. */
  Map<String, String> engineSettings() {
    return Map.of(
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + otlpPort,
        "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
        "OTEL_METRICS_EXPORTER", "otlp",
        "OTEL_LOGS_EXPORTER", "otlp",
        METRIC_INTERVAL, "1000",
        "OTEL_SERVICE_NAME", "durobs-bench");
  }

  /** The collector's CPU time so far. */
  long cpuNanos() {
    return ProcessHandle.of(process.pid()).flatMap(h -> h.info().totalCpuDuration())
        .map(java.time.Duration::toNanos).orElse(0L);
  }

  @Override
  public void close() {
    process.close();
  }
}
