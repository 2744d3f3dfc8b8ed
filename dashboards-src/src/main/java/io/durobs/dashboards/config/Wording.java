package io.durobs.dashboards.config;

import io.durobs.toolkit.promql.PromDuration;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * How the content's prose states a configured number, so an alert's summary, its runbook and the
 * panel descriptions that quote the same threshold say it the same way.
 */
public final class Wording {

  private Wording() {}

  /** A ratio as a percentage number without the sign: {@code 0.95} is {@code 95}. */
  public static String percent(BigDecimal ratio) {
    return number(ratio.movePointRight(2));
  }

  /** A decimal without trailing zeros: {@code 14.4}, {@code 6}. */
  public static String number(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  /** A threshold duration, short: {@code 60s}, {@code 500ms}. */
  public static String shortDuration(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /** A threshold duration, spelled out: {@code 60 seconds}, {@code 500 milliseconds}. */
  public static String longDuration(Duration d) {
    return d.toMillis() % 1000 == 0 ? plural(d.toSeconds(), "second")
        : plural(d.toMillis(), "millisecond");
  }

  /** A duration as said in a sentence: {@code a minute}, {@code 2 minutes}, {@code 90 seconds}. */
  public static String spoken(Duration d) {
    if (d.toMillis() % 60_000 != 0) {
      return longDuration(d);
    }
    return d.toMinutes() == 1 ? "a minute" : plural(d.toMinutes(), "minute");
  }

  /** A duration in seconds, as a PromQL number compares it ({@code 0.5}). */
  public static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  /**
   * A Prometheus window in words: {@code 5m} is {@code 5 minutes}, {@code 1d} {@code 1 day}
   * (the largest unit that divides it).
   */
  public static String window(String promDuration) {
    long ms = PromDuration.parse(promDuration).toMillis();
    String[] units = {"day", "hour", "minute", "second"};
    long[] millis = {86_400_000L, 3_600_000L, 60_000L, 1000L};
    for (int i = 0; i < units.length; i++) {
      if (ms % millis[i] == 0) {
        return plural(ms / millis[i], units[i]);
      }
    }
    return plural(ms, "millisecond");
  }

  /**
   * A Prometheus window as the runbooks abbreviate it: {@code 1h} is {@code 1 h}, {@code 5m}
   * {@code 5 m}, days spelled out ({@code 1 day}, {@code 3 days}).
   */
  public static String abbreviatedWindow(String promDuration) {
    String w = window(promDuration);
    return w.contains("day") ? w : w.replaceFirst(" (.)[a-z]*$", " $1");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
