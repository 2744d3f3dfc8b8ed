package io.durobs.toolkit.grafana;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A template variable (Grafana's {@code VariableModel}); one shape for every variable type, fields
 * that do not apply are null.
 *
 * @param type {@code query}, {@code datasource}, {@code textbox}, {@code custom}, ...
 * @param name the name queries refer to as {@code $name}
 * @param label the picker's label
 * @param description hover text
 * @param query the query: a string, or for Prometheus query variables an object
 * @param definition the query as text (what Grafana shows in the variable list)
 * @param datasource the data source for query variables
 * @param current the default value
 * @param options offered values (empty for query variables, filled at load)
 * @param includeAll offer "All"
 * @param multi allow several values
 * @param allValue the value substituted for "All"
 * @param refresh when to re-run the query: 1 on load, 2 on time range change
 * @param regex filter for query results
 * @param sort 0 none, 1 alphabetical asc, ...
 * @param hide 0 show, 1 hide label, 2 hide variable
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Variable(
    String type,
    String name,
    String label,
    String description,
    Object query,
    String definition,
    DataSourceRef datasource,
    VariableOption current,
    List<VariableOption> options,
    Boolean includeAll,
    Boolean multi,
    String allValue,
    Integer refresh,
    String regex,
    Integer sort,
    Integer hide) {}
