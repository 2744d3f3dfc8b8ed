package io.durobs.it.grafana;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The time parameters Grafana derives for one panel query, and the values of its built-in
 * variables ({@code $__interval}, {@code $__rate_interval}, {@code $__range}, ...).
 *
 * <p>It reproduces the two halves of Grafana's computation. The frontend
 * ({@code rangeutil.calculateInterval}) sends {@code intervalMs} = round(range / max data points),
 * at least the panel's min interval or else the data source's scrape interval. The Prometheus
 * backend ({@code promlib/models/query.go}) then takes the query's own min step or
 * {@code intervalMs} as the minimum, recomputes range / max data points, keeps it above range /
 * 11000 and multiplies by the interval factor to get the step, which is {@code $__interval}; and
 * {@code $__rate_interval} = max({@code intervalMs} + scrape interval, 4 × scrape interval), where
 * the scrape interval is the query's min step when set, else the data source's.
 *
 * @param from the start of the dashboard's time range
 * @param to the end of the dashboard's time range
 * @param intervalMs the interval the frontend sends
 * @param step the query step, also the value of {@code $__interval}
 * @param rateInterval the value of {@code $__rate_interval}
 */
public record QueryTiming(Instant from, Instant to, Duration intervalMs, Duration step,
    Duration rateInterval) {

  private static final long SAFE_RESOLUTION = 11000;
  private static final Duration DEFAULT_SCRAPE = Duration.ofSeconds(15);

  public QueryTiming {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /**
   * Computes the timing of one query.
   *
   * @param from range start
   * @param to range end
   * @param maxDataPoints the panel's max data points (its width in pixels when not set)
   * @param panelMinInterval the panel's "Min interval" ({@code interval}), or null
   * @param dsScrapeInterval the data source's scrape interval ({@code jsonData.timeInterval}),
   *     or null for Grafana's default of 15 s
   * @param queryMinStep the query's own min step ({@code interval} of the target), or null
   * @param intervalFactor the query's interval factor (legacy resolution), 0 or 1 for none
   */
  public static QueryTiming compute(Instant from, Instant to, long maxDataPoints,
      String panelMinInterval, String dsScrapeInterval, String queryMinStep, long intervalFactor) {
    Duration range = Duration.between(from, to);
    long points = maxDataPoints > 0 ? maxDataPoints : 1500;

    // frontend: intervalMs sent with the request
    String lowLimit = blank(panelMinInterval) ? dsScrapeInterval : panelMinInterval;
    Duration intervalMs = GrafanaIntervals.round(range.dividedBy(points));
    if (!blank(lowLimit)) {
      Duration low = GrafanaIntervals.parse(lowLimit);
      if (low.compareTo(intervalMs) > 0) {
        intervalMs = low;
      }
    }

    // backend: minimum interval, step
    boolean rateStep = isVar(queryMinStep, "__rate_interval");
    String minStep = isVariable(queryMinStep) ? "" : nullToEmpty(queryMinStep);
    if (minStep.equals("0s")) {
      minStep = "";
    }
    Duration minInterval;
    if (!minStep.isEmpty()) {
      minInterval = GrafanaIntervals.parse(minStep);
    } else if (!intervalMs.isZero()) {
      minInterval = intervalMs;
    } else if (!blank(dsScrapeInterval)) {
      minInterval = GrafanaIntervals.parse(dsScrapeInterval);
    } else {
      minInterval = DEFAULT_SCRAPE;
    }
    Duration calculated = range.dividedBy(points);
    calculated = calculated.compareTo(minInterval) < 0 ? minInterval : GrafanaIntervals.round(calculated);
    Duration safe = GrafanaIntervals.round(range.dividedBy(SAFE_RESOLUTION));
    Duration adjusted = calculated.compareTo(safe) > 0 ? calculated : safe;

    Duration scrapeForRate = blank(dsScrapeInterval) ? DEFAULT_SCRAPE : GrafanaIntervals.parse(dsScrapeInterval);
    Duration step;
    if (rateStep) {
      step = rateInterval(adjusted, scrapeForRate);
    } else {
      step = adjusted.multipliedBy(intervalFactor > 0 ? intervalFactor : 1);
    }

    Duration rate;
    if (rateStep) {
      rate = step;
    } else {
      Duration requested;
      if (isVar(queryMinStep, "__interval")) {
        requested = step;
      } else if (!minStep.isEmpty()) {
        requested = GrafanaIntervals.parse(minStep);
      } else {
        requested = scrapeForRate;
      }
      rate = rateInterval(intervalMs, requested);
    }
    return new QueryTiming(from, to, intervalMs, step, rate);
  }

  /** {@code calculateRateInterval}: max(interval + scrape, 4 × scrape). */
  public static Duration rateInterval(Duration interval, Duration scrape) {
    Duration a = interval.plus(scrape);
    Duration b = scrape.multipliedBy(4);
    return a.compareTo(b) > 0 ? a : b;
  }

  /** The length of the time range. */
  public Duration range() {
    return Duration.between(from, to);
  }

  /**
   * The values of Grafana's built-in variables for this query, keyed without the {@code $}, in
   * Grafana's formats ({@code $__interval} = {@code 30s}, {@code $__rate_interval} = {@code 1m0s},
   * {@code $__range} = {@code 3600s}).
   */
  public Map<String, String> builtIns() {
    long rangeMs = range().toMillis();
    long rangeS = Math.round(rangeMs / 1000.0);
    Map<String, String> m = new LinkedHashMap<>();
    m.put("__interval", GrafanaIntervals.format(step));
    m.put("__interval_ms", String.valueOf(step.toMillis()));
    m.put("__rate_interval", GrafanaIntervals.goFormat(rateInterval));
    m.put("__rate_interval_ms", String.valueOf(rateInterval.toMillis()));
    m.put("__range", rangeS + "s");
    m.put("__range_s", String.valueOf(rangeS));
    m.put("__range_ms", String.valueOf(rangeMs));
    m.put("__from", String.valueOf(from.toEpochMilli()));
    m.put("__to", String.valueOf(to.toEpochMilli()));
    return m;
  }

  private static boolean isVariable(String s) {
    return isVar(s, "__interval") || isVar(s, "__interval_ms") || isVar(s, "__rate_interval")
        || isVar(s, "__rate_interval_ms");
  }

  private static boolean isVar(String s, String name) {
    return s != null && (s.equals("$" + name) || s.equals("${" + name + "}"));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s.trim();
  }
}
