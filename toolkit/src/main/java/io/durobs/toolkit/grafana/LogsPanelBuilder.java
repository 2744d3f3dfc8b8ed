package io.durobs.toolkit.grafana;

/** Builds a {@code logs} panel: log lines, newest first, with details on click. */
public final class LogsPanelBuilder extends PanelBuilder<LogsPanelBuilder> {

  /** Newest first, with time, wrapped lines and log details. */
  public LogsPanelBuilder() {
    super("logs");
    span(24);
    height(10);
    options.put("showTime", true);
    options.put("showLabels", false);
    options.put("showCommonLabels", false);
    options.put("wrapLogMessage", true);
    options.put("prettifyLogMessage", false);
    options.put("enableLogDetails", true);
    options.put("dedupStrategy", "none");
    options.put("sortOrder", "Descending");
    // Required by the foundation SDK's logs schema; the context toggle needs a Loki stream
    // selector per line, which the drill-down panels already are, so it stays off.
    options.put("showLogContextToggle", false);
  }

  /** Shows the stream labels of each line. */
  public LogsPanelBuilder showLabels(boolean show) {
    options.put("showLabels", show);
    return this;
  }

  /** Wraps long lines. */
  public LogsPanelBuilder wrapLogMessage(boolean wrap) {
    options.put("wrapLogMessage", wrap);
    return this;
  }

  /** Log lines have no numeric fields, hence no unit. */
  @Override
  protected boolean hasFields() {
    return false;
  }
}
