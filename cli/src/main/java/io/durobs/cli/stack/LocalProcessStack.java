package io.durobs.cli.stack;

import io.durobs.collector.CollectorPipeline;
import io.durobs.engine.store.postgres.DatabaseUrl;
import io.durobs.stack.ServiceCommands;
import io.durobs.stack.StackEndpoints;
import io.durobs.stack.StackFiles;
import io.durobs.testing.postgres.LocalPostgres;
import io.durobs.toolkit.tools.Ports;
import io.durobs.toolkit.tools.Readiness;
import io.durobs.toolkit.tools.Tools;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The stack as background processes on 127.0.0.1, left running when this JVM exits: PostgreSQL
 * (the embedded server of {@link LocalPostgres}), the collector built from
 * {@code generated/collector/builder-config.yaml}, Alertmanager, and Prometheus with the rules of
 * {@code generated/prometheus/rules}. The configuration files are {@link StackFiles} rendered for
 * loopback endpoints (the renderer of {@code generated/}; only endpoints differ) and each server
 * runs with the command line of {@link ServiceCommands}, like the harness' {@code LocalStack}; but
 * every server here runs in its own session ({@code setsid}), so it outlives this command and a
 * Ctrl-C at the terminal, and its process id and start time go into the run folder's
 * {@link StackState}, so that {@link #down} stops exactly those processes.
 *
 * <p>The run folder holds {@code config/} (the rendered files), {@code logs/} (one file per
 * server), the servers' data and the state file. PostgreSQL's directory is a temp directory of
 * its own (when running as root the server runs as an unprivileged user, who cannot enter a
 * home directory), recorded in the state and removed by {@code down}.
 */
public final class LocalProcessStack {

  /** The run folder's record of PostgreSQL's directory, written before the server starts. */
  private static final String POSTGRES_DIR_FILE = "postgres-dir";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final Path root;
  private final Path runDir;
  private final Tools tools;
  private final PrintStream progress;

  /**
   * @param root the checkout (its {@code generated/} is what runs)
   * @param runDir the run folder
   * @param progress where progress lines go (stderr)
   */
  public LocalProcessStack(Path root, Path runDir, PrintStream progress) {
    this.root = root;
    this.runDir = runDir;
    this.tools = Tools.inCheckout(root);
    this.progress = progress;
  }

  /**
   * Starts the stack (after cleaning a stale run folder) and waits until every server is ready.
   *
   * @param freePorts whether to pick free ports instead of the standard ones
   * @param database a PostgreSQL server to use instead of starting the embedded one (checked
   *     first: it must answer and accept the login); empty for the embedded server
   * @return the state written to the run folder
   * @throws StackException when a port is taken, the given database cannot be reached or a
   *     server does not become ready; whatever had started is stopped again
   */
  public StackState up(boolean freePorts, Optional<DatabaseUrl> database) {
    if (database.isPresent()) {
      progress.println("durobs: using the database " + database.get().display()
          + " (not starting PostgreSQL)");
      Databases.check(database.get());
    }
    StackEndpoints endpoints = endpoints(freePorts, database.isEmpty());
    Path config = runDir.resolve("config");
    Path logs = runDir.resolve("logs");
    List<StackState.Service> started = new ArrayList<>();
    Path pgDir = null;
    try {
      Files.createDirectories(logs);
      StackFiles.writeTo(config, StackFiles.render(endpoints));
      copyRules(config.resolve("prometheus/rules"));

      progress.println("durobs: finding the tools (the first run builds them from their Go"
          + " modules: a few minutes)");
      Path otelcol = tools.collector(root.resolve("generated").resolve(StackFiles.COLLECTOR_MANIFEST));
      Path prometheus = tools.prometheus();
      Path alertmanager = tools.alertmanager();

      String databaseUrl;
      String databaseUser;
      if (database.isPresent()) {
        databaseUrl = database.get().jdbcUrl();
        databaseUser = database.get().user();
      } else {
        pgDir = Files.createTempDirectory("durobs-stack-pg-");
        // before the server starts: what cleanOrphans needs if the state file is never written
        Files.writeString(runDir.resolve(POSTGRES_DIR_FILE), pgDir.toString());
        int pgPort = endpoints.postgres().port();
        progress.println("durobs: starting postgres on 127.0.0.1:" + pgPort);
        LocalPostgres pg = LocalPostgres.start(pgDir, pgPort);
        started.add(postgresService(pg, logs));
        createDatabase(pg, ServiceCommands.POSTGRES_DATABASE);
        databaseUrl = pg.jdbcUrl(ServiceCommands.POSTGRES_DATABASE);
        databaseUser = LocalPostgres.SUPERUSER;
      }

      Path collectorDir = config.resolve("collector");
      Path logRecords = runDir.resolve("collector-log-records.jsonl");
      String health = "http://" + endpoints.healthCheck().hostPort() + "/";
      started.add(spawn("collector", otelcol,
          ServiceCommands.collector(collectorDir.toString(), true), collectorDir, logs,
          Map.of(CollectorPipeline.LOG_RECORDS_FILE_ENV, logRecords.toString()),
          "http://" + endpoints.otlpHttp().hostPort(), health));

      Path amDir = config.resolve("alertmanager");
      String am = "http://" + endpoints.alertmanager().hostPort();
      started.add(spawn("alertmanager", alertmanager, ServiceCommands.alertmanager(
          amDir.toString(), runDir.resolve("data/alertmanager").toString(), endpoints), amDir, logs,
          Map.of(), am, am + "/-/ready"));

      Path promDir = config.resolve("prometheus");
      String prom = "http://" + endpoints.prometheus().hostPort();
      started.add(spawn("prometheus", prometheus, ServiceCommands.prometheus(promDir.toString(),
          runDir.resolve("data/prometheus").toString(), endpoints), promDir, logs, Map.of(), prom,
          prom + "/-/ready"));

      StackState state = new StackState("local", started, prom, am,
          "http://" + endpoints.otlpHttp().hostPort(), databaseUrl, databaseUser,
          pgDir == null ? null : pgDir.toString(), logRecords.toString(), database.isPresent());
      state.write(runDir);
      return state;
    } catch (IOException | RuntimeException e) {
      progress.println("durobs: start failed, stopping what had started");
      stopAll(started, pgDir);
      if (e instanceof StackException se) {
        throw se;
      }
      throw new StackException(e.getMessage(), e);
    }
  }

  /**
   * Stops the servers of {@code state} that are still the processes it started, and removes the
   * run folder and PostgreSQL's directory.
   */
  public void down(StackState state) {
    stopAll(state.services(), state.postgresDir() == null ? null : Path.of(state.postgresDir()));
  }

  private void stopAll(List<StackState.Service> services, Path pgDir) {
    List<StackState.Service> reversed = new ArrayList<>(services);
    java.util.Collections.reverse(reversed);
    for (StackState.Service s : reversed) {
      if (s.name().equals("postgres")) {
        continue;
      }
      Optional<ProcessHandle> p = s.process();
      if (p.isEmpty()) {
        progress.println("durobs: " + s.name() + " (pid " + s.pid() + ") is not running");
        continue;
      }
      stop(p.get());
      progress.println("durobs: stopped " + s.name() + " (pid " + s.pid() + ")");
    }
    // pg_ctl stop returns once the pid file is gone, a moment before the postmaster exits
    Optional<ProcessHandle> postmaster = services.stream()
        .filter(s -> s.name().equals("postgres")).findFirst().flatMap(StackState.Service::process);
    if (pgDir != null && Files.isDirectory(pgDir)) {
      try {
        if (LocalPostgres.stop(pgDir)) {
          postmaster.ifPresent(LocalProcessStack::awaitExit);
          progress.println("durobs: stopped postgres");
        }
      } catch (RuntimeException e) {
        progress.println("durobs: postgres: " + e.getMessage().lines().findFirst().orElse(""));
      }
      deleteTree(pgDir);
    }
    deleteTree(runDir);
  }

  /**
   * Stops what a run folder without a readable state file still runs: the processes whose
   * command line names a file in the folder (each server's configuration is there, so they are
   * this stack's and no one else's) and the PostgreSQL server of the recorded directory; then
   * removes the folder.
   */
  public void cleanOrphans() {
    String prefix = runDir.toString() + "/";
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(prefix)).orElse(false))
        .forEach(p -> {
          String name = p.info().command().map(c -> Path.of(c).getFileName().toString())
              .orElse("process");
          stop(p);
          progress.println("durobs: stopped " + name + " (pid " + p.pid() + ")");
        });
    Path pgDir = null;
    try {
      Path record = runDir.resolve(POSTGRES_DIR_FILE);
      if (Files.isRegularFile(record)) {
        pgDir = Path.of(Files.readString(record).trim());
      }
    } catch (IOException e) {
      progress.println("durobs: cannot read " + runDir.resolve(POSTGRES_DIR_FILE));
    }
    stopAll(List.of(), pgDir != null && pgDir.getFileName().toString().startsWith("durobs-stack-pg-")
        ? pgDir : null);
  }

  /** SIGTERM, then SIGKILL if it has not exited within the grace period; returns once it has. */
  private static void stop(ProcessHandle p) {
    p.destroy();
    if (!awaitExit(p)) {
      p.destroyForcibly();
      awaitExit(p);
    }
  }

  /** Waits up to the grace period for {@code p} to exit; whether it did. */
  private static boolean awaitExit(ProcessHandle p) {
    try {
      p.onExit().get(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    } catch (java.util.concurrent.ExecutionException e) {
      return true;
    }
  }

  /** One line per server: name, state, URL. */
  public static List<String> statusLines(StackState state) {
    List<String> lines = new ArrayList<>();
    for (StackState.Service s : state.services()) {
      boolean alive = s.process().isPresent();
      boolean healthy = alive && (s.healthUrl() == null ? acceptsAt(s.url())
          : Readiness.httpOk(s.healthUrl()));
      lines.add(String.format("%-13s %-9s %s%s", s.name(),
          !alive ? "stopped" : healthy ? "healthy" : "unhealthy", s.url(),
          alive ? "  (pid " + s.pid() + ")" : ""));
    }
    if (state.externalDatabase()) {
      lines.add(String.format("%-13s %-9s %s  (given, not managed by the stack)", "database",
          acceptsAt(state.databaseUrl()) ? "healthy" : "unreachable", state.databaseUrl()));
    }
    return lines;
  }

  /** Whether every server of {@code state} runs and answers its health check. */
  public static boolean allHealthy(StackState state) {
    return statusLines(state).stream().allMatch(l -> l.contains(" healthy "));
  }

  /** Whether a TCP connection opens at a JDBC URL's or a URL's host and port (5432 if none). */
  private static boolean acceptsAt(String jdbcOrHostPort) {
    String hp = jdbcOrHostPort.replaceFirst("^[a-z:]*//", "").replaceFirst("[/?].*$", "");
    int colon = hp.lastIndexOf(':');
    return colon < 0 ? Readiness.accepts(hp, 5432)
        : Readiness.accepts(hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1)));
  }

  private StackEndpoints endpoints(boolean freePorts, boolean embeddedPostgres) {
    StackEndpoints.Builder b = StackEndpoints.builder().allOn("127.0.0.1");
    if (freePorts) {
      b.otlpGrpcPort(Ports.free()).otlpHttpPort(Ports.free()).collectorMetricsPort(Ports.free())
          .collectorTelemetryPort(Ports.free()).healthCheckPort(Ports.free())
          .prometheusPort(Ports.free()).alertmanagerPort(Ports.free()).lokiPort(Ports.free())
          .grafanaPort(Ports.free()).postgresPort(Ports.free());
    }
    StackEndpoints e = b.build();
    for (var port : Map.of("postgres", e.postgres(), "collector OTLP/gRPC", e.otlpGrpc(),
        "collector OTLP/HTTP", e.otlpHttp(), "collector metrics", e.collectorMetrics(),
        "collector telemetry", e.collectorTelemetry(), "collector health_check", e.healthCheck(),
        "prometheus", e.prometheus(), "alertmanager", e.alertmanager()).entrySet()) {
      if ((embeddedPostgres || !port.getKey().equals("postgres"))
          && Readiness.accepts("127.0.0.1", port.getValue().port())) {
        throw new StackException("port " + port.getValue().port() + " (" + port.getKey()
            + ") is in use on 127.0.0.1: stop what uses it, or pass --free-ports");
      }
    }
    return e;
  }

  private void copyRules(Path target) throws IOException {
    Path rules = root.resolve("generated/prometheus/rules");
    if (!Files.isDirectory(rules)) {
      throw new StackException("no " + rules + ": run 'durobs render' first");
    }
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(rules)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
  }

  private StackState.Service postgresService(LocalPostgres pg, Path logs) throws IOException {
    Path pidFile = pg.directory().resolve("data/postmaster.pid");
    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    Path log = logs.resolve("postgres.log");
    Files.deleteIfExists(log);
    Files.createSymbolicLink(log, pg.directory().resolve("server.log"));
    return new StackState.Service("postgres", pid, startedMillis(pid),
        pg.jdbcUrl(ServiceCommands.POSTGRES_DATABASE), null, log.toString());
  }

  private static void createDatabase(LocalPostgres pg, String name) {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"),
        LocalPostgres.SUPERUSER, ""); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      if (!"42P04".equals(e.getSQLState())) { // duplicate_database: a reused directory
        throw new StackException("cannot create database " + name + ": " + e.getMessage(), e);
      }
    }
  }

  private StackState.Service spawn(String name, Path binary, List<String> args, Path workDir,
      Path logs, Map<String, String> env, String url, String healthUrl) throws IOException {
    progress.println("durobs: starting " + name + " at " + url);
    List<String> command = new ArrayList<>(List.of("setsid", binary.toString()));
    command.addAll(args);
    Path log = logs.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(env);
    Process p = pb.start();
    StackState.Service service = new StackState.Service(name, p.pid(), startedMillis(p.pid()),
        url, healthUrl, log.toString());
    awaitReady(name, p::isAlive, () -> Readiness.httpOk(healthUrl), log);
    return service;
  }

  private static long startedMillis(long pid) {
    return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).map(Instant::toEpochMilli)
        .orElseThrow(() -> new StackException("process " + pid + " vanished right after start"));
  }

  private static void awaitReady(String name, BooleanSupplier alive, BooleanSupplier ready,
      Path log) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!ready.getAsBoolean()) {
      if (!alive.getAsBoolean()) {
        throw new StackException(name + " exited during start; last lines of " + log + ":\n"
            + tail(log, 15));
      }
      if (System.nanoTime() > deadline) {
        throw new StackException(name + " not ready after " + READY_TIMEOUT.toSeconds()
            + " s; last lines of " + log + ":\n" + tail(log, 15));
      }
      Readiness.pause(200);
    }
  }

  /** The last {@code n} lines of a log file (empty when it is missing). */
  public static String tail(Path log, int n) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // left behind; reported by the caller's check if it matters
        }
      });
    } catch (IOException e) {
      // best effort
    }
  }
}
