package io.durobs.toolkit.grafana;

/**
 * Builds a {@link PrometheusQuery} (the SDK's {@code prometheus.DataqueryBuilder}). Defaults: a
 * range query in code mode, time series format.
 */
public final class PrometheusQueryBuilder implements Builder<PrometheusQuery> {

  private String refId;
  private DataSourceRef datasource;
  private String expr;
  private String legendFormat;
  private boolean instant;
  private String format = "time_series";
  private String interval;

  /** The PromQL expression. */
  public PrometheusQueryBuilder expr(String expr) {
    this.expr = expr;
    return this;
  }

  /** The legend template ({@code {{label}}}). */
  public PrometheusQueryBuilder legendFormat(String legendFormat) {
    this.legendFormat = legendFormat;
    return this;
  }

  /** The reference id; left unset, the panel numbers its queries A, B, .... */
  public PrometheusQueryBuilder refId(String refId) {
    this.refId = refId;
    return this;
  }

  /** The data source (defaults to the panel's). */
  public PrometheusQueryBuilder datasource(DataSourceRef datasource) {
    this.datasource = datasource;
    return this;
  }

  /** An instant query (one value per series at the end of the range). */
  public PrometheusQueryBuilder instant() {
    this.instant = true;
    return this;
  }

  /** Table format (one row per series; instant queries). */
  public PrometheusQueryBuilder formatTable() {
    this.format = "table";
    return this;
  }

  /** Heatmap format (buckets sorted by {@code le}, de-accumulated by Grafana). */
  public PrometheusQueryBuilder formatHeatmap() {
    this.format = "heatmap";
    return this;
  }

  /** Minimum step. */
  public PrometheusQueryBuilder interval(String interval) {
    this.interval = interval;
    return this;
  }

  @Override
  public PrometheusQuery build() {
    if (expr == null || expr.isBlank()) {
      throw new IllegalStateException("a Prometheus query needs an expression");
    }
    return new PrometheusQuery(refId, datasource, expr, legendFormat, !instant, instant, format,
        interval, "code", false);
  }
}
