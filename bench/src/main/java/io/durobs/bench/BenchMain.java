package io.durobs.bench;

import io.durobs.engine.runtime.DurableRuntime;
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
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code durobs bench}: starts its own PostgreSQL server (default durability), measures pgbench,
 * durobs and DBOS Transact on it, prints the table and the summary line and writes the JSON file.
 *
 * <p>The series, in order, after both engines ran unmeasured to warm this JVM up: durobs no-op
 * at 50 in flight (profiled: wait events, statements), then at 10 and 200 in flight (with RSS),
 * duroxide's shape at 2:2 and 8:8 slots with 20 in flight and at 8:8 with 8, the telemetry forks
 * (four durobs engines {@link TelemetryForks side by side} in one JVM, a new one in each
 * fork: off, on at the defaults and every second, OTLP to a running collector, and off again as a
 * control), DBOS no-op at 50 in flight (profiled), DBOS at the 2:2 shape, the headline pairs
 * (durobs and DBOS no-op at 50 in flight, in turn) and the idle engine. durobs runs at its default settings
 * (4 orchestration and 8 worker slots, polling 5 to 200 ms, a pool of 10) except where slots are
 * named; telemetry is off (no-op OpenTelemetry) except in the telemetry forks' exporting
 * engines.
 */
@Command(name = "durobs bench",
    description = "Measures durobs against pgbench and DBOS Transact on its own PostgreSQL server.")
public final class BenchMain implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
  boolean help;

  @Option(names = "--quick",
      description = "a run of a few minutes (3 windows of 3 s per series, 4 telemetry forks)")
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
    progress("work directory " + work);
    // the work directory is closed last of what the run started, also when it is ended early
    // (SIGTERM: by the shutdown hook)
    try (WorkDirectory workDirectory = started(new WorkDirectory(work));
        BenchServer server = started(BenchServer.start(Ports.free()))) {
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
      // each step committed on its own, as DBOS commits each of its steps
      series.add(durobs(server, plan, Report.NO_OP_UNCHAINED, Shape.NO_OP, 50, 0, 0, false,
          b -> b.chainBudget(Duration.ZERO)));
      TelemetryForks telemetry;
      double rate = TelemetryForks.rateFor(series.get(0).perSecond().median());
      try (Collector collector = started(Collector.start(root, work))) {
        progress(String.format(java.util.Locale.ROOT, "durobs %s, %.0f/s each, four engines side"
            + " by side in one JVM: telemetry off, exporting (at the defaults, and every second), and"
            + " off again (the control); %d forks of a new JVM, one after another",
            Report.NO_OP, rate, plan.telemetry().count()));
        telemetry = TelemetryForks.measure(
            fork -> telemetryEngines(server, collector, rate, plan, work, fork), rate, collector,
            plan);
      }
      progress(String.format(java.util.Locale.ROOT, "  telemetry on/off, CPU per orchestration:"
          + " %+.1f%% (exporting every second %+.1f%%; the control, off/off: %+.1f%%; medians of"
          + " the forks)%s",
          Report.overheadPercent(Stats.median(telemetry.cpu())),
          Report.overheadPercent(Stats.median(telemetry.everySecondCpu())),
          Report.overheadPercent(Stats.median(telemetry.controlCpu())), telemetry.steady() ? ""
              : "; not a steady state in every fork (the engines short of the rate or still"
              + " compiling): the machine is busy"));
      series.add(dbos(server, plan, Report.NO_OP, Shape.NO_OP, 50, null, true));
      series.add(dbos(server, plan, Report.SHAPE_2_2, Shape.DUROXIDE, 20, 2, false));
      List<Double> headline = headlinePairs(server, plan, series);
      Idle idle = idle(server, plan);
      machine.put("load after", Machine.loadAverage());
      return Report.of(plan.name(), machine, settings, pgbench, series, headline, telemetry,
          idle);
    }
  }

  private <C extends AutoCloseable> C started(C resource) {
    started.add(resource);
    return resource;
  }

  /**
   * The engines of fork {@code fork} of the telemetry forks ({@link TelemetryForks#ENGINES}),
   * in a new JVM, each on a new database, side by side: "on" and "every-second" export to
   * {@code collector}. Each fork builds them in another order ({@link TelemetryForks#buildOrder}).
   * Closing them drops their databases.
   */
  private SideBySide telemetryEngines(BenchServer server, Collector collector, double rate,
      Plan plan, Path work, int fork) throws Exception {
    List<SideBySide.Spec> specs = new ArrayList<>();
    for (String name : TelemetryForks.buildOrder(fork)) {
      String database = "t" + seriesNumber.incrementAndGet() + "_" + name.replace('-', '_');
      specs.add(new SideBySide.Spec(name, database, server.createDatabase(database),
          telemetrySettings(name, collector)));
    }
    SideBySide engines = started(SideBySide.start(server, specs, TelemetryForks.IN_FLIGHT, rate,
        work.resolve("fork-" + (fork + 1))));
    // BenchInterruptTest ends the run at this line: every process of the run is up
    progress("  fork " + (fork + 1) + " of " + plan.telemetry().count() + ": its JVM runs, built "
        + String.join(", ", TelemetryForks.buildOrder(fork)) + ", telemetry on in two; warming"
        + " up (at three times the rate, then at the rate until steady), then "
        + plan.telemetry().windows() + " windows");
    return engines;
  }

  /** The telemetry settings of the telemetry forks' engine {@code name}: none when off. */
  private static Map<String, String> telemetrySettings(String name, Collector collector) {
    Map<String, String> settings = new LinkedHashMap<>(collector.engineSettings());
    switch (name) {
      case "on" -> settings.remove(Collector.METRIC_INTERVAL); // the engine's default
      case "every-second" -> settings.put(Collector.METRIC_INTERVAL, "1000");
      default -> settings.clear();
    }
    return settings;
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
    Side durobs = new Side("durobs", DEFAULT_SLOTS, server, "h" + seriesNumber.incrementAndGet());
    Side dbos = new Side("dbos", "-", server, "h" + seriesNumber.incrementAndGet());
    List<Double> ratios = new ArrayList<>();
    try (Engine durobsEngine = durobsNoOp(durobs.url(), server.user(), OpenTelemetry.noop(),
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
   */
  private record Side(String engine, String slots, String database, String url,
      StepClock clock) {
    Side(String engine, String slots, BenchServer server, String database)
        throws java.sql.SQLException {
      this(engine, slots, database, server.createDatabase(database),
          new StepClock(Shape.NO_OP.steps()));
    }
  }

  /** A durobs engine at its default settings for the no-op workload, on {@code url}. */
  static Engine durobsNoOp(String url, String user, OpenTelemetry otel, StepClock clock) {
    return new DurobsEngine(url, user, Shape.NO_OP, DEFAULT_ORCHESTRATION_SLOTS,
        DEFAULT_WORKER_SLOTS, otel, clock);
  }

  /**
   * Two engines alive at once, driven one window each in turn ({@code a} then {@code b}, then
   * {@code b} then {@code a}, ...), after a warm-up of each: returns {@code count} pairs of
   * windows, {@code a}'s first in each, labelled {@code pairName} and the pair's number.
   *
   * <p>Why adjacent windows and not series of their own: series a minute apart, nothing
   * changed, differed by 20 % and more in throughput and CPU per orchestration on this machine
   * (the server's checkpoints and autovacuum come and go, the host's load too), which buried
   * effects of a few percent; adjacent windows share the machine's state. The engine that waits
   * its turn idles (its pollers back off): what it costs counts in both sides' windows alike.
   * (Not side by side, as the {@link TelemetryForks telemetry's engines}: durobs and DBOS run
   * in this JVM, whose CPU one cannot split between them.)
   */
  private List<SeriesResult[]> inTurn(BenchServer server, Plan plan, int count, String pairName,
      Side a, Engine aEngine, Side b, Engine bEngine) throws Exception {
    Plan window = windowPlan(plan);
    new ClosedLoop(aEngine, a.clock(), 50, warmUpPlan(plan), server, a.database(), false).run();
    new ClosedLoop(bEngine, b.clock(), 50, warmUpPlan(plan), server, b.database(), false).run();
    List<SeriesResult[]> pairs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String label = Report.NO_OP + " (" + pairName + " " + (i + 1) + ")";
      SeriesResult[] pair = new SeriesResult[2];
      if (i % 2 == 0) {
        pair[0] = window(server, window, a, aEngine, label);
        pair[1] = window(server, window, b, bEngine, label);
      } else {
        pair[1] = window(server, window, b, bEngine, label);
        pair[0] = window(server, window, a, aEngine, label);
      }
      pairs.add(pair);
    }
    return pairs;
  }

  /** A measured window of a pair: a second to bring all 50 back, then one window. */
  private static Plan windowPlan(Plan plan) {
    // the waiting engine's pollers have backed off: a second brings all 50 back
    return plan.oneLoop(plan.name(), Duration.ofSeconds(1), 1, plan.minCompleted());
  }

  /** An unmeasured warm-up: the first windows compile each engine's code paths (and the SDK's). */
  private static Plan warmUpPlan(Plan plan) {
    return plan.oneLoop(plan.name(), plan.warmup(), 0, plan.minCompleted());
  }

  private SeriesResult window(BenchServer server, Plan window, Side side, Engine engine,
      String label) throws Exception {
    ClosedLoop.Measured m = new ClosedLoop(engine, side.clock(), 50, window, server,
        side.database(), false).run();
    return SeriesResult.of(side.engine(), label, 50, side.slots(), m, Machine.rssMb());
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
    try (Engine e = durobsNoOp(url, server.user(), OpenTelemetry.noop(),
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
    Plan jvm = plan.oneLoop("jvm warm-up", plan.warmup().multipliedBy(2), 0, 0);
    progress("warming up this JVM (both engines, unmeasured)");
    for (String engine : List.of("durobs", "dbos")) {
      String database = "w_" + engine;
      String url = server.createDatabase(database);
      StepClock clock = new StepClock(Shape.NO_OP.steps());
      try (Engine e = engine.equals("durobs")
          ? durobsNoOp(url, server.user(), OpenTelemetry.noop(), clock)
          : new DbosEngine(url, server.user(), Shape.NO_OP, null, clock)) {
        new ClosedLoop(e, clock, 50, jvm, server, database, false).run();
      }
    }
  }

  private SeriesResult durobs(BenchServer server, Plan plan, String workload, Shape shape,
      int inFlight, int orchestrationSlots, int workerSlots, boolean profile) throws Exception {
    return durobs(server, plan, workload, shape, inFlight, orchestrationSlots, workerSlots,
        profile, b -> { });
  }

  /** As above, with {@code tune} applied to the engine's builder after the slot counts. */
  private SeriesResult durobs(BenchServer server, Plan plan, String workload, Shape shape,
      int inFlight, int orchestrationSlots, int workerSlots, boolean profile,
      Consumer<DurableRuntime.Builder> tune) throws Exception {
    int orchestration = orchestrationSlots == 0 ? DEFAULT_ORCHESTRATION_SLOTS : orchestrationSlots;
    int worker = orchestrationSlots == 0 ? DEFAULT_WORKER_SLOTS : workerSlots;
    return measure(server, plan, "durobs", workload, shape, inFlight, orchestration + ":" + worker,
        profile, (url, clock) -> new DurobsEngine(url, server.user(), shape, orchestration, worker,
            OpenTelemetry.noop(), clock, tune));
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
    // telemetry is on only in the telemetry forks' engines, never in a series of the table
    progress(engineName + " " + workload + ", " + inFlight + " in flight, slots " + slots);
    StepClock clock = new StepClock(shape.steps());
    ClosedLoop.Measured m;
    try (Engine engine = factory.create(url, clock)) {
      m = new ClosedLoop(engine, clock, inFlight, plan, server, database, profile).run();
    }
    SeriesResult r = SeriesResult.of(engineName, workload, inFlight, slots, m, Machine.rssMb());
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

  /** The run's temporary directory (the collector's files, the forks' logs), deleted on close. */
  private record WorkDirectory(Path dir) implements AutoCloseable {
    @Override
    public void close() {
      deleteQuietly(dir);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory
    }
  }
}
