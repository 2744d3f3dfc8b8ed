package io.durobs.bench;

import java.time.Duration;

/**
 * How long a benchmark run measures: each series warms up once, then measures {@code repeats}
 * back-to-back windows of {@code window}; pgbench runs {@code pgbench}; the headline comparison
 * runs {@code headlinePairs} durobs/DBOS pairs of windows, the telemetry comparison
 * {@code telemetryRounds} rounds of off, on and control windows.
 *
 * @param name the mode's name, as printed
 * @param warmup the warm-up before each series' first window
 * @param window one measurement window
 * @param repeats windows per series
 * @param pgbench how long pgbench runs
 * @param headlinePairs durobs/DBOS pairs of windows of the no-op workload (both engines, in turn)
 * @param telemetryRounds rounds of windows of the no-op workload, one each of three engines
 *     (telemetry off, on, and off again as the control), in rotation
 * @param minCompleted a window lasts until at least this many orchestrations completed in it
 *     (the smoke run's windows are shorter than a slow machine's latency)
 * @param idle how long the idle engine's CPU is measured
 */
public record Plan(String name, Duration warmup, Duration window, int repeats, Duration pgbench,
    int headlinePairs, int telemetryRounds, int minCompleted, Duration idle) {

  /** For CI: seconds in all, every part exercised once, numbers meaningless. */
  public static final Plan SMOKE = new Plan("smoke", Duration.ofSeconds(1),
      Duration.ofMillis(1500), 1, Duration.ofSeconds(1), 1, 1, 3, Duration.ofSeconds(1));

  /** {@code --quick}: a few minutes. */
  public static final Plan QUICK = new Plan("quick", Duration.ofSeconds(3),
      Duration.ofSeconds(5), 3, Duration.ofSeconds(5), 9, 15, 1, Duration.ofSeconds(10));

  /** The default: about a quarter of an hour. */
  public static final Plan FULL = new Plan("full", Duration.ofSeconds(5),
      Duration.ofSeconds(10), 5, Duration.ofSeconds(10), 11, 21, 1, Duration.ofSeconds(30));
}
