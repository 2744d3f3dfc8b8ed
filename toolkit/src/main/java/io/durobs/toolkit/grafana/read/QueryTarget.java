package io.durobs.toolkit.grafana.read;

import io.durobs.toolkit.grafana.DataSourceRef;

/**
 * One query of a panel, as written in the dashboard (before any variable is resolved).
 *
 * @param refId the query's letter ({@code A}, {@code B}, ...), or an empty string
 * @param expr the expression (PromQL or LogQL), or an empty string
 * @param datasource the data source the query runs against: its own reference, or the panel's
 *     when it has none
 * @param inheritsDatasource true when the query names no data source of its own (then
 *     {@code datasource} is the panel's)
 * @param hidden true when the query is disabled in the panel ({@code hide: true}); Grafana does
 *     not run it
 * @param instant true for an instant query ({@code instant: true})
 * @param range true for a range query ({@code range: true}); a target with neither flag runs as
 *     a range query
 * @param queryType Loki's {@code queryType} ({@code range}, {@code instant}), or null
 * @param format {@code time_series}, {@code table} or {@code heatmap}, or null
 * @param minStep the query's min step ({@code interval}), or null
 * @param intervalFactor the legacy resolution divisor ({@code intervalFactor}), 0 when unset
 * @param legendFormat the legend template, or null
 */
public record QueryTarget(String refId, String expr, DataSourceRef datasource,
    boolean inheritsDatasource, boolean hidden, boolean instant, boolean range, String queryType,
    String format, String minStep, long intervalFactor, String legendFormat) {

  /**
   * A plain range query on the default data source, e.g. for a test that runs an expression
   * through a query backend.
   */
  public static QueryTarget rangeQuery(String refId, String expr) {
    return new QueryTarget(refId, expr, DataSourceRef.DEFAULT, true, false, false, true, null,
        null, null, 0, null);
  }

  /** True when Grafana runs this target as a range query (also when neither flag is set). */
  public boolean runsAsRange() {
    return range || !instant;
  }
}
