package io.durobs.engine.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which activities are quick enough to run inside a turn chain (see
 * {@link DurableRuntime.Builder#chainBudget}): those whose last {@link #STREAK} attempts in this
 * process each ended, with an outcome, within {@code limit}. Learnt from every attempt this
 * process runs, on a worker slot or inline; an attempt that took longer, timed out or crashed
 * starts the count again, so an activity that turns slow goes back to the worker queue after
 * one slow attempt. Keyed by registered activity names only: bounded by the registry.
 */
final class QuickActivities {

  /** Quick attempts in a row before an activity runs inline. */
  static final int STREAK = 8;

  private final long limitNanos;
  private final Map<String, Integer> streaks = new ConcurrentHashMap<>();

  /** @param limit the longest attempt that counts as quick; zero: none does */
  QuickActivities(Duration limit) {
    this.limitNanos = limit.toNanos();
  }

  /** Counts an attempt of a registered activity that ended with an outcome after {@code nanos}. */
  void ended(String activity, long nanos) {
    if (nanos < limitNanos) {
      streaks.merge(activity, 1, (a, b) -> Math.min(STREAK, a + b));
    } else {
      streaks.put(activity, 0);
    }
  }

  /** An attempt that timed out, crashed or was cancelled: not quick, whatever it took. */
  void slow(String activity) {
    streaks.put(activity, 0);
  }

  boolean isQuick(String activity) {
    return limitNanos > 0 && streaks.getOrDefault(activity, 0) >= STREAK;
  }
}
