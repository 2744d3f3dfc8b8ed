package io.durobs.bench;

import java.time.Duration;

/**
 * How long a benchmark run measures: each series warms up once, then measures {@code repeats}
 * back-to-back windows of {@code window}; pgbench runs {@code pgbench}; the headline comparison
 * runs {@code headlinePairs} durobs/DBOS pairs of windows, the telemetry comparison
 * {@code telemetryForks} forks of {@code telemetryWindows} windows each.
 *
 * @param name the mode's name, as printed
 * @param warmup the warm-up before each series' first window
 * @param window one measurement window
 * @param repeats windows per series
 * @param pgbench how long pgbench runs
 * @param headlinePairs durobs/DBOS pairs of windows of the no-op workload (both engines, in turn)
 * @param telemetryForks forks of the telemetry comparison: four engines side by side (telemetry
 *     off, on at the defaults, exporting every second, and off again as the control), a new JVM
 *     for each, one fork after another ({@link TelemetryForks})
 * @param telemetryWindows windows of each fork, after its warm-up
 * @param steadyWindows at most this many more windows of each fork's warm-up, until its engines
 *     are steady ({@link TelemetryForks}): before that, the JIT compilers still took the cores
 * @param minCompleted a window lasts until at least this many orchestrations completed in it
 *     (the smoke run's windows are shorter than a slow machine's latency)
 * @param idle how long the idle engine's CPU is measured
 */
public record Plan(String name, Duration warmup, Duration window, int repeats, Duration pgbench,
    int headlinePairs, int telemetryForks, int telemetryWindows, int steadyWindows,
    int minCompleted, Duration idle) {

  /**
   * For CI: every part exercised once, numbers meaningless (so a fork waits one window at most
   * for a steady state it would not report anyway).
   */
  public static final Plan SMOKE = new Plan("smoke", Duration.ofSeconds(1),
      Duration.ofMillis(1500), 1, Duration.ofSeconds(1), 1, 2, 1, 1, 3, Duration.ofSeconds(1));

  /**
   * {@code --quick}: about 9 minutes on this machine (README, Performance); 4 telemetry forks, so
   * that each engine is built first, second, third and last once
   * ({@link TelemetryForks#buildOrder}).
   */
  public static final Plan QUICK = new Plan("quick", Duration.ofSeconds(3),
      Duration.ofSeconds(5), 3, Duration.ofSeconds(5), 9, 4, 4, 10, 1, Duration.ofSeconds(10));

  /** The default: longer windows, more pairs and forks than {@code --quick}. */
  public static final Plan FULL = new Plan("full", Duration.ofSeconds(5),
      Duration.ofSeconds(10), 5, Duration.ofSeconds(10), 11, 8, 5, 10, 1, Duration.ofSeconds(30));

  /**
   * A plan for one closed loop of this plan's windows: {@code warmup}, then {@code repeats}
   * windows, each of at least {@code minCompleted} orchestrations (no pairs, no forks).
   */
  Plan oneLoop(String name, Duration warmup, int repeats, int minCompleted) {
    return new Plan(name, warmup, window, repeats, pgbench, 0, 0, 0, 0, minCompleted, idle);
  }
}
