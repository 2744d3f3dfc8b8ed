package io.durobs.workload;

import java.time.Duration;

/**
 * What one phase did.
 *
 * @param name the phase name
 * @param elapsed its wall time
 * @param clientStarts orchestrations the workload started through the client in it
 * @param completed instances it saw end (completed, failed or cancelled)
 */
public record PhaseResult(String name, Duration elapsed, int clientStarts, int completed) {

  /** Instances ended per second of the phase. */
  public double completionsPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : completed / s;
  }
}
