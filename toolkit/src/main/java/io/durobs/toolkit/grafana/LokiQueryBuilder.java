package io.durobs.toolkit.grafana;

/** Builds a {@link LokiQuery} (the SDK's {@code loki.DataqueryBuilder}); a range query by default. */
public final class LokiQueryBuilder implements Builder<LokiQuery> {

  private String refId;
  private DataSourceRef datasource;
  private String expr;
  private String legendFormat;
  private String queryType = "range";
  private Integer maxLines;

  /** The LogQL expression. */
  public LokiQueryBuilder expr(String expr) {
    this.expr = expr;
    return this;
  }

  /** The legend template for metric queries. */
  public LokiQueryBuilder legendFormat(String legendFormat) {
    this.legendFormat = legendFormat;
    return this;
  }

  /** The reference id; left unset, the panel numbers its queries. */
  public LokiQueryBuilder refId(String refId) {
    this.refId = refId;
    return this;
  }

  /** The data source (defaults to the panel's). */
  public LokiQueryBuilder datasource(DataSourceRef datasource) {
    this.datasource = datasource;
    return this;
  }

  /** An instant query. */
  public LokiQueryBuilder instant() {
    this.queryType = "instant";
    return this;
  }

  /** Line limit for log queries. */
  public LokiQueryBuilder maxLines(int maxLines) {
    this.maxLines = maxLines;
    return this;
  }

  @Override
  public LokiQuery build() {
    if (expr == null || expr.isBlank()) {
      throw new IllegalStateException("a Loki query needs an expression");
    }
    return new LokiQuery(refId, datasource, expr, legendFormat, queryType, maxLines, "code");
  }
}
