package io.durobs.it.check;

import io.durobs.it.grafana.QueryTiming;
import io.durobs.toolkit.grafana.read.QueryTarget;

/**
 * One target ready to run: dashboard variables substituted, timing computed.
 *
 * @param target the target as written
 * @param datasourceType the resolved data source plugin type ({@code prometheus}, {@code loki})
 * @param expr the expression with dashboard variables substituted and Grafana's built-ins
 *     ({@code $__interval}, {@code $__rate_interval}, {@code $__range}) left as written, for a
 *     backend that computes them itself (Grafana's {@code /api/ds/query})
 * @param resolvedExpr the expression with the built-ins substituted as well, as Grafana's
 *     backend sends it to Prometheus
 * @param timing the time range, interval and step
 * @param maxDataPoints the max data points the panel asks for
 */
public record PreparedQuery(QueryTarget target, String datasourceType, String expr, String resolvedExpr,
    QueryTiming timing, long maxDataPoints) {}
