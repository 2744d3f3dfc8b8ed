package io.durobs.toolkit.grafana;

/** One query of a panel (Grafana calls it a target); each data source plugin has its own shape. */
public interface Target {
  /** The query's reference id within its panel ({@code A}, {@code B}, ...). */
  String refId();

  /** The data source the query runs against. */
  DataSourceRef datasource();

  /** The query text (PromQL, LogQL). */
  String expr();

  /** A copy of this query with another reference id. */
  Target withRefId(String refId);
}
