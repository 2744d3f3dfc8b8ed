package io.durobs.dashboards.rules;

import io.durobs.toolkit.promql.PromDuration;
import io.durobs.toolkit.promql.PromQlScanner;
import io.durobs.toolkit.promql.PromQlScanner.DurationUse;
import io.durobs.toolkit.promql.PromQlSyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * The time scale the rules are rendered at. {@link #PRODUCTION} renders the durations as
 * {@link EngineRules} writes them, into {@code generated/}. A {@linkplain #scaled scaled} timing
 * renders the same rules running faster, for the validation harness: every {@code for:} and every
 * range, subquery step and {@code offset} divided by one factor, so "15 minutes of backlog" becomes
 * 15 seconds and a 3-day burn-rate window 72 minutes. Expressions, thresholds, labels, rule and
 * record names stay as they are (panels read the recorded series by name, so
 * {@code ...:rate5m} keeps its name while its window shrinks).
 *
 * <p>A range cannot shrink below what {@code rate()} needs: two samples, and a few more to be
 * robust against a missed scrape. Scaled ranges (and the offsets that pair with them) are
 * therefore at least {@code minimumRange}, which a caller sets to four scrape intervals, the same
 * floor Grafana puts under {@code $__rate_interval}.
 */
public final class RuleTiming {

  /** The durations as written: what {@code generated/} holds. */
  public static final RuleTiming PRODUCTION = new RuleTiming(1, Duration.ZERO);

  private final long divisor;
  private final Duration minimumRange;

  private RuleTiming(long divisor, Duration minimumRange) {
    this.divisor = divisor;
    this.minimumRange = minimumRange;
  }

  /**
   * Every duration divided by {@code divisor}; ranges and offsets at least {@code minimumRange}.
   *
   * @throws IllegalArgumentException when the divisor is below 1 or the minimum is negative
   */
  public static RuleTiming scaled(long divisor, Duration minimumRange) {
    if (divisor < 1) {
      throw new IllegalArgumentException("rule timing divisor must be >= 1, got " + divisor);
    }
    if (minimumRange == null || minimumRange.isNegative()) {
      throw new IllegalArgumentException("minimum range must be zero or positive, got " + minimumRange);
    }
    return new RuleTiming(divisor, minimumRange);
  }

  /** True for the durations as written. */
  public boolean isProduction() {
    return divisor == 1 && minimumRange.isZero();
  }

  /** The divisor applied to every duration. */
  public long divisor() {
    return divisor;
  }

  /** The shortest range (and offset) a scaled rule uses. */
  public Duration minimumRange() {
    return minimumRange;
  }

  /**
   * An alert's hold time ({@code for:}) at this scale; {@code 0s} stays {@code 0s}.
   *
   * @throws IllegalArgumentException when the text is not a Prometheus duration
   */
  public String holdFor(String forDuration) {
    if (isProduction()) {
      return forDuration;
    }
    return PromDuration.format(divide(PromDuration.parse(forDuration)));
  }

  /**
   * A rule group's evaluation interval at this scale, never below the minimum range's quarter
   * (the scrape interval a caller derives it from): a group cannot be evaluated more often than
   * new samples arrive.
   *
   * @throws IllegalArgumentException when the text is not a Prometheus duration
   */
  public String interval(String interval) {
    if (isProduction()) {
      return interval;
    }
    Duration scaled = divide(PromDuration.parse(interval));
    Duration floor = minimumRange.dividedBy(4).compareTo(Duration.ofSeconds(1)) < 0
        ? Duration.ofSeconds(1) : minimumRange.dividedBy(4);
    return PromDuration.format(scaled.compareTo(floor) < 0 ? floor : scaled);
  }

  /**
   * An expression at this scale: every literal range, subquery step and offset rescaled, the rest
   * kept character for character.
   *
   * @throws IllegalArgumentException naming the expression when it cannot be read
   */
  public String expr(String promql) {
    if (isProduction()) {
      return promql;
    }
    try {
      return PromQlScanner.mapDurations(promql, (use, d) -> {
        Duration scaled = divide(PromDuration.parse(d));
        if (use != DurationUse.STEP && scaled.compareTo(minimumRange) < 0) {
          scaled = minimumRange;
        }
        return PromDuration.format(scaled);
      });
    } catch (PromQlSyntaxException e) {
      throw new IllegalArgumentException("cannot rescale the durations of '" + promql + "': "
          + e.getMessage(), e);
    }
  }

  /** One line for the header of a rule file rendered at this scale. */
  public String describe() {
    return isProduction() ? "production timing"
        : "durations divided by " + divisor + ", ranges and offsets at least "
            + PromDuration.format(minimumRange) + " (validation harness; not for production)";
  }

  private Duration divide(Duration d) {
    return Duration.ofMillis(d.toMillis() / divisor);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RuleTiming t && t.divisor == divisor && t.minimumRange.equals(minimumRange);
  }

  @Override
  public int hashCode() {
    return Objects.hash(divisor, minimumRange);
  }

  @Override
  public String toString() {
    return "RuleTiming(" + describe() + ")";
  }
}
