package io.durobs.it.check;

import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.prometheus.PrometheusException;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs Prometheus targets straight against Prometheus' HTTP API the way Grafana's Prometheus
 * backend does: built-ins substituted, range queries with Grafana's step over the range aligned
 * down to a multiple of the step, instant queries at the range end.
 */
public final class PrometheusBackend implements QueryBackend {

  private final PrometheusClient prometheus;

  /** @param prometheus the Prometheus the dashboards' data source points at */
  public PrometheusBackend(PrometheusClient prometheus) {
    this.prometheus = prometheus;
  }

  @Override
  public QueryOutcome run(PreparedQuery q) {
    String expr = q.resolvedExpr();
    try {
      if (q.target().runsAsRange()) {
        Duration step = q.timing().step();
        return QueryOutcome.ok(prometheus.queryRange(expr, align(q.timing().from(), step),
            align(q.timing().to(), step), step), expr);
      }
      return QueryOutcome.ok(prometheus.query(expr, q.timing().to()), expr);
    } catch (PrometheusException e) {
      if (e.isUnreachable()) {
        throw e;
      }
      return QueryOutcome.failed(e.getMessage(), e.errorType(), expr);
    }
  }

  /** Grafana's {@code AlignTimeRange} (UTC): rounds down to a multiple of the step. */
  static Instant align(Instant t, Duration step) {
    long s = Math.max(1, step.toMillis());
    return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), s) * s);
  }
}
