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
 * (durobs engines off, on and off again as a control, {@link #inRotation in rotation}; on:
 * OTLP to a running collector),
 * DBOS no-op at 50 in flight (profiled), DBOS at the 2:2 shape, the headline pairs (durobs and
 * DBOS no-op at 50 in flight, in turn) and the idle engine. durobs runs at its default settings
 * (4 orchestration and 8 worker slots, polling 5 to 200 ms, a pool of 10) except where slots are
 * named; telemetry is off (no-op OpenTelemetry) except in the "on" windows.
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
  private static final String DEFAULT_SLOTS = DEFAULT_ORCHESTRATION_SLOTS + ":"
      + DEFAULT_WORKER_SLOTS;

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
      series.add(durobs(server, plan, Report.NO_OP, Shape.NO_OP, 50, 0, 0, true));
      series.add(durobs(server, plan, Report.NO_OP, Shape.NO_OP, 10, 0, 0, false));
      series.add(durobs(server, plan, Report.NO_OP, Shape.NO_OP, 200, 0, 0, false));
      series.add(durobs(server, plan, Report.SHAPE_2_2, Shape.DUROXIDE, 20, 2, 2, false));
      series.add(durobs(server, plan, "duroxide shape 8:8", Shape.DUROXIDE, 20, 8, 8, false));
      // as many in flight as worker slots: no activity waits for a slot, so the latency is the
      // engine's own (at 20 in flight, 8 slots of 10 ms activities cap the shape at 160
      // orchestrations/s, and Little's law puts its p50 at 125 ms or more)
      series.add(durobs(server, plan, "duroxide shape 8:8", Shape.DUROXIDE, 8, 8, 8, false));
      TelemetryRounds telemetry;
      try (Collector collector = started(Collector.start(root, work))) {
        telemetry = telemetryRounds(collector, server, plan, series);
      }
      series.add(dbos(server, plan, Report.NO_OP, Shape.NO_OP, 50, null, true));
      series.add(dbos(server, plan, Report.SHAPE_2_2, Shape.DUROXIDE, 20, 2, false));
      List<Double> headline = headlinePairs(server, plan, series);
      Idle idle = idle(server, plan);
      machine.put("load after", Machine.loadAverage());
      return Report.of(plan.name(), machine, settings, pgbench, series, headline, telemetry,
          idle);
    } finally {
      deleteQuietly(work);
    }
  }

  private <C extends AutoCloseable> C started(C resource) {
    started.add(resource);
    return resource;
  }

  /**
   * What the telemetry rounds measured, each list with one ratio per round.
   *
   * @param throughput on/off throughput ratios
   * @param cpu on/off ratios of this JVM's CPU time per orchestration (the overhead's measure)
   * @param controlCpu control/off ratios of the same: two engines with telemetry off, measured
   *     exactly as on/off is, so they show how far the method itself is off (1 if exact)
   * @param collectorPercent the collector's CPU over the rounds, in percent of one core
   */
  record TelemetryRounds(List<Double> throughput, List<Double> cpu, List<Double> controlCpu,
      double collectorPercent) {}

  /**
   * The telemetry rounds: three durobs engines at once, one with telemetry off, one exporting OTLP
   * to {@code collector}, and a control with telemetry off, driven {@link #inRotation in
   * rotation}; their windows go to {@code series}. The control against the first engine is an
   * A/A comparison by the same method, which the on/off overhead must stand out from. The
   * telemetry's own threads keep exporting while its engine idles through the others' windows:
   * their CPU is taken out of those windows'.
   */
  private TelemetryRounds telemetryRounds(Collector collector, BenchServer server, Plan plan,
      List<SeriesResult> series) throws Exception {
    progress("durobs " + Report.NO_OP + ", 50 in flight, telemetry on and off (and off again, the"
        + " control) in rotation, " + plan.telemetryRounds() + " rounds of windows");
    Side off = new Side("durobs", false, DEFAULT_SLOTS, server,
        "t" + seriesNumber.incrementAndGet());
    Side on = new Side("durobs", true, DEFAULT_SLOTS, server,
        "t" + seriesNumber.incrementAndGet());
    Side control = new Side("durobs", false, DEFAULT_SLOTS, server,
        "t" + seriesNumber.incrementAndGet());
    try (Telemetry telemetry = Telemetry.builder().settings(collector.engineSettings())
            .shutdownHook(false).build();
        Engine offEngine = durobsNoOp(server, off.url(), OpenTelemetry.noop(), off.clock());
        Engine onEngine = durobsNoOp(server, on.url(), telemetry.openTelemetry(), on.clock());
        Engine controlEngine = durobsNoOp(server, control.url(), OpenTelemetry.noop(),
            control.clock())) {
      long collector0 = collector.cpuNanos();
      long t0 = System.nanoTime();
      List<Double> throughput = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      List<Double> controlCpu = new ArrayList<>();
      for (SeriesResult[] round : inRotation(server, plan, plan.telemetryRounds(),
          ORDERS_OF_THREE, List.of(off, on, control), List.of(offEngine, onEngine, controlEngine),
          List.of(Report.PAIR, Report.PAIR, Report.CONTROL))) {
        throughput.add(round[1].perSecond().median() / round[0].perSecond().median());
        cpu.add(round[1].cpuMsPerOrch() / round[0].cpuMsPerOrch());
        controlCpu.add(round[2].cpuMsPerOrch() / round[0].cpuMsPerOrch());
        series.addAll(List.of(round));
      }
      double collectorPercent = 100.0 * (collector.cpuNanos() - collector0)
          / (System.nanoTime() - t0);
      return new TelemetryRounds(throughput, cpu, controlCpu, collectorPercent);
    }
  }

  /**
   * The headline: durobs and DBOS on the no-op workload at 50 in flight, driven {@link #inTurn
   * in turn}; returns each pair's throughput ratio, durobs over DBOS, and adds the pairs'
   * windows to {@code series}. Their series of their own (profiled) ran minutes apart, and the
   * machine's speed drifts by more than that between minutes: one run measured DBOS at 635 and
   * the next at 364 orchestrations/s.
   */
  private List<Double> headlinePairs(BenchServer server, Plan plan, List<SeriesResult> series)
      throws Exception {
    progress("durobs and dbos " + Report.NO_OP + ", 50 in flight, in turn, "
        + plan.headlinePairs() + " pairs of windows");
    Side durobs = new Side("durobs", false, DEFAULT_SLOTS, server,
        "h" + seriesNumber.incrementAndGet());
    Side dbos = new Side("dbos", false, "-", server, "h" + seriesNumber.incrementAndGet());
    List<Double> ratios = new ArrayList<>();
    try (Engine durobsEngine = durobsNoOp(server, durobs.url(), OpenTelemetry.noop(),
        durobs.clock());
        Engine dbosEngine = new DbosEngine(dbos.url(), server.user(), Shape.NO_OP, null,
            dbos.clock())) {
      for (SeriesResult[] pair : inTurn(server, plan, plan.headlinePairs(), Report.HEADLINE_PAIR,
          dbos, dbosEngine, durobs, durobsEngine)) {
        ratios.add(pair[1].perSecond().median() / pair[0].perSecond().median());
        series.addAll(List.of(pair));
      }
    }
    progress("  durobs/dbos " + ratios.stream().map(r -> String.format(java.util.Locale.ROOT,
        "%.2f", r)).toList());
    return ratios;
  }

  /**
   * One engine of a pair driven in turn, on a database of its own.
   *
   * @param engine its name in the table
   * @param telemetry whether it exports telemetry (its SDK's threads count in its windows only)
   */
  private record Side(String engine, boolean telemetry, String slots, String database,
      String url, StepClock clock) {
    Side(String engine, boolean telemetry, String slots, BenchServer server, String database)
        throws java.sql.SQLException {
      this(engine, telemetry, slots, database, server.createDatabase(database),
          new StepClock(Shape.NO_OP.steps()));
    }
  }

  /** A durobs engine at its default settings for the no-op workload, on {@code url}. */
  private static Engine durobsNoOp(BenchServer server, String url, OpenTelemetry otel,
      StepClock clock) {
    return new DurobsEngine(url, server.user(), Shape.NO_OP, DEFAULT_ORCHESTRATION_SLOTS,
        DEFAULT_WORKER_SLOTS, otel, clock);
  }

  /**
   * Two engines alive at once, driven one window each in turn ({@code a} then {@code b}, then
   * {@code b} then {@code a}, ...), after a warm-up of each: returns {@code count} pairs of
   * windows, {@code a}'s first in each, labelled {@code pairName} and the pair's number.
   */
  private List<SeriesResult[]> inTurn(BenchServer server, Plan plan, int count, String pairName,
      Side a, Engine aEngine, Side b, Engine bEngine) throws Exception {
    return inRotation(server, plan, count, ORDERS_OF_TWO, List.of(a, b),
        List.of(aEngine, bEngine), List.of(pairName, pairName));
  }

  /** The orders of two engines in successive pairs: a then b, then b then a. */
  private static final int[][] ORDERS_OF_TWO = {{0, 1}, {1, 0}};

  /**
   * The orders of three engines in successive rounds: every engine takes every place equally
   * often over six rounds, and none runs two windows in a row (the last of a round is never the
   * first of the next), so each window follows another engine's.
   */
  private static final int[][] ORDERS_OF_THREE = {
      {0, 1, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}, {1, 0, 2}, {0, 2, 1}};

  /**
   * Engines alive at once, driven one window each in the successive {@code orders} (cycled),
   * after a warm-up of each: returns {@code count} rounds, each with the windows in
   * {@code sides}' order, labelled by the side's label and the round's number.
   *
   * <p>Why adjacent windows and not series of their own: series a minute apart, nothing
   * changed, differed by 20 % and more in throughput and CPU per orchestration on this machine
   * (the server's checkpoints and autovacuum come and go, the host's load too), which buried
   * effects of a few percent; adjacent windows share the machine's state. The engines that wait
   * their turn idle (their pollers back off): what they cost counts in every side's windows alike.
   */
  private List<SeriesResult[]> inRotation(BenchServer server, Plan plan, int count,
      int[][] orders, List<Side> sides, List<Engine> engines, List<String> labels)
      throws Exception {
    Plan window = windowPlan(plan);
    for (int k = 0; k < sides.size(); k++) {
      Side side = sides.get(k);
      new ClosedLoop(engines.get(k), side.clock(), 50, warmUpPlan(plan), server, side.database(),
          false).run();
    }
    List<SeriesResult[]> rounds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SeriesResult[] round = new SeriesResult[sides.size()];
      for (int k : orders[i % orders.length]) {
        round[k] = window(server, window, sides.get(k), engines.get(k),
            Report.NO_OP + " (" + labels.get(k) + " " + (i + 1) + ")");
      }
      rounds.add(round);
    }
    return rounds;
  }

  /** A measured window of a pair or round: a second to bring all 50 back, then one window. */
  private static Plan windowPlan(Plan plan) {
    // the waiting engine's pollers have backed off: a second brings all 50 back
    return new Plan(plan.name(), Duration.ofSeconds(1), plan.window(), 1, plan.pgbench(), 0, 0,
        plan.minCompleted(), plan.idle());
  }

  /** An unmeasured warm-up: the first windows compile each engine's code paths (and the SDK's). */
  private static Plan warmUpPlan(Plan plan) {
    return new Plan(plan.name(), plan.warmup(), plan.window(), 0, plan.pgbench(), 0, 0,
        plan.minCompleted(), plan.idle());
  }

  private SeriesResult window(BenchServer server, Plan window, Side side, Engine engine,
      String label) throws Exception {
    ClosedLoop.Measured m = new ClosedLoop(engine, side.clock(), 50, window, server,
        side.database(), false).countingTelemetryThreads(side.telemetry()).run();
    return SeriesResult.of(side.engine(), label, 50, side.slots(), side.telemetry(), m,
        Machine.rssMb());
  }

  /**
   * An engine at its default settings with nothing to do: the CPU this JVM (the engine's
   * pollers, gauge refresh, pool housekeeping) and the server (the polls' queries) spend over
   * {@link Plan#idle()}, after the warm-up has let the pollers back off.
   */
  private Idle idle(BenchServer server, Plan plan) throws Exception {
    String database = "idle_durobs";
    String url = server.createDatabase(database);
    progress("durobs idle, default settings, " + plan.idle().toSeconds() + " s");
    try (Engine e = durobsNoOp(server, url, OpenTelemetry.noop(),
        new StepClock(Shape.NO_OP.steps()))) {
      Thread.sleep(plan.warmup().toMillis());
      long jvm0 = ClosedLoop.processCpuNanos();
      long server0 = server.cpuNanos();
      Map<Long, Long> backends0 = server.backendCpuNanos(database);
      long t0 = System.nanoTime();
      Thread.sleep(plan.idle().toMillis());
      double wall = System.nanoTime() - t0;
      long backends = 0;
      for (Map.Entry<Long, Long> b : server.backendCpuNanos(database).entrySet()) {
        backends += b.getValue() - backends0.getOrDefault(b.getKey(), 0L);
      }
      Idle idle = new Idle(wall / 1e9, 100 * (ClosedLoop.processCpuNanos() - jvm0) / wall,
          100 * backends / wall, 100 * (server.cpuNanos() - server0) / wall);
      progress(String.format(java.util.Locale.ROOT, "  engine %.2f%% of a core, its connections'"
          + " server processes %.2f%%, the whole server %.2f%%", idle.enginePercent(),
          idle.backendsPercent(), idle.serverPercent()));
      return idle;
    }
  }

  /**
   * The idle engine's CPU.
   *
   * @param seconds how long it was measured
   * @param enginePercent this JVM's CPU time over that time, in percent of one core
   * @param backendsPercent the server processes that serve the engine's connections (its polls'
   *     queries), likewise
   * @param serverPercent the whole server's (all its processes, autovacuum of the earlier
   *     series' databases included), likewise
   */
  public record Idle(double seconds, double enginePercent, double backendsPercent,
      double serverPercent) {}

  /**
   * Runs both engines unmeasured for twice the warm-up, so that the first measured series does
   * not pay for this JVM's class loading and JIT compilation (each series still warms up too).
   */
  private void warmUpJvm(BenchServer server, Plan plan) throws Exception {
    Plan jvm = new Plan("jvm warm-up", plan.warmup().multipliedBy(2), plan.window(), 0,
        plan.pgbench(), 0, 0, 0, plan.idle());
    progress("warming up this JVM (both engines, unmeasured)");
    for (String engine : List.of("durobs", "dbos")) {
      String database = "w_" + engine;
      String url = server.createDatabase(database);
      StepClock clock = new StepClock(Shape.NO_OP.steps());
      try (Engine e = engine.equals("durobs")
          ? durobsNoOp(server, url, OpenTelemetry.noop(), clock)
          : new DbosEngine(url, server.user(), Shape.NO_OP, null, clock)) {
        new ClosedLoop(e, clock, 50, jvm, server, database, false).run();
      }
    }
  }

  private SeriesResult durobs(BenchServer server, Plan plan, String workload, Shape shape,
      int inFlight, int orchestrationSlots, int workerSlots, boolean profile) throws Exception {
    int orchestration = orchestrationSlots == 0 ? DEFAULT_ORCHESTRATION_SLOTS : orchestrationSlots;
    int worker = orchestrationSlots == 0 ? DEFAULT_WORKER_SLOTS : workerSlots;
    return measure(server, plan, "durobs", workload, shape, inFlight, orchestration + ":" + worker,
        profile, (url, clock) -> new DurobsEngine(url, server.user(), shape, orchestration, worker,
            OpenTelemetry.noop(), clock));
  }

  private SeriesResult dbos(BenchServer server, Plan plan, String workload, Shape shape,
      int inFlight, Integer slots, boolean profile) throws Exception {
    return measure(server, plan, "dbos", workload, shape, inFlight,
        slots == null ? "-" : slots + ":" + slots, profile,
        (url, clock) -> new DbosEngine(url, server.user(), shape, slots, clock));
  }

  private SeriesResult measure(BenchServer server, Plan plan, String engineName, String workload,
      Shape shape, int inFlight, String slots, boolean profile, EngineFactory factory)
      throws Exception {
    String database = "s" + seriesNumber.incrementAndGet() + "_" + engineName;
    String url = profile ? server.createProfiledDatabase(database)
        : server.createDatabase(database);
    // telemetry is on only in the telemetry pairs' windows, never in a series of its own
    progress(engineName + " " + workload + ", " + inFlight + " in flight, slots " + slots);
    StepClock clock = new StepClock(shape.steps());
    ClosedLoop.Measured m;
    try (Engine engine = factory.create(url, clock)) {
      m = new ClosedLoop(engine, clock, inFlight, plan, server, database, profile).run();
    }
    SeriesResult r = SeriesResult.of(engineName, workload, inFlight, slots, false, m,
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
