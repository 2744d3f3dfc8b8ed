package io.durobs.engine.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How an activity call is retried: attempts, the backoff between them (a durable timer), and an
 * optional timeout per attempt. Failed and timed-out attempts are retried while attempts remain.
 * Built with {@link #builder(int)}.
 */
public final class RetryPolicy {

  /** How the delay grows between attempts. */
  public enum Backoff {
    /** Retry at once. */
    NONE,
    /** Always {@code firstDelay}. */
    FIXED,
    /** {@code firstDelay * n} before retry n (n = 1, 2, ...). */
    LINEAR,
    /** {@code firstDelay * multiplier^(n-1)} before retry n. */
    EXPONENTIAL
  }

  private final int maxAttempts;
  private final Backoff backoff;
  private final Duration firstDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final Duration attemptTimeout;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.backoff = b.backoff;
    this.firstDelay = b.firstDelay;
    this.maxDelay = b.maxDelay;
    this.multiplier = b.multiplier;
    this.attemptTimeout = b.attemptTimeout;
  }

  /** A policy of at most {@code maxAttempts} attempts (1 = no retry), no delay by default. */
  public static Builder builder(int maxAttempts) {
    return new Builder(maxAttempts);
  }

  /** Maximum attempts, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The backoff kind. */
  public Backoff backoff() {
    return backoff;
  }

  /** The per-attempt timeout, or {@code null} for none. */
  public Duration attemptTimeout() {
    return attemptTimeout;
  }

  /**
   * The delay before retry {@code retry} (1 = the second attempt), capped at the maximum delay.
   */
  public Duration delayBeforeRetry(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry numbers start at 1, got " + retry);
    }
    double millis = switch (backoff) {
      case NONE -> 0;
      case FIXED -> firstDelay.toMillis();
      case LINEAR -> (double) firstDelay.toMillis() * retry;
      case EXPONENTIAL -> firstDelay.toMillis() * Math.pow(multiplier, retry - 1);
    };
    return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts=" + maxAttempts + ", backoff=" + backoff + ", firstDelay="
        + firstDelay + ", maxDelay=" + maxDelay + ", multiplier=" + multiplier
        + ", attemptTimeout=" + attemptTimeout + "}";
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private final int maxAttempts;
    private Backoff backoff = Backoff.NONE;
    private Duration firstDelay = Duration.ZERO;
    private Duration maxDelay = Duration.ofDays(1);
    private double multiplier = 2.0;
    private Duration attemptTimeout;

    private Builder(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
    }

    /** The same delay before every retry. */
    public Builder fixed(Duration delay) {
      return set(Backoff.FIXED, delay);
    }

    /** {@code firstDelay}, then twice, three times it, and so on. */
    public Builder linear(Duration firstDelay) {
      return set(Backoff.LINEAR, firstDelay);
    }

    /** {@code firstDelay}, then multiplied by {@code multiplier} before each further retry. */
    public Builder exponential(Duration firstDelay, double multiplier) {
      if (!(multiplier >= 1.0)) {
        throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
      }
      this.multiplier = multiplier;
      return set(Backoff.EXPONENTIAL, firstDelay);
    }

    /** Caps every delay; default one day. */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = Durations.requireNonNegative("maxDelay", maxDelay);
      return this;
    }

    /** Fails an attempt that runs longer than this (the attempt counts as failed). */
    public Builder attemptTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("attemptTimeout must be positive, got " + timeout);
      }
      this.attemptTimeout = timeout;
      return this;
    }

    /** The policy. */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }

    private Builder set(Backoff kind, Duration delay) {
      this.backoff = kind;
      this.firstDelay = Durations.requireNonNegative("delay", delay);
      return this;
    }
  }
}
