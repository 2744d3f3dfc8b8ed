package io.durobs.toolkit.grafana;

import java.util.List;
import java.util.Map;

/**
 * Builds a query variable whose values come from the data source, e.g. Prometheus
 * {@code label_values(metric{...}, label)}. Refreshed on time range change, so values that appear
 * later show up; multi-value with "All" ({@code .*}) by default.
 */
public final class QueryVariableBuilder implements Builder<Variable> {

  private final String name;
  private String label;
  private String description;
  private String query;
  private DataSourceRef datasource;
  private boolean multi = true;
  private boolean includeAll = true;
  private String allValue = ".*";
  private String regex = "";

  /** A query variable referred to as {@code $name}. */
  public QueryVariableBuilder(String name) {
    this.name = name;
  }

  /** The picker's label. */
  public QueryVariableBuilder label(String label) {
    this.label = label;
    return this;
  }

  /** Hover text. */
  public QueryVariableBuilder description(String description) {
    this.description = description;
    return this;
  }

  /** The query, e.g. {@code label_values(up{job=~"$job"}, instance)}. */
  public QueryVariableBuilder query(String query) {
    this.query = query;
    return this;
  }

  /** The data source the query runs against. */
  public QueryVariableBuilder datasource(DataSourceRef datasource) {
    this.datasource = datasource;
    return this;
  }

  /** Single value, no "All". */
  public QueryVariableBuilder single() {
    this.multi = false;
    this.includeAll = false;
    this.allValue = null;
    return this;
  }

  /** The value substituted for "All" (default {@code .*}). */
  public QueryVariableBuilder allValue(String allValue) {
    this.allValue = allValue;
    return this;
  }

  /** A filter on the query's results. */
  public QueryVariableBuilder regex(String regex) {
    this.regex = regex;
    return this;
  }

  @Override
  public Variable build() {
    if (query == null) {
      throw new IllegalStateException("query variable " + name + " needs a query");
    }
    Object queryObject = datasource != null && "prometheus".equals(datasource.type())
        ? Map.of("qryType", 1, "query", query, "refId", "PrometheusVariableQueryEditor-VariableQuery")
        : query;
    VariableOption current = includeAll
        ? new VariableOption(multi ? List.of("All") : "All", multi ? List.of("$__all") : "$__all", null)
        : null;
    return new Variable("query", name, label, description, queryObject, query, datasource,
        current, List.of(), includeAll, multi, allValue, 2, regex, 1, 0);
  }
}
