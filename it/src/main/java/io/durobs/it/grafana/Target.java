package io.durobs.it.grafana;

/**
 * One query of a panel, as written in the dashboard (before any variable is resolved).
 *
 * @param refId the query's letter ({@code A}, {@code B}, ...)
 * @param expr the expression (PromQL or LogQL)
 * @param datasource the target's own data source reference, or the panel's when it has none
 * @param hidden true when the query is disabled in the panel ({@code hide: true}); Grafana does
 *     not run it
 * @param instant true for an instant query
 * @param range true for a range query (a target with neither flag runs as a range query)
 * @param format {@code time_series}, {@code table} or {@code heatmap}
 * @param minStep the query's min step ({@code interval}), or null
 * @param intervalFactor the legacy resolution divisor ({@code intervalFactor}), 0 when unset
 * @param legendFormat the legend template, or null
 */
public record Target(String refId, String expr, DatasourceRef datasource, boolean hidden,
    boolean instant, boolean range, String format, String minStep, long intervalFactor,
    String legendFormat) {

  /** True when Grafana runs this target as a range query (also when neither flag is set). */
  public boolean runsAsRange() {
    return range || !instant;
  }
}
