package io.durobs.bench;

import io.durobs.engine.telemetry.Telemetry;
import io.durobs.toolkit.tools.Ports;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code durobs bench}: starts its own PostgreSQL server (default durability), measures pgbench,
 * durobs and DBOS Transact on it, prints the table and the summary line and writes the JSON file.
 *
 * <p>The series, in order, after both engines ran unmeasured to warm this JVM up: durobs no-op
 * at 50 in flight (profiled: wait events, statements), then at 10 and 200 in flight (with RSS),
 * duroxide's shape at 2:2 and 8:8 slots with 20 in flight and at 8:8 with 8, the telemetry pairs
 * (off and on, the order alternating; on: OTLP to a running collector), DBOS no-op at 50 in flight (profiled) and
 * DBOS at the 2:2 shape. durobs runs at its default settings (4 orchestration and 8 worker
 * slots, polling 5 to 200 ms, a pool of 10) except where slots are named; telemetry is off
 * (no-op OpenTelemetry) except in the "on" runs.
 */
@Command(name = "durobs bench",
    description = "Measures durobs against pgbench and DBOS Transact on its own PostgreSQL server.")
public final class BenchMain implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
  boolean help;

  @Option(names = "--quick", description = "a run of a few minutes (3 windows of 5 s per series)")
  boolean quick;

  @Option(names = "--smoke", description = "seconds: every part once, numbers meaningless (CI)")
  boolean smoke;

  @Option(names = "--json", paramLabel = "FILE",
      description = "where the results go (default: .durobs/bench/bench.json in the checkout)")
  Path json;

  /** durobs' default slots (orchestration, worker), as the engine's builder sets them. */
  private static final int DEFAULT_ORCHESTRATION_SLOTS = 4;
  private static final int DEFAULT_WORKER_SLOTS = 8;

  private final AtomicInteger seriesNumber = new AtomicInteger();
  /**
   * The server and the collector while they run, newest last: stopped by a shutdown hook when
   * the JVM is told to end mid-run (Ctrl-C, SIGTERM), which they would otherwise outlive.
   */
  private final Deque<AutoCloseable> started = new ConcurrentLinkedDeque<>();

  /** The program. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (quick && smoke) {
      System.err.println("bench: --quick and --smoke exclude each other");
      return 2;
    }
    Plan plan = smoke ? Plan.SMOKE : quick ? Plan.QUICK : Plan.FULL;
    Path root = Path.of(System.getProperty("durobs.root", ".")).toAbsolutePath().normalize();
    Path out = json != null ? json : root.resolve(".durobs/bench/bench.json");
    Report report = run(plan, root);
    report.print(System.out);
    report.writeJson(out);
    System.out.println("bench: results in " + out);
    return 0;
  }

  /** Runs every part of the plan and returns the report (nothing printed but progress). */
  Report run(Plan plan, Path root) throws Exception {
    Thread cleanup = new Thread(this::stopStarted, "bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      return runParts(plan, root);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs
      }
    }
  }

  /** Stops what still runs, newest first (the collector, then the server). */
  private void stopStarted() {
    for (AutoCloseable c; (c = started.pollLast()) != null; ) {
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("bench: stopping " + c + " failed: " + e.getMessage());
      }
    }
  }

  private Report runParts(Plan plan, Path root) throws Exception {
    Map<String, String> machine = Machine.describe();
    progress("mode " + plan.name() + "; machine " + machine);
    Path work = Files.createTempDirectory("durobs-bench-");
    try (BenchServer server = started(BenchServer.start(Ports.free()))) {
      Map<String, String> settings = new LinkedHashMap<>(server.settings());
      settings.put("data_directory", server.directory().toString());
      progress("server " + settings);
      progress("pgbench -N -c " + Pgbench.CLIENTS);
      Pgbench.Result pgbench = Pgbench.run(server, (int) plan.pgbench().toSeconds());
      warmUpJvm(server, plan);
      List<SeriesResult> series = new ArrayList<>();
      series.add(durobs(server, plan, Report.NO_OP, Shape.NO_OP, 50, 0, 0, null, true));
      series.add(durobs(server, plan, Report.NO_OP, Shape.NO_OP, 10, 0, 0, null, false));
      series.add(durobs(server, plan, Report.NO_OP, Shape.NO_OP, 200, 0, 0, null, false));
      series.add(durobs(server, plan, Report.SHAPE_2_2, Shape.DUROXIDE, 20, 2, 2, null, false));
      series.add(durobs(server, plan, "duroxide shape 8:8", Shape.DUROXIDE, 20, 8, 8, null, false));
      // as many in flight as worker slots: no activity waits for a slot, so the latency is the
      // engine's own (at 20 in flight, 8 slots of 10 ms activities cap the shape at 160
      // orchestrations/s, and Little's law puts its p50 at 125 ms or more)
      series.add(durobs(server, plan, "duroxide shape 8:8", Shape.DUROXIDE, 8, 8, 8, null, false));
      List<Double> pairs = new ArrayList<>();
      List<Double> cpuPairs = new ArrayList<>();
      double collectorPercent;
      try (Collector collector = started(Collector.start(root, work))) {
        collectorPercent = telemetryPairs(collector, server, plan, series, pairs, cpuPairs);
      }
      series.add(dbos(server, plan, Report.NO_OP, Shape.NO_OP, 50, null, true));
      series.add(dbos(server, plan, Report.SHAPE_2_2, Shape.DUROXIDE, 20, 2, false));
      Idle idle = idle(server, plan);
      machine.put("load after", Machine.loadAverage());
      return Report.of(plan.name(), machine, settings, pgbench, series, pairs, cpuPairs,
          collectorPercent, idle);
    } finally {
      deleteQuietly(work);
    }
  }

  private <C extends AutoCloseable> C started(C resource) {
    started.add(resource);
    return resource;
  }

  /**
   * The telemetry pairs: two engines at once on databases of their own, one with telemetry off,
   * one exporting OTLP to {@code collector}, driven in turn one window each (off then on, then on
   * then off, ...), each pair's ratios added to {@code pairs} (throughput) and {@code cpuPairs}
   * (JVM CPU per orchestration), its windows to {@code series}.
   *
   * <p>Why adjacent windows and not runs of their own: runs a minute apart, nothing changed,
   * differed by 20 % and more in throughput and CPU per orchestration (the server's checkpoints
   * and autovacuum come and go, and a slower server costs the engine more CPU per orchestration
   * in wake-ups), which buried a few percent of telemetry; adjacent windows share the server's
   * state. The telemetry's own threads keep exporting while its engine idles through an off
   * window: their CPU is taken out of that window's.
   *
   * @return the collector's CPU over the pairs' windows, in percent of one core
   */
  private double telemetryPairs(Collector collector, BenchServer server, Plan plan,
      List<SeriesResult> series, List<Double> pairs, List<Double> cpuPairs) throws Exception {
    // the other engine's pollers have backed off while it idled: a second brings all 50 back
    Plan window = new Plan(plan.name(), Duration.ofSeconds(1), plan.window(), 1, plan.pgbench(),
        0, plan.minCompleted(), plan.idle());
    Plan warmUp = new Plan(plan.name(), plan.warmup(), plan.window(), 0, plan.pgbench(), 0,
        plan.minCompleted(), plan.idle());
    String offDb = "t" + seriesNumber.incrementAndGet() + "_off";
    String onDb = "t" + seriesNumber.incrementAndGet() + "_on";
    StepClock offClock = new StepClock(Shape.NO_OP.steps());
    StepClock onClock = new StepClock(Shape.NO_OP.steps());
    progress("durobs " + Report.NO_OP + ", 50 in flight, telemetry on and off in turn, "
        + plan.telemetryPairs() + " pairs of windows");
    try (Telemetry telemetry = Telemetry.builder().settings(collector.engineSettings())
            .shutdownHook(false).build();
        Engine off = new DurobsEngine(server.createDatabase(offDb), server.user(), Shape.NO_OP,
            DEFAULT_ORCHESTRATION_SLOTS, DEFAULT_WORKER_SLOTS, OpenTelemetry.noop(), offClock);
        Engine on = new DurobsEngine(server.createDatabase(onDb), server.user(), Shape.NO_OP,
            DEFAULT_ORCHESTRATION_SLOTS, DEFAULT_WORKER_SLOTS, telemetry.openTelemetry(),
            onClock)) {
      // unmeasured: the first recordings compile the SDK's code paths
      new ClosedLoop(on, onClock, 50, warmUp, server, onDb, false).run();
      new ClosedLoop(off, offClock, 50, warmUp, server, offDb, false).run();
      long collector0 = collector.cpuNanos();
      long t0 = System.nanoTime();
      for (int i = 0; i < plan.telemetryPairs(); i++) {
        boolean onFirst = i % 2 == 1;
        SeriesResult first = onFirst
            ? pairWindow(on, onClock, window, server, onDb, true, i)
            : pairWindow(off, offClock, window, server, offDb, false, i);
        SeriesResult second = onFirst
            ? pairWindow(off, offClock, window, server, offDb, false, i)
            : pairWindow(on, onClock, window, server, onDb, true, i);
        SeriesResult offResult = onFirst ? second : first;
        SeriesResult onResult = onFirst ? first : second;
        pairs.add(onResult.perSecond().median() / offResult.perSecond().median());
        cpuPairs.add(onResult.cpuMsPerOrch() / offResult.cpuMsPerOrch());
        series.add(offResult);
        series.add(onResult);
      }
      return 100.0 * (collector.cpuNanos() - collector0) / (System.nanoTime() - t0);
    }
  }

  /** One window of a telemetry pair (see {@link #telemetryPairs}). */
  private SeriesResult pairWindow(Engine engine, StepClock clock, Plan window, BenchServer server,
      String database, boolean on, int pair) throws Exception {
    ClosedLoop.Measured m = new ClosedLoop(engine, clock, 50, window, server, database, false)
        .countingTelemetryThreads(on).run();
    return SeriesResult.of("durobs", Report.NO_OP + " (pair " + (pair + 1) + ")", 50,
        DEFAULT_ORCHESTRATION_SLOTS + ":" + DEFAULT_WORKER_SLOTS, on, m, Machine.rssMb());
  }

  /**
   * An engine at its default settings with nothing to do: the CPU this JVM (the engine's
   * pollers, gauge refresh, pool housekeeping) and the server (the polls' queries) spend over
   * {@link Plan#idle()}, after the warm-up has let the pollers back off.
   */
  private Idle idle(BenchServer server, Plan plan) throws Exception {
    String url = server.createDatabase("idle_durobs");
    progress("durobs idle, default settings, " + plan.idle().toSeconds() + " s");
    try (Engine e = new DurobsEngine(url, server.user(), Shape.NO_OP,
        DEFAULT_ORCHESTRATION_SLOTS, DEFAULT_WORKER_SLOTS, OpenTelemetry.noop(),
        new StepClock(Shape.NO_OP.steps()))) {
      Thread.sleep(plan.warmup().toMillis());
      long jvm0 = ClosedLoop.processCpuNanos();
      long server0 = server.cpuNanos();
      long t0 = System.nanoTime();
      Thread.sleep(plan.idle().toMillis());
      double wall = System.nanoTime() - t0;
      Idle idle = new Idle(wall / 1e9, 100 * (ClosedLoop.processCpuNanos() - jvm0) / wall,
          100 * (server.cpuNanos() - server0) / wall);
      progress(String.format(java.util.Locale.ROOT, "  engine %.2f%% of a core, server %.2f%%",
          idle.enginePercent(), idle.serverPercent()));
      return idle;
    }
  }

  /**
   * The idle engine's CPU.
   *
   * @param seconds how long it was measured
   * @param enginePercent this JVM's CPU time over that time, in percent of one core
   * @param serverPercent the server's (all its processes), likewise
   */
  public record Idle(double seconds, double enginePercent, double serverPercent) {}

  /**
   * Runs both engines unmeasured for twice the warm-up, so that the first measured series does
   * not pay for this JVM's class loading and JIT compilation (each series still warms up too).
   */
  private void warmUpJvm(BenchServer server, Plan plan) throws Exception {
    Plan jvm = new Plan("jvm warm-up", plan.warmup().multipliedBy(2), plan.window(), 0,
        plan.pgbench(), 0, 0, plan.idle());
    progress("warming up this JVM (both engines, unmeasured)");
    for (String engine : List.of("durobs", "dbos")) {
      String database = "w_" + engine;
      String url = server.createDatabase(database);
      StepClock clock = new StepClock(Shape.NO_OP.steps());
      try (Engine e = engine.equals("durobs")
          ? new DurobsEngine(url, server.user(), Shape.NO_OP, DEFAULT_ORCHESTRATION_SLOTS,
              DEFAULT_WORKER_SLOTS, OpenTelemetry.noop(), clock)
          : new DbosEngine(url, server.user(), Shape.NO_OP, null, clock)) {
        new ClosedLoop(e, clock, 50, jvm, server, database, false).run();
      }
    }
  }

  private SeriesResult durobs(BenchServer server, Plan plan, String workload, Shape shape,
      int inFlight, int orchestrationSlots, int workerSlots, Telemetry telemetry, boolean profile)
      throws Exception {
    OpenTelemetry otel = telemetry == null ? OpenTelemetry.noop() : telemetry.openTelemetry();
    int orchestration = orchestrationSlots == 0 ? DEFAULT_ORCHESTRATION_SLOTS : orchestrationSlots;
    int worker = orchestrationSlots == 0 ? DEFAULT_WORKER_SLOTS : workerSlots;
    return measure(server, plan, "durobs", workload, shape, inFlight, orchestration + ":" + worker,
        telemetry != null, profile,
        (url, clock) -> new DurobsEngine(url, server.user(), shape, orchestration, worker, otel,
            clock));
  }

  private SeriesResult dbos(BenchServer server, Plan plan, String workload, Shape shape,
      int inFlight, Integer slots, boolean profile) throws Exception {
    return measure(server, plan, "dbos", workload, shape, inFlight,
        slots == null ? "-" : slots + ":" + slots, false, profile,
        (url, clock) -> new DbosEngine(url, server.user(), shape, slots, clock));
  }

  private SeriesResult measure(BenchServer server, Plan plan, String engineName, String workload,
      Shape shape, int inFlight, String slots, boolean telemetry, boolean profile,
      EngineFactory factory) throws Exception {
    String database = "s" + seriesNumber.incrementAndGet() + "_" + engineName;
    String url = profile ? server.createProfiledDatabase(database)
        : server.createDatabase(database);
    progress(engineName + " " + workload + ", " + inFlight + " in flight, slots " + slots
        + (telemetry ? ", telemetry on" : ""));
    StepClock clock = new StepClock(shape.steps());
    ClosedLoop.Measured m;
    try (Engine engine = factory.create(url, clock)) {
      m = new ClosedLoop(engine, clock, inFlight, plan, server, database, profile).run();
    }
    SeriesResult r = SeriesResult.of(engineName, workload, inFlight, slots, telemetry, m,
        Machine.rssMb());
    progress(String.format(java.util.Locale.ROOT, "  %.1f orch/s median, p50 %.1f ms, %.1f write xacts/orch",
        r.perSecond().median(), r.p50Ms(), r.writeXactsPerOrch()));
    return r;
  }

  /** Makes an engine on a database URL, reporting its steps to a clock. */
  @FunctionalInterface
  private interface EngineFactory {
    Engine create(String jdbcUrl, StepClock clock);
  }

  private static void progress(String line) {
    System.err.println(Instant.now().toString().substring(11, 19) + " bench: " + line);
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory
    }
  }
}
