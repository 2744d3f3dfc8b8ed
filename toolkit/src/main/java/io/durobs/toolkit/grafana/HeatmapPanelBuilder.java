package io.durobs.toolkit.grafana;

import java.util.Map;

/**
 * Builds a {@code heatmap} panel for pre-bucketed data: Prometheus histogram buckets queried with
 * {@code format: heatmap} and legend {@code {{le}}}, so Grafana does not re-bucket.
 */
public final class HeatmapPanelBuilder extends PanelBuilder<HeatmapPanelBuilder> {

  /** A heatmap of pre-calculated buckets, exponential orange scale. */
  public HeatmapPanelBuilder() {
    super("heatmap");
    options.put("calculate", false);
    options.put("cellGap", 1);
    options.put("color", Map.of("mode", "scheme", "scheme", "Oranges", "fill", "dark-orange",
        "scale", "exponential", "exponent", 0.5, "steps", 64, "reverse", false));
    options.put("exemplars", Map.of("color", "rgba(255,0,255,0.7)"));
    options.put("filterValues", Map.of("le", 1e-9));
    options.put("legend", Map.of("show", true));
    options.put("rowsFrame", Map.of("layout", "auto"));
    options.put("tooltip", Map.of("mode", "single", "yHistogram", false, "showColorScale", false));
    options.put("showValue", "never");
    yAxisUnit(Units.SHORT);
  }

  /** The unit of the bucket boundaries (the y axis). */
  public HeatmapPanelBuilder yAxisUnit(String unit) {
    options.put("yAxis", Map.of("axisPlacement", "left", "reverse", false, "unit", unit));
    return this;
  }
}
