package io.durobs.toolkit.grafana.read;

import io.durobs.toolkit.grafana.DataSourceRef;
import java.util.List;

/**
 * A dashboard template variable as written in {@code templating.list}.
 *
 * @param name the variable name (referenced as {@code $name}, {@code ${name}}, {@code [[name]]})
 * @param type {@code query}, {@code custom}, {@code constant}, {@code textbox}, {@code interval},
 *     {@code datasource}, {@code adhoc}, ...
 * @param query the query text: {@code label_values(...)} for Prometheus query variables (also
 *     when the JSON holds the query as an object), the comma-separated values of a custom or
 *     interval variable, a constant's value, a data source variable's plugin type
 * @param datasource the data source of a query variable ({@link DataSourceRef#DEFAULT} when none)
 * @param regex the regex that filters (and with a capture group, extracts) query results, or
 *     empty
 * @param multi true when several values may be selected
 * @param includeAll true when the variable offers "All"
 * @param allValue the custom value standing for "All", or null
 * @param current the saved selection ({@code $__all} for All)
 * @param options the saved options (values), used for variables that have no query
 * @param sort Grafana's sort code for query results (0 none, 1/2 alphabetical, 3/4 numerical,
 *     5/6 alphabetical case-insensitive)
 */
public record TemplateVariable(String name, String type, String query, DataSourceRef datasource,
    String regex, boolean multi, boolean includeAll, String allValue, List<String> current,
    List<String> options, int sort) {

  /** The value Grafana stores for an "All" selection. */
  public static final String ALL = "$__all";

  public TemplateVariable {
    current = List.copyOf(current);
    options = List.copyOf(options);
  }

  /** The first saved value, or an empty string (a data source variable's default uid). */
  public String firstCurrent() {
    return current.isEmpty() ? "" : current.get(0);
  }
}
