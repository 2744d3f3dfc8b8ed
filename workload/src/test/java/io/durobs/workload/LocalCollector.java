package io.durobs.workload;

import io.durobs.stack.StackFiles;
import io.durobs.toolkit.tools.Checkout;
import io.durobs.toolkit.tools.ManagedProcess;
import io.durobs.toolkit.tools.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real OpenTelemetry Collector, the stack's own build (from
 * {@code generated/collector/builder-config.yaml}, located and on first use built by
 * {@link io.durobs.toolkit.tools.Tools}), as a local OTLP/HTTP receiver on 127.0.0.1: it writes
 * what it receives to one JSON-lines file per signal (file exporter), one line per received batch.
 */
final class LocalCollector implements AutoCloseable {

  private static final Duration START = Duration.ofSeconds(20);

  private final ManagedProcess process;
  private final Path metrics;
  private final Path logs;

  private LocalCollector(ManagedProcess process, Path metrics, Path logs) {
    this.process = process;
    this.metrics = metrics;
    this.logs = logs;
  }

  /** The stack's collector binary, built from the checkout's generated manifest. */
  static Path binary() {
    return Checkout.tools().collector(Checkout.root().resolve("generated").resolve(StackFiles.COLLECTOR_MANIFEST));
  }

  /**
   * Starts the collector receiving OTLP/HTTP on {@code port}; returns once it accepts.
   *
   * @throws io.durobs.toolkit.tools.NotReadyException if it exits or does not listen in time
   */
  static LocalCollector start(int port, Path workDir) throws IOException {
    Files.createDirectories(workDir);
    Path metrics = workDir.resolve("metrics.jsonl");
    Path logs = workDir.resolve("logs.jsonl");
    Path config = workDir.resolve("collector.yaml");
    Files.writeString(config, String.join("\n",
        "receivers:",
        "  otlp:",
        "    protocols:",
        "      http:",
        "        endpoint: 127.0.0.1:" + port,
        "exporters:",
        "  file/metrics:",
        "    path: " + metrics,
        "    flush_interval: 100ms",
        "  file/logs:",
        "    path: " + logs,
        "    flush_interval: 100ms",
        "service:",
        "  telemetry:",
        "    logs:",
        "      level: warn",
        "    metrics:",
        "      level: none",
        "  pipelines:",
        "    metrics:",
        "      receivers: [otlp]",
        "      exporters: [file/metrics]",
        "    logs:",
        "      receivers: [otlp]",
        "      exporters: [file/logs]",
        ""), StandardCharsets.UTF_8);
    ManagedProcess process = ManagedProcess.start("collector",
        List.of(binary().toString(), "--config=" + config), workDir, Map.of(), workDir.resolve("collector.log"));
    try {
      Readiness.await("the collector's OTLP/HTTP receiver on port " + port, START, process,
          () -> Readiness.accepts("127.0.0.1", port));
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new LocalCollector(process, metrics, logs);
  }

  /** Metric batches received and written so far. */
  long metricBatches() {
    return lines(metrics);
  }

  /** Log batches received and written so far. */
  long logBatches() {
    return lines(logs);
  }

  private static long lines(Path file) {
    if (!Files.exists(file)) {
      return 0;
    }
    try (Stream<String> s = Files.lines(file)) {
      return s.filter(l -> !l.isBlank()).count();
    } catch (IOException | UncheckedIOException e) {
      return 0; // being written; the caller polls again
    }
  }

  /** Stops the collector (a second call does nothing more). */
  @Override
  public void close() {
    process.close();
  }
}
