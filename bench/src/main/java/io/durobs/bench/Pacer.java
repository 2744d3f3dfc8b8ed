package io.durobs.bench;

/**
 * How many starts are due, for an engine driven at a rate of starts per second: the arithmetic of
 * {@link EngineJvm}'s pacing thread, apart from its clock and its sleeps so that tests can give
 * it the time. A new rate counts from the moment it is seen (nothing owed at the old rate is
 * carried over), and never more than {@code inFlight} starts wait: an engine that falls behind
 * does not build a backlog to catch up on.
 *
 * <pre>{@code
 * Pacer pacer = new Pacer(50, 34.0, System.nanoTime());
 * starts.release(pacer.due(System.nanoTime(), starts.availablePermits()));
 * }</pre>
 *
 * <p>Not thread-safe: one pacing thread owns it.
 */
final class Pacer {

  private final int inFlight;
  private double rate;
  private long since;
  private long counted;

  /**
   * @param inFlight at most this many starts wait at once
   * @param rate starts per second (not negative)
   * @param nowNanos the time it starts from, as {@link System#nanoTime()} gives it
   */
  Pacer(int inFlight, double rate, long nowNanos) {
    if (inFlight < 1) {
      throw new IllegalArgumentException("inFlight must be >= 1, got " + inFlight);
    }
    this.inFlight = inFlight;
    this.rate = checked(rate);
    this.since = nowNanos;
  }

  /** Paces at {@code perSecond} from {@code nowNanos} on; the same rate again changes nothing. */
  void rate(double perSecond, long nowNanos) {
    if (checked(perSecond) == rate) {
      return;
    }
    rate = perSecond;
    since = nowNanos;
    counted = 0;
  }

  private static double checked(double perSecond) {
    if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate must be a finite number >= 0, got " + perSecond);
    }
    return perSecond;
  }

  /**
   * The starts to release now, given that {@code waiting} released ones are not taken yet: the
   * ones due since the last call, capped so that at most {@code inFlight} wait.
   */
  int due(long nowNanos, int waiting) {
    long total = (long) ((nowNanos - since) * rate / 1e9);
    long fresh = total - counted;
    counted = total;
    return (int) Math.max(0, Math.min(fresh, inFlight - (long) waiting));
  }
}
