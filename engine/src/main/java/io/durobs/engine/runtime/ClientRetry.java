package io.durobs.engine.runtime;

import static io.durobs.engine.api.Durations.requirePositive;

import io.durobs.engine.store.StoreException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link io.durobs.engine.api.DurableClient} retries a store call that failed transiently
 * (lost or refused connection, serialization failure, deadlock, lock or statement timeout; never
 * a constraint violation or invalid input): up to {@link #maxAttempts()} attempts, waiting
 * {@link #initialBackoff()} after the first failure, doubling up to {@link #maxBackoff()}, each
 * wait drawn between half and all of that (jitter, so that many clients do not retry in step).
 *
 * <p>The default, {@link #DEFAULT}: 6 attempts, 200 ms doubling to 2 s, so a call gives up after
 * at most 0.2 + 0.4 + 0.8 + 1.6 + 2 = 5.0 s of waiting plus the attempts themselves (each bounded
 * by the store's connect timeout). A call that may already have taken effect is repeated only
 * when repeating is safe: reads, starts (a repeated start that finds the instance it created
 * returns normally) and cancellations; an event is raised again only when the store knows the
 * failed attempt wrote nothing, since a duplicate event would be delivered twice.
 */
public final class ClientRetry {

  private static final Logger LOG = LoggerFactory.getLogger(ClientRetry.class);

  /** 6 attempts, backoff 200 ms doubling to 2 s. */
  public static final ClientRetry DEFAULT =
      new ClientRetry(6, Duration.ofMillis(200), Duration.ofSeconds(2));

  /** One attempt: every failure reaches the caller at once. */
  public static final ClientRetry NONE = new ClientRetry(1, Duration.ofMillis(1),
      Duration.ofMillis(1));

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;

  private ClientRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  /**
   * A policy of {@code maxAttempts} attempts (at least 1), the first wait {@code initialBackoff},
   * doubling up to {@code maxBackoff}.
   */
  public static ClientRetry of(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("client retry maxAttempts must be >= 1, got "
          + maxAttempts);
    }
    requirePositive("client retry initialBackoff", initialBackoff);
    requirePositive("client retry maxBackoff", maxBackoff);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("client retry maxBackoff " + maxBackoff
          + " < initialBackoff " + initialBackoff);
    }
    return new ClientRetry(maxAttempts, initialBackoff, maxBackoff);
  }

  /** Attempts per call, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The wait after the first failed attempt. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest wait between two attempts. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Whether a call that failed with {@code e} may be repeated. */
  private static boolean retryable(StoreException e, boolean idempotent) {
    return e.retryable() && (idempotent || e.notApplied());
  }

  /**
   * Runs {@code call} (given the attempt number, from 1) until it succeeds, fails with an error
   * that is not transient, or the attempts are used up; the last failure is thrown.
   *
   * @param idempotent whether repeating a call that may have taken effect is harmless
   */
  <T> T run(String operation, boolean idempotent, Attempt<T> call) {
    long backoffNanos = initialBackoff.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run(attempt);
      } catch (StoreException e) {
        if (attempt >= maxAttempts || !retryable(e, idempotent)) {
          throw e;
        }
        long wait = backoffNanos / 2 + ThreadLocalRandom.current().nextLong(backoffNanos / 2 + 1);
        LOG.debug("client {}: attempt {} of {} failed ({}), retrying in {} ms", operation,
            attempt, maxAttempts, e.type().label(), wait / 1_000_000);
        sleep(wait, e);
        backoffNanos = Math.min(backoffNanos * 2, maxBackoff.toNanos());
      }
    }
  }

  /** Like {@link #run(String, boolean, Attempt)} for a call that ignores the attempt number. */
  <T> T call(String operation, boolean idempotent, Supplier<T> call) {
    return run(operation, idempotent, attempt -> call.get());
  }

  private static void sleep(long nanos, StoreException cause) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cause;
    }
  }

  @Override
  public String toString() {
    return "ClientRetry[" + maxAttempts + " attempts, backoff " + initialBackoff + " to "
        + maxBackoff + "]";
  }

  /** One attempt of a call. */
  @FunctionalInterface
  interface Attempt<T> {
    T run(int attempt);
  }
}
