package io.durobs.toolkit.grafana;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The field defaults of a panel: unit, range, thresholds, colour and the visualization's custom
 * field options.
 *
 * @param unit Grafana unit id (see {@link Units})
 * @param min axis/gauge minimum, or null
 * @param max axis/gauge maximum, or null
 * @param decimals fixed decimals, or null
 * @param noValue text shown when the query returns nothing, or null
 * @param thresholds thresholds, or null
 * @param color colour settings ({@code mode}, {@code fixedColor}), or null
 * @param custom the visualization's custom field options, or null
 * @param links data links, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldConfig(
    String unit,
    Double min,
    Double max,
    Integer decimals,
    String noValue,
    Thresholds thresholds,
    Map<String, Object> color,
    Map<String, Object> custom,
    List<PanelLink> links) {}
