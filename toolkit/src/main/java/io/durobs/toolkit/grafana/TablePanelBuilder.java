package io.durobs.toolkit.grafana;

import java.util.List;
import java.util.Map;

/** Builds a {@code table} panel. */
public final class TablePanelBuilder extends PanelBuilder<TablePanelBuilder> {

  /** A table with a header, small cells and no footer. */
  public TablePanelBuilder() {
    super("table");
    options.put("showHeader", true);
    options.put("cellHeight", "sm");
    options.put("footer", Map.of("show", false, "reducer", List.of("sum"), "fields", ""));
    custom.put("align", "auto");
    custom.put("cellOptions", Map.of("type", "auto"));
    // Required by the foundation SDK's table schema: the first frame, no inspect button per cell.
    options.put("frameIndex", 0);
    custom.put("inspect", false);
  }

  /** Sorts by a column. */
  public TablePanelBuilder sortBy(String column, boolean desc) {
    options.put("sortBy", List.of(Map.of("displayName", column, "desc", desc)));
    return this;
  }
}
