package io.durobs.toolkit.promql;

import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.engine.catalogue.MetricKind;
import java.util.List;

/**
 * Entry points of the typed PromQL builder. Selectors start from catalogue metrics, so no metric
 * name is typed by hand; histograms are only reachable through their {@code _bucket},
 * {@code _count} and {@code _sum} series.
 *
 * <pre>{@code
 * histogramQuantile(0.99, sum(rate(buckets(ACTIVITY_DURATION).with(filters), RATE_INTERVAL))
 *     .by("le", ACTIVITY_NAME))
 * }</pre>
 */
public final class PromQl {

  /** Grafana's rate window: at least four scrape intervals, adapted to the step. */
  public static final String RATE_INTERVAL = "$__rate_interval";
  /** Grafana's dashboard range, for totals over the visible time range (instant queries). */
  public static final String RANGE = "$__range";

  private PromQl() {}

  /** The series of a counter or gauge. */
  public static Selector metric(MetricDefinition metric) {
    if (metric.kind() == MetricKind.HISTOGRAM) {
      throw new IllegalArgumentException(metric.otelName()
          + " is a histogram: select its buckets(), count() or sum() series");
    }
    return new Selector(metric.prometheusName(), metric, List.of(), null);
  }

  /** A histogram's {@code _bucket} series (cumulative counters by {@code le}). */
  public static Selector buckets(MetricDefinition histogram) {
    return histogramSeries(histogram, 0);
  }

  /** A histogram's {@code _count} series (a counter of observations). */
  public static Selector count(MetricDefinition histogram) {
    return histogramSeries(histogram, 2);
  }

  /** A histogram's {@code _sum} series (a counter of the observed total). */
  public static Selector sumSeries(MetricDefinition histogram) {
    return histogramSeries(histogram, 1);
  }

  /** A series produced by a recording rule. */
  public static Selector recorded(String recordName) {
    return new Selector(recordName, null, List.of(), null);
  }

  /** A series that is not the engine's, such as Prometheus's {@code up} for a scrape target. */
  public static Selector external(String name) {
    return new Selector(name, null, List.of(), null);
  }

  private static Selector histogramSeries(MetricDefinition histogram, int index) {
    if (histogram.kind() != MetricKind.HISTOGRAM) {
      throw new IllegalArgumentException(histogram.otelName() + " is not a histogram");
    }
    return new Selector(histogram.prometheusSeriesNames().get(index), histogram, List.of(), null);
  }

  /** {@code rate(selector[window])}. */
  public static Expr rate(Selector selector, String window) {
    return new Expr("rate(" + selector.range(window) + ")", Expr.ATOM);
  }

  /** {@code increase(selector[window])}. */
  public static Expr increase(Selector selector, String window) {
    return new Expr("increase(" + selector.range(window) + ")", Expr.ATOM);
  }

  /** {@code deriv(selector[window])}: per-second slope of a gauge. */
  public static Expr deriv(Selector selector, String window) {
    return new Expr("deriv(" + selector.range(window) + ")", Expr.ATOM);
  }

  /** {@code absent(selector)}: one series of value 1 when nothing matches. */
  public static Expr absent(Selector selector) {
    return new Expr("absent(" + selector.text() + ")", Expr.ATOM);
  }

  /** {@code histogram_quantile(q, buckets)}; the buckets must keep {@code le}. */
  public static Expr histogramQuantile(double quantile, Expr buckets) {
    return new Expr(Expr.call("histogram_quantile",
        List.of(Expr.formatNumber(quantile), buckets.text())), Expr.ATOM);
  }

  /** Any function over expressions, e.g. {@code clamp_min}. */
  public static Expr call(String function, Expr... args) {
    return new Expr(Expr.call(function, java.util.Arrays.stream(args).map(Expr::text).toList()),
        Expr.ATOM);
  }

  /** {@code sum(expr)}. */
  public static Aggregation sum(Expr expr) {
    return new Aggregation("sum", null, expr, null);
  }

  /** {@code max(expr)}: the aggregation for cluster-wide gauges every process reports. */
  public static Aggregation max(Expr expr) {
    return new Aggregation("max", null, expr, null);
  }

  /** {@code min(expr)}. */
  public static Aggregation min(Expr expr) {
    return new Aggregation("min", null, expr, null);
  }

  /** {@code avg(expr)}. */
  public static Aggregation avg(Expr expr) {
    return new Aggregation("avg", null, expr, null);
  }

  /** {@code count(expr)}. */
  public static Aggregation count(Expr expr) {
    return new Aggregation("count", null, expr, null);
  }

  /** {@code group(expr)}: 1 per group, for presence checks. */
  public static Aggregation group(Expr expr) {
    return new Aggregation("group", null, expr, null);
  }

  /** {@code topk(k, expr)}. */
  public static Aggregation topk(int k, Expr expr) {
    return new Aggregation("topk", Integer.toString(k), expr, null);
  }
}
