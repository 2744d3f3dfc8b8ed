package io.durobs.bench;

import io.durobs.bench.SideBySide.EngineMark;
import io.durobs.bench.SideBySide.Mark;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What telemetry costs: forks, one after another, of four durobs engines {@link SideBySide side
 * by side} in one new JVM on the no-op workload, each starting orchestrations at a fixed rate
 * ({@link #rateFor}; at most {@value #IN_FLIGHT} in flight): one with telemetry off, one
 * exporting OTLP to a running collector at the engine's default metric interval (60 s), one
 * exporting every second (as the stack's harness does: the export's own cost sixty times over),
 * and a control with telemetry off. In each fork, the on/off ratio of CPU per orchestration over
 * its windows is the overhead, off being the mean of the two engines without telemetry; their
 * own ratio, control/off, is the method's error. The overhead of the run is the median over the
 * forks.
 *
 * <p>Why one JVM: a JVM each counted what each one's JIT compiler made of the same code as a cost
 * or a saving of telemetry: two JVMs of the same engine, started the same way, differed by about
 * 5 % of CPU per orchestration for a whole run (the control/off ratio read +3.5 % to +8.2 % in
 * every quartile of one run's windows, −8.5 % to −4.0 % in the next), and forks of such JVMs
 * scattered the control by −8 % to +9 %. In one JVM the engines run the same compiled code, and
 * an engine's CPU is its own threads' ({@link EngineJvm}).
 *
 * <p>Why forks still: engines built one after another in one JVM are not placed alike (their
 * pools, caches and connections come first or last), and two identical ones differed by 1.5 %
 * and 3.1 % over two scratch runs; each fork builds the four in another order
 * ({@link #buildOrder}).
 *
 * <p>Why side by side at a fixed rate and not closed loops: engines that run at once share the
 * machine's state of the moment (in turn, windows of identical engines scattered by 10 % and
 * more); closed loops each would take both cores, so each engine's CPU per orchestration would
 * also measure how they contend, and their JIT compilers, starved, were still busy after two
 * minutes. A fixed 60 per second each was not kept on a loaded machine, so the rate is a share of
 * what one engine completed alone earlier in the same run.
 *
 * <p>Why without the JIT compiler's threads: compiling is a cost of the first minutes, not of a
 * running engine, and it came in bursts of up to 3 ms per orchestration into single windows,
 * five times the spread of the rest; it is shown beside the steady cost.
 *
 * @param ratePerSecond orchestrations each engine started per second
 * @param forks each fork's windows and totals
 * @param collectorPercent the collector's CPU over the forks' windows, in percent of one core
 *     (its own process, on the same machine: in no engine's CPU, but not free on two cores)
 */
record TelemetryForks(double ratePerSecond, List<Fork> forks, double collectorPercent) {

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
   * The warm-up starts at this many times the rate: the JIT compilers compile a method once it
   * has run often enough, which at the measured rate took minutes (a first design, at the rate
   * throughout, had them busy after 80 s in three forks of five).
   */
  static final double WARM_UP_RATE_FACTOR = 3;
  private static final double KEPT = 0.9;
  private static final double JIT_SHARE = 0.2;

  /** Starts the engines of one fork, a new JVM on new databases ({@link #ENGINES}' specs). */
  @FunctionalInterface
  interface Starter {
    SideBySide start(int fork) throws Exception;
  }

  /**
   * One engine over one window, or over all the windows of a fork.
   *
   * @param completed orchestrations completed in it
   * @param perSecond completed per second
   * @param cpuMsPerOrch its threads' CPU per orchestration (the engine's, its clients', its
   *     telemetry SDK's) and its share of the JVM's garbage collection
   * @param compilerMsPerOrch the JVM's JIT compiler threads' CPU per orchestration of the four
   * @param serverCpuMsPerOrch the CPU of the server processes serving its connections, per
   *     orchestration
   * @param telemetryThreadsCpuShare the share of its CPU the OpenTelemetry SDK's own threads used
   *     (0 with telemetry off)
   */
  record EngineWindow(long completed, double perSecond, double cpuMsPerOrch,
      double compilerMsPerOrch, double serverCpuMsPerOrch, double telemetryThreadsCpuShare) {

    /**
     * {@code name}'s window between two marks: its threads' CPU and, of the JVM's garbage
     * collection, the share of what its threads allocated; of the JVM's JIT compilation, the
     * share of its orchestrations (the compiled code is theirs alike).
     */
    static EngineWindow between(Mark a, Mark b, String name, double seconds) {
      EngineMark from = a.engines().get(name);
      EngineMark to = b.engines().get(name);
      long n = to.completed() - from.completed();
      double per = n == 0 ? Double.NaN : 1.0 / n;
      long backends = 0;
      for (Map.Entry<Long, Long> e : to.backendCpuNanos().entrySet()) {
        backends += e.getValue() - from.backendCpuNanos().getOrDefault(e.getKey(), 0L);
      }
      long allocated = 0;
      long completed = 0;
      for (String other : a.engines().keySet()) {
        allocated += b.engines().get(other).allocatedBytes()
            - a.engines().get(other).allocatedBytes();
        completed += b.engines().get(other).completed() - a.engines().get(other).completed();
      }
      double gc = allocated <= 0 ? 0 : (double) (b.gcCpuNanos() - a.gcCpuNanos())
          * (to.allocatedBytes() - from.allocatedBytes()) / allocated;
      double compiler = completed == 0 ? 0
          : (double) (b.compilerCpuNanos() - a.compilerCpuNanos()) * n / completed;
      long threads = to.cpuNanos() - from.cpuNanos();
      return new EngineWindow(n, n / seconds, (threads + gc) / 1e6 * per, compiler / 1e6 * per,
          backends / 1e6 * per,
          threads <= 0 ? 0 : (double) (to.telemetryCpuNanos() - from.telemetryCpuNanos())
              / (threads + gc));
    }
  }

  /**
   * The four engines over the same stretch of time.
   *
   * @param seconds its length
   * @param on telemetry at the engine's defaults (metrics every 60 s)
   * @param everySecond telemetry exporting metrics every second
   */
  record Round(double seconds, EngineWindow off, EngineWindow on, EngineWindow everySecond,
      EngineWindow control) {

    static Round between(Mark before, Mark after, double seconds) {
      List<EngineWindow> w = new ArrayList<>();
      for (String name : ENGINES) {
        w.add(EngineWindow.between(before, after, name, seconds));
      }
      return new Round(seconds, w.get(0), w.get(1), w.get(2), w.get(3));
    }
  }

  /**
   * One fork: a new JVM.
   *
   * @param steady whether the engines were {@link #steady} by the end of its warm-up: each kept
   *     {@value #KEPT} of the rate, their JIT compilers had calmed down (if not, its windows are
   *     not of a steady state: the machine was too busy)
   * @param windows each window, the four engines' side by side
   * @param whole all its windows as one: its ratios are taken from these totals (the process'
   *     CPU time comes in ticks of 10 ms, a few percent of a short window's)
   */
  record Fork(boolean steady, List<Round> windows, Round whole) {}

  /**
   * Runs the plan's {@link Plan.Forks#count() forks}, one after another, each of
   * {@link Plan.Forks#windows()} back-to-back windows after a warm-up (their JVM is new):
   * {@link Plan.Forks#warmup()} (12 s in {@code --quick}) at {@value #WARM_UP_RATE_FACTOR} times
   * the rate, then at the rate until the engines are steady ({@link #steady}). {@code starter}
   * starts each fork's engines; each fork's are stopped before the next fork's start.
   */
  static TelemetryForks measure(Starter starter, double rate, Collector collector, Plan plan)
      throws Exception {
    List<Fork> forks = new ArrayList<>();
    long collectorNanos = 0;
    long measuredNanos = 0;
    Plan.Forks forkPlan = plan.telemetry();
    for (int i = 0; i < forkPlan.count(); i++) {
      try (SideBySide engines = starter.start(i)) {
        engines.rate(WARM_UP_RATE_FACTOR * rate);
        Thread.sleep(forkPlan.warmup().toMillis());
        engines.rate(rate);
        boolean steady = warmUp(engines, rate, forkPlan);
        long collector0 = collector.cpuNanos();
        long t0 = System.nanoTime();
        forks.add(measureFork(engines, steady, plan));
        collectorNanos += collector.cpuNanos() - collector0;
        measuredNanos += System.nanoTime() - t0;
      }
    }
    return new TelemetryForks(rate, forks, 100.0 * collectorNanos / measuredNanos);
  }

  /** Windows until the engines are {@link #steady}, at most {@link Plan.Forks#steadyWindows()}. */
  private static boolean warmUp(SideBySide engines, double rate, Plan.Forks plan)
      throws IOException, SQLException, InterruptedException {
    Mark before = engines.mark();
    long w0 = System.nanoTime();
    for (int i = 0; i < plan.steadyWindows(); i++) {
      Thread.sleep(plan.window().toMillis());
      Mark after = engines.mark();
      long w1 = System.nanoTime();
      if (steady(before, after, rate * (w1 - w0) / 1e9)) {
        return true;
      }
      before = after;
      w0 = w1;
    }
    return false;
  }

  private static Fork measureFork(SideBySide engines, boolean steady, Plan plan)
      throws IOException, SQLException, InterruptedException {
    Mark first = engines.mark();
    long start = System.nanoTime();
    Mark before = first;
    long w0 = start;
    List<Round> windows = new ArrayList<>();
    Duration window = plan.telemetry().window();
    for (int i = 0; i < plan.telemetry().windows(); i++) {
      Thread.sleep(window.toMillis());
      long cap = w0 + window.plus(ClosedLoop.WINDOW_CAP).toNanos();
      Mark after = engines.mark();
      while (fewest(before, after) < plan.minCompleted() && System.nanoTime() < cap) {
        Thread.sleep(ClosedLoop.SAMPLE_MILLIS);
        after = engines.mark();
      }
      long w1 = System.nanoTime();
      if (fewest(before, after) < plan.minCompleted()) {
        throw new IllegalStateException("telemetry forks: an engine completed "
            + fewest(before, after) + " orchestrations in "
            + window.plus(ClosedLoop.WINDOW_CAP).toSeconds() + " s");
      }
      windows.add(Round.between(before, after, (w1 - w0) / 1e9));
      before = after;
      w0 = w1;
    }
    return new Fork(steady, windows, Round.between(first, before, (w0 - start) / 1e9));
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
   * compiler used at most {@value #JIT_SHARE} of what their threads did: in a run on a
   * loaded machine the engines kept the rate after 30 s while the compilers still took up to
   * 8 ms per orchestration, twice the share of the rest, for over a minute more.
   */
  private static boolean steady(Mark before, Mark after, double due) {
    long compiler = after.compilerCpuNanos() - before.compilerCpuNanos();
    long rest = 0;
    for (String name : before.engines().keySet()) {
      rest += after.engines().get(name).cpuNanos() - before.engines().get(name).cpuNanos();
    }
    return fewest(before, after) >= KEPT * due && compiler <= JIT_SHARE * rest;
  }

  private static long fewest(Mark before, Mark after) {
    long fewest = Long.MAX_VALUE;
    for (String name : before.engines().keySet()) {
      fewest = Math.min(fewest,
          after.engines().get(name).completed() - before.engines().get(name).completed());
    }
    return fewest;
  }

  /**
   * The order fork {@code fork} builds {@link #ENGINES} in: rotated by one each fork, so that
   * each comes first, second, third and last in turn.
   */
  static List<String> buildOrder(int fork) {
    List<String> order = new ArrayList<>(ENGINES);
    Collections.rotate(order, -fork);
    return List.copyOf(order);
  }

  /** Whether every fork was steady. */
  boolean steady() {
    return forks.stream().allMatch(Fork::steady);
  }

  /** on/off throughput ratios, one per fork (off: {@link #overOff}). */
  List<Double> throughput() {
    return overOff(Round::on, EngineWindow::perSecond);
  }

  /**
   * on/off ratios of the JVM's CPU per orchestration, one per fork: the overhead's measure (off:
   * {@link #overOff}).
   */
  List<Double> cpu() {
    return overOff(Round::on, EngineWindow::cpuMsPerOrch);
  }

  /** every-second/off ratios of the same: the overhead with metrics exported every second. */
  List<Double> everySecondCpu() {
    return overOff(Round::everySecond, EngineWindow::cpuMsPerOrch);
  }

  /** control/off ratios of the same, one per fork: 1 if the method were exact. */
  List<Double> controlCpu() {
    return forks.stream().map(f -> f.whole().control().cpuMsPerOrch()
        / f.whole().off().cpuMsPerOrch()).toList();
  }

  /** on/off ratios of the engine's server processes' CPU per orchestration, one per fork. */
  List<Double> serverCpu() {
    return overOff(Round::on, EngineWindow::serverCpuMsPerOrch);
  }

  /** The telemetry SDK threads' share of the every-second engine's CPU, one per fork. */
  List<Double> telemetryThreadsShare() {
    return forks.stream().map(f -> f.whole().everySecond().telemetryThreadsCpuShare()).toList();
  }

  /**
   * {@code a}'s measure over off's in each fork's totals, off being the mean of both engines
   * without telemetry (off and the control), which halves the weight of either one's place in
   * the JVM.
   */
  private List<Double> overOff(Function<Round, EngineWindow> a,
      Function<EngineWindow, Double> measure) {
    return forks.stream().map(Fork::whole).map(r -> measure.apply(a.apply(r))
        / ((measure.apply(r.off()) + measure.apply(r.control())) / 2)).toList();
  }
}
