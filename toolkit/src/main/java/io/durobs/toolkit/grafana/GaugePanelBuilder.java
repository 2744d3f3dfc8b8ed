package io.durobs.toolkit.grafana;

/** Builds a {@code gauge} panel: a dial between min and max with threshold markers. */
public final class GaugePanelBuilder extends PanelBuilder<GaugePanelBuilder> {

  /** A gauge of the last non-null value with threshold markers. */
  public GaugePanelBuilder() {
    super("gauge");
    height(6);
    span(6);
    reduce(Common.ReduceCalc.LAST_NOT_NULL);
    options.put("showThresholdLabels", false);
    options.put("showThresholdMarkers", true);
    options.put("orientation", Common.Orientation.AUTO);
    // Required by the foundation SDK's gauge schema: Grafana's own defaults.
    options.put("sizing", "auto");
    options.put("minVizWidth", 75);
    options.put("minVizHeight", 75);
  }

  /** How the series is reduced to one value. */
  public GaugePanelBuilder reduceCalc(Common.ReduceCalc calc) {
    reduce(calc);
    return this;
  }
}
