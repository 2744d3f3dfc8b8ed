package io.durobs.toolkit.promql;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus' duration syntax ({@code 1h30m}, {@code 15s}, {@code 500ms}, {@code 2d}): parsing and
 * the shortest canonical formatting Prometheus itself prints.
 */
public final class PromDuration {

  private static final Pattern UNIT = Pattern.compile("(\\d+)(ms|y|w|d|h|m|s)");
  private static final long[] MILLIS = {
      365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1};
  private static final String[] NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

  private PromDuration() {}

  /**
   * Parses a Prometheus duration.
   *
   * @throws IllegalArgumentException naming the text when it is not a duration
   */
  public static Duration parse(String text) {
    String s = text.trim();
    if (s.matches("\\d+(\\.\\d+)?")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
    }
    Matcher m = UNIT.matcher(s);
    long total = 0;
    int at = 0;
    while (m.find()) {
      if (m.start() != at) {
        break;
      }
      long n = Long.parseLong(m.group(1));
      for (int i = 0; i < NAMES.length; i++) {
        if (NAMES[i].equals(m.group(2))) {
          total += n * MILLIS[i];
        }
      }
      at = m.end();
    }
    if (at != s.length() || s.isEmpty()) {
      throw new IllegalArgumentException("not a Prometheus duration: '" + text + "'");
    }
    return Duration.ofMillis(total);
  }

  /** Formats like Prometheus does ({@code 1h30m}, {@code 4s}, {@code 0s}). */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < MILLIS.length; i++) {
      long n = ms / MILLIS[i];
      if (n > 0) {
        sb.append(n).append(NAMES[i]);
        ms -= n * MILLIS[i];
      }
    }
    return sb.toString();
  }
}
