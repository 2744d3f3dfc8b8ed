package io.durobs.toolkit.grafana.read;

import io.durobs.toolkit.grafana.DataSourceRef;

/**
 * A dashboard annotation that runs a query on a data source (Grafana's built-in "Annotations &
 * Alerts" and other annotations without an expression are left out): every series the
 * expression returns is drawn as an event on the dashboard's time series panels.
 *
 * @param name the name in the dashboard's annotation toggles
 * @param datasource the data source the expression runs on
 * @param expr the expression (PromQL for a Prometheus annotation)
 * @param titleFormat the event title template ({@code {{label}}}), or null
 * @param textFormat the event text template ({@code {{label}}}), or null
 * @param enabled whether it is shown by default ({@code enable})
 */
public record AnnotationQuery(String name, DataSourceRef datasource, String expr,
    String titleFormat, String textFormat, boolean enabled) {}
