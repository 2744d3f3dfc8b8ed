package io.durobs.toolkit.grafana.read;

import io.durobs.toolkit.grafana.DataSourceRef;
import io.durobs.toolkit.grafana.ThresholdStep;
import java.util.List;

/**
 * A panel (or a row) as read from dashboard JSON of either schema, with what checking it needs.
 * Rows are read as panels of type {@code row}; the panels of a collapsed row and of an old-schema
 * row ({@code rows[].panels}) follow their row, named by {@code row}.
 *
 * @param id the panel id, or null when the JSON has none
 * @param title the title (variables left as written), or an empty string
 * @param type the visualization ({@code timeseries}, {@code stat}, {@code logs}, {@code row}, ...)
 * @param row the title of the row holding it, or an empty string
 * @param description the description, or an empty string
 * @param unit the display unit ({@code fieldConfig.defaults.unit}; a heatmap's y-axis unit),
 *     or null
 * @param thresholds the threshold steps ({@code fieldConfig.defaults.thresholds.steps}); a step
 *     whose value is not a number has a null value
 * @param links the panel links
 * @param datasource the panel's data source reference ({@link DataSourceRef#DEFAULT} when none)
 * @param targets the queries
 * @param minInterval the panel's "Min interval" ({@code interval}), or null
 * @param maxDataPoints the panel's "Max data points", or 0 when unset (then its width counts)
 * @param gridWidth the width in grid columns (of 24; old-schema {@code span} of 12 doubled)
 * @param repeat the variable the panel repeats for, or null
 * @param libraryPanel the library panel's uid when the panel's body lives in Grafana's panel
 *     library (its queries cannot be read from this JSON), else null
 */
public record PanelView(Integer id, String title, String type, String row, String description,
    String unit, List<ThresholdStep> thresholds, List<LinkRef> links, DataSourceRef datasource,
    List<QueryTarget> targets, String minInterval, long maxDataPoints, int gridWidth,
    String repeat, String libraryPanel) {

  public PanelView {
    thresholds = List.copyOf(thresholds);
    links = List.copyOf(links);
    targets = List.copyOf(targets);
  }

  /** True for a row (a layout element, not a visualization). */
  public boolean isRow() {
    return "row".equals(type);
  }

  /** True when the panel is a reference into Grafana's panel library. */
  public boolean isLibraryPanel() {
    return libraryPanel != null;
  }
}
