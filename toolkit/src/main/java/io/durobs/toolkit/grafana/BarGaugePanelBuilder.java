package io.durobs.toolkit.grafana;

import java.util.List;
import java.util.Map;

/** Builds a {@code bargauge} panel: one bar per series, for comparing totals. */
public final class BarGaugePanelBuilder extends PanelBuilder<BarGaugePanelBuilder> {

  /** Horizontal gradient bars of the last non-null value. */
  public BarGaugePanelBuilder() {
    super("bargauge");
    reduce(Common.ReduceCalc.LAST_NOT_NULL);
    options.put("displayMode", "gradient");
    options.put("orientation", Common.Orientation.HORIZONTAL);
    options.put("showUnfilled", true);
    options.put("valueMode", "color");
    options.put("namePlacement", "auto");
    options.put("sizing", "auto");
    // Required by the foundation SDK's bar gauge schema: Grafana's own defaults, no legend (each
    // bar is labelled with its series name already).
    options.put("minVizWidth", 8);
    options.put("minVizHeight", 16);
    options.put("maxVizHeight", 300);
    options.put("legend", Map.of("displayMode", Common.LegendDisplayMode.LIST,
        "placement", Common.LegendPlacement.BOTTOM, "showLegend", false, "calcs", List.of()));
  }

  /** {@code gradient}, {@code lcd} or {@code basic}. */
  public BarGaugePanelBuilder displayMode(String mode) {
    options.put("displayMode", mode);
    return this;
  }

  /** How each series is reduced to one value. */
  public BarGaugePanelBuilder reduceCalc(Common.ReduceCalc calc) {
    reduce(calc);
    return this;
  }
}
