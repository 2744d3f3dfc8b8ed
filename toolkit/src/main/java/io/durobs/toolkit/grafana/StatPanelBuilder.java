package io.durobs.toolkit.grafana;

/** Builds a {@code stat} panel: one big number per series, coloured by thresholds. */
public final class StatPanelBuilder extends PanelBuilder<StatPanelBuilder> {

  /** A stat showing the last non-null value, background-coloured, with a sparkline. */
  public StatPanelBuilder() {
    super("stat");
    height(4);
    span(4);
    reduce(Common.ReduceCalc.LAST_NOT_NULL);
    colorMode("background");
    graphMode("area");
    options.put("justifyMode", "auto");
    options.put("textMode", "auto");
    options.put("orientation", Common.Orientation.AUTO);
    // Required by the foundation SDK's stat schema (Grafana fills them on load; files imported
    // elsewhere must carry them): no percent-change badge, Grafana's default wide layout.
    options.put("wideLayout", true);
    options.put("showPercentChange", false);
    options.put("percentChangeColorMode", "standard");
  }

  /** {@code value}, {@code background} or {@code none}. */
  public StatPanelBuilder colorMode(String mode) {
    options.put("colorMode", mode);
    return this;
  }

  /** {@code area} (sparkline) or {@code none}. */
  public StatPanelBuilder graphMode(String mode) {
    options.put("graphMode", mode);
    return this;
  }

  /** How the series is reduced to one value. */
  public StatPanelBuilder reduceCalc(Common.ReduceCalc calc) {
    reduce(calc);
    return this;
  }
}
