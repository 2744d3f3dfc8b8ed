package io.durobs.it.grafana;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grafana's time expressions ({@code datemath}): {@code now}, {@code now-6h}, {@code now-1d/d},
 * {@code now/w}, ISO-8601 instants and epoch milliseconds. Rounding ({@code /d}) goes to the start
 * of the unit for a range start and to its end for a range end, in UTC.
 */
public final class GrafanaTime {

  private static final Pattern OP = Pattern.compile("([+-])(\\d+)([smhdwMy])|/([smhdwMy])");

  private GrafanaTime() {}

  /**
   * Resolves a time expression.
   *
   * @param text the expression
   * @param now the instant {@code now} stands for
   * @param roundUp true for a range end (rounding goes to the end of the unit)
   * @throws IllegalArgumentException naming the text when it is not a time expression
   */
  public static Instant parse(String text, Instant now, boolean roundUp) {
    String s = text.trim();
    if (s.matches("\\d{10,}")) {
      return Instant.ofEpochMilli(Long.parseLong(s));
    }
    if (!s.startsWith("now")) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e) {
        try {
          return ZonedDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e2) {
          throw new IllegalArgumentException("not a Grafana time: '" + text + "'");
        }
      }
    }
    ZonedDateTime t = now.atZone(ZoneOffset.UTC);
    Matcher m = OP.matcher(s);
    int at = 3;
    while (m.find() && m.start() == at) {
      if (m.group(4) != null) {
        t = round(t, m.group(4), roundUp);
      } else {
        long n = Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
        t = t.plus(n, unit(m.group(3)));
      }
      at = m.end();
    }
    if (at != s.length()) {
      throw new IllegalArgumentException("not a Grafana time: '" + text + "'");
    }
    return t.toInstant();
  }

  private static ChronoUnit unit(String u) {
    return switch (u) {
      case "s" -> ChronoUnit.SECONDS;
      case "m" -> ChronoUnit.MINUTES;
      case "h" -> ChronoUnit.HOURS;
      case "d" -> ChronoUnit.DAYS;
      case "w" -> ChronoUnit.WEEKS;
      case "M" -> ChronoUnit.MONTHS;
      default -> ChronoUnit.YEARS;
    };
  }

  private static ZonedDateTime round(ZonedDateTime t, String u, boolean up) {
    ZonedDateTime start = switch (u) {
      case "w" -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
      case "M" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case "y" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
      default -> t.truncatedTo(unit(u));
    };
    return up ? start.plus(1, unit(u)).minus(1, ChronoUnit.MILLIS) : start;
  }
}
