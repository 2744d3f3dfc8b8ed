package io.durobs.it.grafana;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grafana's interval arithmetic, as its frontend ({@code rangeutil.calculateInterval}) and its
 * Prometheus backend ({@code promlib/models/query.go}, {@code gtime}) do it: rounding to "nice"
 * intervals, Grafana's short interval format ({@code 1m}, {@code 30s}), and Go's duration format
 * that {@code $__rate_interval} is written in ({@code 1m0s}).
 */
public final class GrafanaIntervals {

  private static final Pattern GRAFANA_INTERVAL = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|[smhdwMy])");
  private static final long SECOND = 1000;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long YEAR = 365 * DAY;

  // upper bound (inclusive) → nice interval, both in ms: gtime.RoundInterval
  private static final long[][] ROUNDING = {
      {10, 1}, {15, 10}, {35, 20}, {75, 50}, {150, 100}, {350, 200}, {750, 500},
      {1500, 1000}, {3500, 2000}, {7500, 5000}, {12500, 10000}, {17500, 15000},
      {25000, 20000}, {45000, 30000}, {90000, 60000}, {210000, 120000}, {450000, 300000},
      {750000, 600000}, {1050000, 900000}, {1500000, 1200000}, {2700000, 1800000},
      {5400000, 3600000}, {9000000, 7200000}, {16200000, 10800000}, {32400000, 21600000},
      {86400000, 43200000}, {172800000, 86400000}, {604800000, 86400000},
      {1814400000, 604800000}};

  private GrafanaIntervals() {}

  /** Grafana's rounding of a raw interval (range / max data points) to a "nice" interval. */
  public static Duration round(Duration raw) {
    long ms = raw.toMillis();
    for (long[] r : ROUNDING) {
      if (ms <= r[0]) {
        return Duration.ofMillis(r[1]);
      }
    }
    return Duration.ofMillis(ms < 3628800000L ? 2592000000L : 31536000000L);
  }

  /** Grafana's interval format ({@code gtime.FormatInterval}): the largest whole unit. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms >= YEAR) {
      return ms / YEAR + "y";
    }
    if (ms >= DAY) {
      return ms / DAY + "d";
    }
    if (ms >= HOUR) {
      return ms / HOUR + "h";
    }
    if (ms >= MINUTE) {
      return ms / MINUTE + "m";
    }
    if (ms >= SECOND) {
      return ms / SECOND + "s";
    }
    return ms >= 1 ? ms + "ms" : "1ms";
  }

  /** Go's {@code time.Duration.String()} ({@code 1m0s}, {@code 4s}, {@code 1.5s}, {@code 500ms}). */
  public static String goFormat(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    if (ms < SECOND) {
      return ms + "ms";
    }
    long h = ms / HOUR;
    long m = (ms % HOUR) / MINUTE;
    long sMillis = ms % MINUTE;
    String seconds = sMillis % 1000 == 0 ? String.valueOf(sMillis / 1000)
        : stripZeros(String.format(Locale.ROOT, "%.3f", sMillis / 1000.0));
    StringBuilder sb = new StringBuilder();
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (h > 0 || m > 0) {
      sb.append(m).append('m');
    }
    return sb.append(seconds).append('s').toString();
  }

  /**
   * Parses an interval as Grafana accepts it in {@code interval} fields and the data source's
   * scrape interval: {@code 15s}, {@code 1m}, {@code >10s}/{@code <1m} (the markers are ignored),
   * a bare number meaning seconds.
   *
   * @throws IllegalArgumentException naming the text when it is not an interval
   */
  public static Duration parse(String text) {
    String s = text.replace("<", "").replace(">", "").trim();
    if (s.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(s));
    }
    Matcher m = GRAFANA_INTERVAL.matcher(s);
    long total = 0;
    int at = 0;
    while (m.find() && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      long unit = switch (m.group(2)) {
        case "ms" -> 1;
        case "s" -> SECOND;
        case "m" -> MINUTE;
        case "h" -> HOUR;
        case "d" -> DAY;
        case "w" -> 7 * DAY;
        case "M" -> 30 * DAY;
        default -> YEAR;
      };
      total += Math.round(n * unit);
      at = m.end();
    }
    if (s.isEmpty() || at != s.length()) {
      throw new IllegalArgumentException("not a Grafana interval: '" + text + "'");
    }
    return Duration.ofMillis(total);
  }

  private static String stripZeros(String s) {
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
