package io.durobs.toolkit.grafana;

import java.util.List;
import java.util.Map;

/** Builds a {@code timeseries} panel: lines, optionally stacked, with a legend and tooltip. */
public final class TimeseriesPanelBuilder extends PanelBuilder<TimeseriesPanelBuilder> {

  /** A line chart with a list legend at the bottom and a multi-series tooltip sorted desc. */
  public TimeseriesPanelBuilder() {
    super("timeseries");
    custom.put("drawStyle", "line");
    custom.put("lineWidth", 1);
    custom.put("fillOpacity", 10);
    custom.put("showPoints", "never");
    custom.put("spanNulls", false);
    stacking(Common.StackingMode.NONE);
    legend(Common.LegendDisplayMode.LIST, Common.LegendPlacement.BOTTOM);
    tooltip(Common.TooltipMode.MULTI);
  }

  /** Stacks the series. */
  public TimeseriesPanelBuilder stacking(Common.StackingMode mode) {
    custom.put("stacking", Map.of("group", "A", "mode", mode));
    return this;
  }

  /** Fill opacity under the lines, 0..100. */
  public TimeseriesPanelBuilder fillOpacity(int percent) {
    custom.put("fillOpacity", percent);
    return this;
  }

  /** Bars instead of lines (for counts per interval). */
  public TimeseriesPanelBuilder bars() {
    custom.put("drawStyle", "bars");
    custom.put("fillOpacity", 80);
    return this;
  }

  /** The y axis label. */
  public TimeseriesPanelBuilder axisLabel(String label) {
    custom.put("axisLabel", label);
    return this;
  }

  /** Draws the thresholds as dashed lines. */
  public TimeseriesPanelBuilder thresholdsAsLines() {
    custom.put("thresholdsStyle", Map.of("mode", "dashed"));
    return this;
  }

  /** The legend's mode and placement, with optional calculations (table mode shows them). */
  public TimeseriesPanelBuilder legend(Common.LegendDisplayMode mode,
      Common.LegendPlacement placement, Common.ReduceCalc... calcs) {
    options.put("legend", Map.of("displayMode", mode, "placement", placement,
        "showLegend", mode != Common.LegendDisplayMode.HIDDEN, "calcs", List.of(calcs)));
    return this;
  }

  /** The tooltip mode (multi tooltips sort descending). */
  public TimeseriesPanelBuilder tooltip(Common.TooltipMode mode) {
    options.put("tooltip", Map.of("mode", mode, "sort", "desc"));
    return this;
  }
}
