package io.durobs.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real OpenTelemetry Collector (the binary {@code tools/install-tools.sh} builds into
 * {@code ~/.cache/durobs/tools/otelcol-<manifest hash>/otelcol-durobs}, or under
 * {@code DUROBS_TOOLS_DIR}) as a local OTLP/HTTP receiver on 127.0.0.1: it writes what it
 * receives to one JSON-lines file per signal (file exporter), one line per received batch.
 */
final class LocalCollector implements AutoCloseable {

  private final Process process;
  private final Path metrics;
  private final Path logs;

  private LocalCollector(Process process, Path metrics, Path logs) {
    this.process = process;
    this.metrics = metrics;
    this.logs = logs;
  }

  /** The newest collector binary built on this machine, if any. */
  static Optional<Path> binary() {
    String dir = System.getenv("DUROBS_TOOLS_DIR");
    Path tools = dir != null && !dir.isBlank() ? Path.of(dir)
        : Path.of(System.getProperty("user.home"), ".cache", "durobs", "tools");
    if (!Files.isDirectory(tools)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(tools)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("otelcol-"))
          .map(d -> d.resolve("otelcol-durobs"))
          .filter(Files::isExecutable)
          .max(Comparator.comparing(LocalCollector::modified));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static java.nio.file.attribute.FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts {@code binary} receiving OTLP/HTTP on {@code port}; returns once it accepts. */
  static LocalCollector start(Path binary, int port, Path workDir) throws IOException,
      InterruptedException {
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
    Process p = new ProcessBuilder(binary.toString(), "--config=" + config)
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("collector.log").toFile())
        .start();
    LocalCollector c = new LocalCollector(p, metrics, logs);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!accepts(port)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        c.close();
        throw new IllegalStateException("the collector did not start on port " + port + ": "
            + Files.readString(workDir.resolve("collector.log")));
      }
      Thread.sleep(50);
    }
    return c;
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
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

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
