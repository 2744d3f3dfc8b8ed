package io.durobs.engine.api;

import java.time.Duration;
import java.util.Objects;

/** Argument checks for durations given to the engine's builders. */
public final class Durations {

  private Durations() {}

  /**
   * Returns {@code d} when it is positive.
   *
   * @param name what the duration configures, named in the error
   * @throws IllegalArgumentException when {@code d} is null, zero or negative
   */
  public static Duration requirePositive(String name, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
    return d;
  }

  /**
   * Returns {@code d} when it is zero or positive.
   *
   * @param name what the duration configures, named in the error
   * @throws NullPointerException when {@code d} is null
   * @throws IllegalArgumentException when {@code d} is negative
   */
  public static Duration requireNonNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + d);
    }
    return d;
  }
}
