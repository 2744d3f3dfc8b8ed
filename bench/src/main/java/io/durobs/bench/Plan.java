package io.durobs.bench;

import java.time.Duration;

/**
 * How long a benchmark run measures: each series warms up once, then measures {@code repeats}
 * back-to-back windows of {@code window}; pgbench runs {@code pgbench}; the headline comparison
 * runs {@code headlinePairs} durobs/DBOS pairs of windows; the telemetry comparison runs its
 * {@link Forks forks}, with windows of their own.
 *
 * @param name the mode's name, as printed
 * @param warmup the warm-up before each series' first window
 * @param window one measurement window of a series or of a headline pair
 * @param repeats windows per series
 * @param pgbench how long pgbench runs
 * @param headlinePairs durobs/DBOS pairs of windows of the no-op workload (both engines, in turn)
 * @param telemetry the forks of the telemetry comparison
 * @param minCompleted a window lasts until at least this many orchestrations completed in it
 *     (the smoke run's windows are shorter than a slow machine's latency)
 * @param idle how long the idle engine's CPU is measured
 */
public record Plan(String name, Duration warmup, Duration window, int repeats, Duration pgbench,
    int headlinePairs, Forks telemetry, int minCompleted, Duration idle) {

  /**
   * The telemetry comparison's forks ({@link TelemetryForks}): four engines side by side
   * (telemetry off, on at the defaults, exporting every second, and off again as the control),
   * a new JVM for each fork, one fork after another. Their windows are longer than a series':
   * the overhead asked about is a few percent of CPU time, which comes in ticks of 10 ms.
   *
   * @param count how many forks
   * @param warmup each fork's warm-up at three times the rate (its JVM is new)
   * @param window one measurement window, also of the warm-up's windows at the rate
   * @param windows the measured windows of each fork, after its warm-up
   * @param steadyWindows at most this many windows at the rate after the warm-up, until the
   *     engines are steady: before that, the JIT compilers still took the cores
   */
  public record Forks(int count, Duration warmup, Duration window, int windows,
      int steadyWindows) {

    /** No telemetry comparison. */
    static final Forks NONE = new Forks(0, Duration.ZERO, Duration.ZERO, 0, 0);
  }

  /**
   * For CI: every part exercised once, numbers meaningless (so a fork waits one window at most
   * for a steady state it would not report anyway).
   */
  public static final Plan SMOKE = new Plan("smoke", Duration.ofSeconds(1),
      Duration.ofMillis(1500), 1, Duration.ofSeconds(1), 1,
      new Forks(2, Duration.ofSeconds(6), Duration.ofMillis(1500), 1, 1), 3,
      Duration.ofSeconds(1));

  /**
   * {@code --quick}: about 8 minutes on this machine (README, Performance), more than half of it
   * the telemetry forks, each a new JVM whose JIT compiler needs most of a minute before its
   * engines are steady; 4 of them, so that each engine is built first, second, third and last
   * once ({@link TelemetryForks#buildOrder}).
   */
  public static final Plan QUICK = new Plan("quick", Duration.ofSeconds(2),
      Duration.ofSeconds(3), 3, Duration.ofSeconds(5), 7,
      new Forks(4, Duration.ofSeconds(12), Duration.ofSeconds(5), 4, 10), 1,
      Duration.ofSeconds(10));

  /** The default: longer windows, more pairs and forks than {@code --quick}. */
  public static final Plan FULL = new Plan("full", Duration.ofSeconds(5),
      Duration.ofSeconds(10), 5, Duration.ofSeconds(10), 11,
      new Forks(8, Duration.ofSeconds(30), Duration.ofSeconds(10), 5, 10), 1,
      Duration.ofSeconds(30));

  /**
   * A plan for one closed loop of this plan's windows: {@code warmup}, then {@code repeats}
   * windows, each of at least {@code minCompleted} orchestrations (no pairs, no forks).
   */
  Plan oneLoop(String name, Duration warmup, int repeats, int minCompleted) {
    return new Plan(name, warmup, window, repeats, pgbench, 0, Forks.NONE, minCompleted, idle);
  }
}
