package io.durobs.bench;

import java.util.concurrent.ConcurrentHashMap;

/**
 * When each step of each running orchestration started and ended (this JVM's clock), so that
 * the time between steps (the engine's dispatch: the step's result committed, the next turn
 * picked up, run and committed, the next step picked up) can be told apart from the steps' own
 * work. Engines report from inside their steps; {@link ClosedLoop} reads an instance's times once
 * it has completed. A retried step overwrites its earlier times.
 */
final class StepClock {

  private final int steps;
  private final ConcurrentHashMap<String, long[]> times = new ConcurrentHashMap<>();

  StepClock(int steps) {
    this.steps = steps;
  }

  /** The client is about to start {@code id}. */
  void submitted(String id, long nanos) {
    long[] t = new long[2 * steps + 1];
    t[0] = nanos;
    times.put(id, t);
  }

  /** Step {@code index} of {@code id} begins its work. */
  void started(String id, int index) {
    long[] t = times.get(id);
    if (t != null) {
      t[1 + 2 * index] = System.nanoTime();
    }
  }

  /** Step {@code index} of {@code id} has done its work. */
  void ended(String id, int index) {
    long[] t = times.get(id);
    if (t != null) {
      t[2 + 2 * index] = System.nanoTime();
    }
  }

  /**
   * Forgets {@code id} and returns its gaps in milliseconds: {@code [0]} from the start request
   * to the first step, then between each step's end and the next one's start, and last from the
   * last step's end to {@code completedNanos} (the client saw the instance completed).
   */
  double[] finish(String id, long completedNanos) {
    long[] t = times.remove(id);
    if (t == null) {
      return new double[0];
    }
    double[] gaps = new double[steps + 1];
    long previous = t[0];
    for (int i = 0; i < steps; i++) {
      gaps[i] = (t[1 + 2 * i] - previous) / 1e6;
      previous = t[2 + 2 * i];
    }
    gaps[steps] = (completedNanos - previous) / 1e6;
    return gaps;
  }

  /** Forgets {@code id} (it completed outside a measurement window). */
  void discard(String id) {
    times.remove(id);
  }
}
