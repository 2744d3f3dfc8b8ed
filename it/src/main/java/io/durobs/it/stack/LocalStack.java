package io.durobs.it.stack;

import io.durobs.collector.CollectorPipeline;
import io.durobs.it.alerts.WebhookReceiver;
import io.durobs.it.logs.FileExporterRecords;
import io.durobs.it.logs.LogRecord;
import io.durobs.stack.ServiceCommands;
import io.durobs.stack.StackEndpoints;
import io.durobs.stack.StackFiles;
import io.durobs.toolkit.tools.ManagedProcess;
import io.durobs.toolkit.tools.Ports;
import io.durobs.toolkit.tools.Readiness;
import io.durobs.toolkit.tools.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The stack as local processes, for machines without Docker (this project's CI): the collector
 * built by the OpenTelemetry Collector Builder from the generated manifest, Prometheus and
 * Alertmanager from their Go modules (all cached by {@code tools/install-tools.sh}), PostgreSQL
 * (the embedded server of {@code TestPostgres} when the caller supplies one), and a webhook
 * receiver for Alertmanager. Every file is rendered by
 * {@link StackFiles#render(StackEndpoints)} for free loopback ports, the same renderer that wrote
 * {@code generated/}, into the same layout in a run directory, and each server runs with the
 * command line of {@link ServiceCommands} (the Compose file's, with this run's paths); Prometheus loads {@link HarnessRules} (the generated rules at the harness
 * time scale) unless told otherwise. Logs go to the collector's file exporter (the local
 * overlay), which the harness reads, and through the production Loki exporter to a second
 * collector in Loki's place ({@link HarnessCollector}: the exporter's queue and retries at the
 * harness time scale). The collector can be stopped and started again on the same ports
 * ({@link #interruptCollector()}) for the telemetry-outage scenario, and so can Loki's stand-in
 * ({@link #interruptLogsBackend()}) for the outage of logs that stop reaching Loki. Each process' output goes to
 * a file in the run's temp directory; {@link #close()} stops them all and removes the directory, and a JVM shutdown hook does the same if the test is killed.
 */
public final class LocalStack implements StackLauncher {

  private final Tools tools;
  private final Supplier<Database> databaseSupplier;
  private final Map<String, String> rules;
  private final Path manifest;
  private final List<AutoCloseable> running = Collections.synchronizedList(new ArrayList<>());
  private final Thread hook = new Thread(this::stopAll, "durobs-local-stack-shutdown");

  private RunDirectory dir;
  private StackEndpoints endpoints;
  private WebhookReceiver webhook;
  private Database database;
  private Path logRecords;
  private List<String> collectorCommand;
  private ManagedProcess collector;
  private StackEndpoints logsBackendEndpoints;
  private List<String> logsBackendCommand;
  private ManagedProcess logsBackend;
  private final List<ManagedProcess> processes = Collections.synchronizedList(new ArrayList<>());

  private LocalStack(Builder b) {
    this.tools = b.tools;
    this.databaseSupplier = b.database;
    this.rules = b.rules;
    this.manifest = b.manifest;
  }

  /** A builder for the checkout's tools. */
  public static Builder builder(Tools tools) {
    return new Builder(tools);
  }

  @Override
  public void start() {
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      dir = RunDirectory.create("stack");
      webhook = WebhookReceiver.start("127.0.0.1");
      running.add(webhook);
      endpoints = StackEndpoints.builder().allOn("127.0.0.1")
          .otlpGrpcPort(Ports.free()).otlpHttpPort(Ports.free())
          .collectorMetricsPort(Ports.free()).collectorTelemetryPort(Ports.free())
          .healthCheckPort(Ports.free()).prometheusPort(Ports.free())
          .alertmanagerPort(Ports.free()).lokiPort(Ports.free()).grafanaPort(Ports.free())
          .postgresPort(Ports.free()).alertWebhook(webhook.url("127.0.0.1")).build();
      StackFiles.writeTo(dir.path(), StackFiles.render(endpoints, HarnessRules.ALERT_TIMINGS));

      database = databaseSupplier == null ? null : databaseSupplier.get();

      Path collectorDir = dir.dir("collector");
      logRecords = collectorDir.resolve("log-records.jsonl");
      // the manifest does not depend on endpoints: the rendered one equals generated/'s, so the
      // binary CI built from generated/ is found in the cache (keyed by the manifest's content)
      Path otelcol = tools.collector(manifest != null ? manifest : dir.path().resolve(StackFiles.COLLECTOR_MANIFEST));
      logsBackendCommand = logsBackendCommand(otelcol);
      startLogsBackend();
      collectorCommand = command(otelcol, ServiceCommands.collector(collectorDir.toString(), true));
      collectorCommand.add(config(collectorDir.resolve(HarnessCollector.FILE_NAME),
          HarnessCollector.overlay(CollectorPipeline.local(endpoints.collector()))));
      startCollector();

      Path amDir = dir.dir("alertmanager");
      ManagedProcess am = spawn("alertmanager", command(tools.alertmanager(),
          ServiceCommands.alertmanager(amDir.toString(), amDir.resolve("data").toString(), endpoints)), amDir, Map.of());
      Readiness.await("Alertmanager /-/ready at " + alertmanagerUrl(), Duration.ofSeconds(60), am,
          () -> Readiness.httpOk(alertmanagerUrl() + "/-/ready"));

      Path promDir = dir.dir("prometheus");
      writeRules(promDir.resolve("rules"));
      LocalPrometheus prometheus = LocalPrometheus.start(tools.prometheus(), promDir, endpoints.prometheus().port());
      processes.add(prometheus.process());
      running.add(prometheus);
    } catch (RuntimeException e) {
      String diag = diagnostics();
      close();
      throw new StackStartException(e.getMessage() + (diag.isEmpty() ? "" : "\n" + diag), e);
    }
  }

  /**
   * The collector that plays Loki's OTLP endpoint: the rendered configuration and local overlay
   * on ports of its own, its OTLP/HTTP receiver on the port and path the stack's collector sends
   * logs to. What reaches it goes to its own file exporter (the harness reads the stack
   * collector's file, which does not depend on this one being up).
   */
  private List<String> logsBackendCommand(Path otelcol) {
    logsBackendEndpoints = StackEndpoints.builder().allOn("127.0.0.1")
        .otlpGrpcPort(Ports.free()).otlpHttpPort(endpoints.loki().port())
        .collectorMetricsPort(Ports.free()).collectorTelemetryPort(Ports.free())
        .healthCheckPort(Ports.free()).prometheusPort(Ports.free())
        .alertmanagerPort(Ports.free()).lokiPort(Ports.free()).grafanaPort(Ports.free())
        .postgresPort(Ports.free()).build();
    Path root = dir.dir("logs-backend");
    Map<String, String> files = new java.util.TreeMap<>(StackFiles.render(logsBackendEndpoints));
    files.keySet().removeIf(f -> !f.equals(StackFiles.COLLECTOR_CONFIG) && !f.equals(StackFiles.COLLECTOR_LOCAL_OVERLAY));
    StackFiles.writeTo(root, files);
    Path configDir = root.resolve(StackFiles.COLLECTOR_CONFIG).getParent();
    List<String> cmd = command(otelcol, ServiceCommands.collector(configDir.toString(), true));
    cmd.add(config(configDir.resolve(HarnessCollector.FILE_NAME), HarnessCollector.logsBackendOverlay()));
    return cmd;
  }

  private void startLogsBackend() {
    Path backendDir = dir.dir("logs-backend");
    logsBackend = spawn("logs-backend", logsBackendCommand, backendDir,
        Map.of(CollectorPipeline.LOG_RECORDS_FILE_ENV, backendDir.resolve("log-records.jsonl").toString()));
    String health = "http://" + logsBackendEndpoints.healthCheck().hostPort() + "/";
    Readiness.await("logs backend (a collector in Loki's place) health_check at " + health,
        Duration.ofSeconds(60), logsBackend, () -> Readiness.httpOk(health));
  }

  /** Writes a configuration file and returns the collector argument that loads it. */
  private static String config(Path file, String yaml) {
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return "--config=" + file;
  }

  /**
   * Stops the collector that plays Loki: the stack collector's logs exporter fails, its sending
   * queue fills and records are dropped, until {@link #resumeLogsBackend()}.
   */
  @Override
  public synchronized void interruptLogsBackend() {
    stop(logsBackend, "the logs backend");
  }

  /** Starts the collector that plays Loki again on the same port. */
  @Override
  public synchronized void resumeLogsBackend() {
    requireStopped(logsBackend, "the logs backend");
    startLogsBackend();
  }

  private void startCollector() {
    Path collectorDir = dir.dir("collector");
    collector = spawn("collector", collectorCommand, collectorDir,
        Map.of(CollectorPipeline.LOG_RECORDS_FILE_ENV, logRecords.toString()));
    String health = "http://" + endpoints.healthCheck().hostPort() + "/";
    Readiness.await("collector health_check at " + health, Duration.ofSeconds(60), collector,
        () -> Readiness.httpOk(health));
  }

  /** Stops the collector process; its ports stay reserved for {@link #resumeCollector()}. */
  @Override
  public synchronized void interruptCollector() {
    stop(collector, "the collector");
  }

  /** Starts the collector again with the same command line, files and ports. */
  @Override
  public synchronized void resumeCollector() {
    requireStopped(collector, "the collector");
    startCollector();
  }

  /** Stops a running process of the stack, to start it again later. */
  private void stop(ManagedProcess p, String what) {
    if (p == null || !p.isAlive()) {
      throw new IllegalStateException(what + " is not running");
    }
    p.close();
    running.remove(p);
    processes.remove(p);
  }

  private static void requireStopped(ManagedProcess p, String what) {
    if (p != null && p.isAlive()) {
      throw new IllegalStateException(what + " is running");
    }
  }

  private static List<String> command(Path binary, List<String> args) {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(args);
    return command;
  }

  private ManagedProcess spawn(String name, List<String> cmd, Path workDir, Map<String, String> env) {
    ManagedProcess p = ManagedProcess.start(name, cmd, workDir, env, workDir.resolve(name + ".log"));
    processes.add(p);
    running.add(p);
    return p;
  }

  private void writeRules(Path target) {
    try {
      Files.createDirectories(target);
      for (Map.Entry<String, String> f : rules.entrySet()) {
        Files.writeString(target.resolve(f.getKey()), f.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the rule files into " + target, e);
    }
  }

  /** The rendered endpoints (free ports on 127.0.0.1). */
  public StackEndpoints endpoints() {
    return endpoints;
  }

  /** The webhook receiver Alertmanager notifies. */
  public WebhookReceiver webhook() {
    return webhook;
  }

  /** The run's temp directory (removed on close). */
  public Path runDirectory() {
    return dir.path();
  }

  @Override
  public String otlpEndpoint() {
    return "http://" + endpoints.otlpHttp().hostPort();
  }

  @Override
  public String prometheusUrl() {
    return "http://" + endpoints.prometheus().hostPort();
  }

  @Override
  public String alertmanagerUrl() {
    return "http://" + endpoints.alertmanager().hostPort();
  }

  @Override
  public Database database() {
    if (database == null) {
      throw new IllegalStateException("this local stack was built without a database");
    }
    return database;
  }

  @Override
  public List<LogRecord> logRecords() {
    return FileExporterRecords.read(logRecords);
  }

  @Override
  public String diagnostics() {
    StringBuilder sb = new StringBuilder();
    for (ManagedProcess p : List.copyOf(processes)) {
      sb.append("--- ").append(p.name()).append(p.isAlive() ? " (running)" : " (exited " + p.exitCode() + ")")
          .append(", last lines of ").append(p.log()).append(":\n").append(p.tail(15)).append('\n');
    }
    return sb.toString();
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down and runs the hook itself
    }
  }

  private void stopAll() {
    List<AutoCloseable> toStop = new ArrayList<>(running);
    Collections.reverse(toStop);
    for (AutoCloseable c : toStop) {
      try {
        c.close();
      } catch (Exception e) {
        // keep stopping the others
      }
    }
    running.clear();
    if (dir != null) {
      dir.close();
    }
  }

  /** Builds a {@link LocalStack}. */
  public static final class Builder {
    private final Tools tools;
    private Supplier<Database> database;
    private Map<String, String> rules = HarnessRules.files();
    private Path manifest;

    private Builder(Tools tools) {
      this.tools = tools;
    }

    /** Where the engine's database comes from (a throwaway PostgreSQL); none when not set. */
    public Builder database(Supplier<Database> database) {
      this.database = database;
      return this;
    }

    /**
     * The rule files Prometheus loads, by file name ({@code *.yaml}); default
     * {@link HarnessRules#files()}.
     *
     * @throws IllegalArgumentException when a name is not a plain {@code .yaml} file name
     */
    public Builder rules(Map<String, String> files) {
      for (String name : files.keySet()) {
        if (!name.matches("[A-Za-z0-9._-]+\\.yaml")) {
          throw new IllegalArgumentException("rule file name must be a plain *.yaml name, got '" + name + "'");
        }
      }
      this.rules = new java.util.TreeMap<>(files);
      return this;
    }

    /** The collector's builder manifest (default: the one rendered with the stack's files). */
    public Builder collectorManifest(Path manifest) {
      this.manifest = manifest;
      return this;
    }

    /** The launcher (not started). */
    public LocalStack build() {
      return new LocalStack(this);
    }
  }
}
