package io.durobs.toolkit.grafana;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Option enums shared by several visualizations (the SDK's {@code common} package); each constant
 * serializes as the JSON value Grafana expects.
 */
public final class Common {

  private Common() {}

  /** How a legend is drawn. */
  public enum LegendDisplayMode {
    @JsonProperty("list") LIST,
    @JsonProperty("table") TABLE,
    @JsonProperty("hidden") HIDDEN
  }

  /** Where a legend is drawn. */
  public enum LegendPlacement {
    @JsonProperty("bottom") BOTTOM,
    @JsonProperty("right") RIGHT
  }

  /** Which series a tooltip shows. */
  public enum TooltipMode {
    @JsonProperty("single") SINGLE,
    @JsonProperty("multi") MULTI,
    @JsonProperty("none") NONE
  }

  /** Series stacking in a time series. */
  public enum StackingMode {
    @JsonProperty("none") NONE,
    @JsonProperty("normal") NORMAL,
    @JsonProperty("percent") PERCENT
  }

  /** How a stat, gauge or bar gauge reduces a series to one number. */
  public enum ReduceCalc {
    @JsonProperty("lastNotNull") LAST_NOT_NULL,
    @JsonProperty("last") LAST,
    @JsonProperty("mean") MEAN,
    @JsonProperty("max") MAX,
    @JsonProperty("min") MIN,
    @JsonProperty("sum") SUM
  }

  /** Orientation of stats, gauges and bar gauges. */
  public enum Orientation {
    @JsonProperty("auto") AUTO,
    @JsonProperty("horizontal") HORIZONTAL,
    @JsonProperty("vertical") VERTICAL
  }

  /** Colour mode of a field ({@code fieldConfig.defaults.color.mode}). */
  public enum ColorMode {
    @JsonProperty("thresholds") THRESHOLDS,
    @JsonProperty("palette-classic") PALETTE_CLASSIC,
    @JsonProperty("fixed") FIXED,
    @JsonProperty("continuous-GrYlRd") CONTINUOUS_GREEN_YELLOW_RED
  }
}
