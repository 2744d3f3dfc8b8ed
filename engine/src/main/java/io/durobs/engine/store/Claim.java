package io.durobs.engine.store;

import java.time.Duration;
import java.util.Objects;

/**
 * What an ack also locks for the process that acks, in the ack's transaction: up to {@code max}
 * items, each for {@code lockTimeout}. A dispatcher asks for as many as it has idle slots, so
 * that the work the ack makes (the activities a turn scheduled, the turn an activity's result
 * makes due) starts in this process at once, without a fetch and a commit of its own.
 *
 * @param max at most this many items (0: none)
 * @param lockTimeout how long each stays locked
 */
public record Claim(int max, Duration lockTimeout) {

  /** Locks nothing. */
  public static final Claim NONE = new Claim(0, Duration.ofMillis(1));

  /** Validates. */
  public Claim {
    if (max < 0) {
      throw new IllegalArgumentException("max must be >= 0, got " + max);
    }
    Objects.requireNonNull(lockTimeout, "lockTimeout");
  }

  /** Up to {@code max} items for {@code lockTimeout}; {@link #NONE} when {@code max} is 0. */
  public static Claim upTo(int max, Duration lockTimeout) {
    return max == 0 ? NONE : new Claim(max, lockTimeout);
  }
}
