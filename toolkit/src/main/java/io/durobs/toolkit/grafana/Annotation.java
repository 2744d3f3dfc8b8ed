package io.durobs.toolkit.grafana;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A dashboard annotation query in the classic Prometheus form: every series the expression
 * returns becomes an event (a region while it keeps returning values), drawn on every time series
 * panel of the dashboard.
 *
 * @param name the name in the dashboard's annotation toggles
 * @param datasource the data source the expression runs on
 * @param enable shown by default
 * @param hide hide the toggle
 * @param iconColor the marker's colour
 * @param expr the PromQL expression
 * @param step the query step (the finest an event's start is placed)
 * @param titleFormat the event title; may use {@code {{label}}}
 * @param textFormat the event text; may use {@code {{label}}}
 * @param tagKeys comma-separated labels shown as the event's tags
 * @param useValueForTime whether the sample value is the event's time (ms) instead of its timestamp
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Annotation(
    String name,
    DataSourceRef datasource,
    boolean enable,
    boolean hide,
    String iconColor,
    String expr,
    String step,
    String titleFormat,
    String textFormat,
    String tagKeys,
    boolean useValueForTime) {}
