package io.durobs.engine.store;

import java.time.Duration;
import java.util.Objects;

/**
 * What an ack also locks for the process that acks, in the ack's transaction: up to {@code max}
 * items, each for {@code lockTimeout}. A dispatcher asks for as many as it has idle slots, so
 * that the work the ack makes (the activities a turn scheduled, the turn an activity's result
 * makes due) starts in this process at once, without a fetch and a commit of its own.
 *
 * <p>With {@code holdInstance} set, a turn's ack also keeps the instance locked, with the same
 * token, for that long when no message waits for it: the process that runs the claimed activity
 * then commits its result together with the next turn ({@link TurnCommit#consumedWorkItem}).
 *
 * <pre>{@code
 * Claim.upTo(1, workerLockTimeout).holdingInstance(Duration.ofSeconds(1))
 * }</pre>
 *
 * @param max at most this many items (0: none)
 * @param lockTimeout how long each stays locked
 * @param holdInstance how long a turn's ack keeps its instance locked, or {@code null} to
 *     release it as usual
 */
public record Claim(int max, Duration lockTimeout, Duration holdInstance) {

  /** Locks nothing. */
  public static final Claim NONE = new Claim(0, Duration.ofMillis(1), null);

  /** Validates. */
  public Claim {
    if (max < 0) {
      throw new IllegalArgumentException("max must be >= 0, got " + max);
    }
    Objects.requireNonNull(lockTimeout, "lockTimeout");
    if (holdInstance != null && (max == 0 || holdInstance.isNegative() || holdInstance.isZero())) {
      throw new IllegalArgumentException("holdInstance needs a claimed item and a positive "
          + "duration, got max " + max + ", holdInstance " + holdInstance);
    }
  }

  /** Up to {@code max} items for {@code lockTimeout}; {@link #NONE} when {@code max} is 0. */
  public static Claim upTo(int max, Duration lockTimeout) {
    return max == 0 ? NONE : new Claim(max, lockTimeout, null);
  }

  /** This claim, keeping the acked instance locked for {@code hold} as described above. */
  public Claim holdingInstance(Duration hold) {
    return new Claim(max, lockTimeout, Objects.requireNonNull(hold, "hold"));
  }
}
