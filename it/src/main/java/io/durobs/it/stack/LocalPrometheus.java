package io.durobs.it.stack;

import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.stack.ServiceCommands;
import io.durobs.stack.StackFiles;
import io.durobs.toolkit.tools.ManagedProcess;
import io.durobs.toolkit.tools.Ports;
import io.durobs.toolkit.tools.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus server process on a loopback port, run with the stack's command line
 * ({@link ServiceCommands#prometheus(String, String, String)}), with its configuration and rule
 * files in a directory of the run and its TSDB in {@code data/} there.
 */
public final class LocalPrometheus implements AutoCloseable {

  private final ManagedProcess process;
  private final int port;

  private LocalPrometheus(ManagedProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts Prometheus and waits for {@code /-/ready}.
   *
   * @param binary the prometheus binary
   * @param dir the directory holding {@code prometheus.yml} (and what it references)
   * @param port the port to listen on, on 127.0.0.1
   * @return the running server
   */
  public static LocalPrometheus start(Path binary, Path dir, int port) {
    List<String> cmd = new ArrayList<>(List.of(binary.toString()));
    cmd.addAll(ServiceCommands.prometheus(dir.toString(), dir.resolve("data").toString(), "127.0.0.1:" + port));
    ManagedProcess p = ManagedProcess.start("prometheus", cmd, dir, Map.of(), dir.resolve("prometheus.log"));
    LocalPrometheus prom = new LocalPrometheus(p, port);
    try {
      Readiness.await("Prometheus /-/ready at " + prom.url(), Duration.ofSeconds(60), p,
          () -> Readiness.httpOk(prom.url() + "/-/ready"));
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
    return prom;
  }

  /**
   * Starts a Prometheus that scrapes itself every {@code scrapeInterval}: data without the rest
   * of the stack.
   */
  public static LocalPrometheus selfScraping(Path binary, Path dir, Duration scrapeInterval) {
    int port = Ports.free();
    String s = scrapeInterval.toMillis() + "ms";
    try {
      Files.writeString(dir.resolve(Path.of(StackFiles.PROMETHEUS_CONFIG).getFileName()), "global:\n  scrape_interval: " + s
          + "\n  evaluation_interval: " + s + "\nscrape_configs:\n  - job_name: prometheus\n"
          + "    static_configs:\n      - targets: ['127.0.0.1:" + port + "']\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return start(binary, dir, port);
  }

  /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The port. */
  public int port() {
    return port;
  }

  /** A client for it. */
  public PrometheusClient client() {
    return PrometheusClient.of(url());
  }

  /** The process. */
  public ManagedProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.close();
  }
}
