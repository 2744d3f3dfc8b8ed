package io.durobs.toolkit.grafana;

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
