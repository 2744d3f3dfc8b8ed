package io.durobs.bench;

import io.durobs.bench.SideBySide.Mark;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What telemetry costs: four durobs engines {@link SideBySide side by side} on the no-op
 * workload, each starting orchestrations at a fixed rate ({@link #rateFor}; at most
 * {@value #IN_FLIGHT} in flight): one with telemetry off, one exporting OTLP to a running
 * collector at the engine's default metric interval (60 s), one exporting every second (as the
 * stack's harness does: the export's own cost sixty times over), and a control with telemetry
 * off; windows of all four at once. The on/off ratio of CPU per orchestration is the overhead,
 * off being the mean of the two engines without telemetry; their own ratio, control/off, is the
 * method's error, which the overhead must stand out from.
 *
 * <p>Why at a fixed rate and not a closed loop each: three closed loops and their server take
 * both cores, so each engine's CPU per orchestration also measures how the three contend
 * (throughput, batching, waiting), and the JIT compilers, starved, were still busy after two
 * minutes. At a rate the machine sustains, every engine does the same work per second. A fixed
 * 60 per second each, well within what this machine did on a good day, was not on a loaded
 * one: the engines never kept it and the JIT took up to 25 ms per orchestration for minutes, so
 * the rate is a share of what one engine completed alone earlier in the same run.
 *
 * <p>Why without the JIT compiler's threads: compiling is a cost of the first minutes, not of a
 * running engine, and it came in bursts of up to 3 ms per orchestration into single windows,
 * five times the spread of the rest; it is shown beside the steady cost.
 *
 * @param ratePerSecond orchestrations each engine started per second
 * @param keptRate whether the engines were {@link #steady} by the end of the warm-up: each kept
 *     {@value #KEPT} of the rate, their JIT compilers had calmed down (if not, the windows are
 *     not of a steady state: the machine was too busy)
 * @param rounds each window, the four engines' side by side
 * @param collectorPercent the collector's CPU over the windows, in percent of one core (its own
 *     process, on the same machine: in no engine's CPU, but not free on two cores)
 */
record TelemetryRounds(double ratePerSecond, boolean keptRate, List<Round> rounds,
    double collectorPercent) {

  /** The engines' names, in the order {@link SideBySide#start} is given them. */
  static final List<String> ENGINES = List.of("off", "on", "every-second", "control");
  /**
   * The share of one engine's throughput alone (no-op, 50 in flight) each of the four starts
   * per second: together 48 % of it, so that their JIT compilers and the server have room.
   */
  static final double SHARE = 0.12;
  /** How many each may have in flight (the no-op workload's 50). */
  static final int IN_FLIGHT = 50;
  /**
   * The warm-up goes on, a window at a time and at most this many more, until the engines are
   * {@link #steady}: before that, the JIT compilers still took the cores.
   */
  private static final int MAX_MORE_WARM_UP_WINDOWS = 10;
  private static final double KEPT = 0.9;
  private static final double JIT_SHARE = 0.2;

  /**
   * One engine over one window.
   *
   * @param completed orchestrations completed in it
   * @param perSecond completed per second
   * @param cpuMsPerOrch its JVM's CPU per orchestration but its JIT compiler's (the engine, its
   *     clients, garbage collection, the telemetry SDK: everything of its process that runs on)
   * @param compilerMsPerOrch its JIT compiler threads' CPU per orchestration
   * @param serverCpuMsPerOrch the CPU of the server processes serving its connections, per
   *     orchestration
   * @param telemetryThreadsCpuShare the share of its JVM's CPU the OpenTelemetry SDK's own
   *     threads used (0 with telemetry off)
   */
  record EngineWindow(long completed, double perSecond, double cpuMsPerOrch,
      double compilerMsPerOrch, double serverCpuMsPerOrch, double telemetryThreadsCpuShare) {

    static EngineWindow between(Mark a, Mark b, double seconds) {
      long n = b.completed() - a.completed();
      double per = n == 0 ? Double.NaN : 1.0 / n;
      long backends = 0;
      for (Map.Entry<Long, Long> e : b.backendCpuNanos().entrySet()) {
        backends += e.getValue() - a.backendCpuNanos().getOrDefault(e.getKey(), 0L);
      }
      long compiler = b.compilerCpuNanos() - a.compilerCpuNanos();
      long cpu = b.cpuNanos() - a.cpuNanos() - compiler;
      return new EngineWindow(n, n / seconds, cpu / 1e6 * per, compiler / 1e6 * per,
          backends / 1e6 * per,
          cpu <= 0 ? 0 : (double) (b.telemetryCpuNanos() - a.telemetryCpuNanos()) / cpu);
    }
  }

  /**
   * One window of the engines at once.
   *
   * @param seconds its length
   * @param on telemetry at the engine's defaults (metrics every 60 s)
   * @param everySecond telemetry exporting metrics every second
   */
  record Round(double seconds, EngineWindow off, EngineWindow on, EngineWindow everySecond,
      EngineWindow control) {}

  /**
   * Measures {@link Plan#telemetryRounds()} back-to-back windows of {@code engines} (started by
   * {@link SideBySide#start} with {@link #ENGINES}' specs, in that order), after a warm-up of
   * twenty times the plan's (60 s in {@code --quick}) and then until the engines are steady
   * ({@link #steady}): their JVMs are new.
   */
  static TelemetryRounds measure(SideBySide engines, double rate, Collector collector, Plan plan)
      throws IOException, SQLException, InterruptedException {
    Thread.sleep(plan.warmup().multipliedBy(20).toMillis());
    List<Mark> before = engines.mark();
    long w0 = System.nanoTime();
    boolean keptRate = false;
    for (int i = 0; i < MAX_MORE_WARM_UP_WINDOWS && !keptRate; i++) {
      Thread.sleep(plan.window().toMillis());
      List<Mark> after = engines.mark();
      long w1 = System.nanoTime();
      keptRate = steady(before, after, rate * (w1 - w0) / 1e9);
      before = after;
      w0 = w1;
    }
    long collector0 = collector.cpuNanos();
    long t0 = System.nanoTime();
    List<Round> rounds = new ArrayList<>();
    for (int i = 0; i < plan.telemetryRounds(); i++) {
      Thread.sleep(plan.window().toMillis());
      long cap = w0 + plan.window().plus(ClosedLoop.WINDOW_CAP).toNanos();
      List<Mark> after = engines.mark();
      while (fewest(before, after) < plan.minCompleted() && System.nanoTime() < cap) {
        Thread.sleep(ClosedLoop.SAMPLE_MILLIS);
        after = engines.mark();
      }
      long w1 = System.nanoTime();
      if (fewest(before, after) < plan.minCompleted()) {
        throw new IllegalStateException("telemetry rounds: an engine completed "
            + fewest(before, after) + " orchestrations in "
            + plan.window().plus(ClosedLoop.WINDOW_CAP).toSeconds() + " s");
      }
      double seconds = (w1 - w0) / 1e9;
      List<EngineWindow> w = new ArrayList<>();
      for (int k = 0; k < ENGINES.size(); k++) {
        w.add(EngineWindow.between(before.get(k), after.get(k), seconds));
      }
      rounds.add(new Round(seconds, w.get(0), w.get(1), w.get(2), w.get(3)));
      before = after;
      w0 = w1;
    }
    double collectorPercent = 100.0 * (collector.cpuNanos() - collector0)
        / (System.nanoTime() - t0);
    return new TelemetryRounds(rate, keptRate, rounds, collectorPercent);
  }

  /**
   * The rate each engine starts orchestrations at: {@link #SHARE} of {@code aloneThroughput},
   * what one engine completed per second alone (no-op, 50 in flight), and at least 5.
   */
  static double rateFor(double aloneThroughput) {
    return Math.max(5, Math.round(SHARE * aloneThroughput));
  }

  /**
   * Whether every engine completed {@value #KEPT} of {@code due} between two marks, and their JIT
   * compilers used at most {@value #JIT_SHARE} of what the rest of their JVMs did: in a run on a
   * loaded machine the engines kept the rate after 30 s while the compilers still took up to
   * 8 ms per orchestration, twice the share of the rest, for over a minute more.
   */
  private static boolean steady(List<Mark> before, List<Mark> after, double due) {
    long compiler = 0;
    long rest = 0;
    for (int k = 0; k < before.size(); k++) {
      long c = after.get(k).compilerCpuNanos() - before.get(k).compilerCpuNanos();
      compiler += c;
      rest += after.get(k).cpuNanos() - before.get(k).cpuNanos() - c;
    }
    return fewest(before, after) >= KEPT * due && compiler <= JIT_SHARE * rest;
  }

  private static long fewest(List<Mark> before, List<Mark> after) {
    long fewest = Long.MAX_VALUE;
    for (int k = 0; k < before.size(); k++) {
      fewest = Math.min(fewest, after.get(k).completed() - before.get(k).completed());
    }
    return fewest;
  }

  /** on/off throughput ratios, one per round (off: {@link #overOff}). */
  List<Double> throughput() {
    return overOff(Round::on, EngineWindow::perSecond);
  }

  /**
   * on/off ratios of the JVM's CPU per orchestration, one per round: the overhead's measure
   * (off: {@link #overOff}).
   */
  List<Double> cpu() {
    return overOff(Round::on, EngineWindow::cpuMsPerOrch);
  }

  /** every-second/off ratios of the same: the overhead with metrics exported every second. */
  List<Double> everySecondCpu() {
    return overOff(Round::everySecond, EngineWindow::cpuMsPerOrch);
  }

  /** control/off ratios of the same: 1 if the method were exact. */
  List<Double> controlCpu() {
    return ratios(Round::control, Round::off, EngineWindow::cpuMsPerOrch);
  }

  /** on/off ratios of the engine's server processes' CPU per orchestration, one per round. */
  List<Double> serverCpu() {
    return overOff(Round::on, EngineWindow::serverCpuMsPerOrch);
  }

  /** control/off ratios of the same. */
  List<Double> controlServerCpu() {
    return ratios(Round::control, Round::off, EngineWindow::serverCpuMsPerOrch);
  }

  /** The telemetry SDK threads' share of the every-second engine's CPU, one per round. */
  List<Double> telemetryThreadsShare() {
    return rounds.stream().map(r -> r.everySecond().telemetryThreadsCpuShare()).toList();
  }

  /**
   * {@code a}'s measure over off's, off being the mean of both engines without telemetry (off
   * and the control): two JVMs of the same engine differed by about 5 % over a whole run (the
   * control/off ratio read +3.5 % to +8.2 % in every quartile of one), what their JIT compilers
   * made of the same code, which a single baseline would count as a cost of telemetry.
   */
  private List<Double> overOff(Function<Round, EngineWindow> a,
      Function<EngineWindow, Double> measure) {
    return rounds.stream().map(r -> measure.apply(a.apply(r))
        / ((measure.apply(r.off()) + measure.apply(r.control())) / 2)).toList();
  }

  private List<Double> ratios(Function<Round, EngineWindow> a, Function<Round, EngineWindow> b,
      Function<EngineWindow, Double> measure) {
    return rounds.stream().map(r -> measure.apply(a.apply(r)) / measure.apply(b.apply(r)))
        .toList();
  }
}
