package io.durobs.it.grafana;

import java.util.List;

/**
 * A panel with queries, flattened out of rows (new schema: {@code panels} with {@code row} panels
 * and collapsed rows' nested {@code panels}; old schema: {@code rows[].panels}).
 *
 * @param id the panel id (0 when the JSON has none)
 * @param title the title (variables left as written)
 * @param type the visualization ({@code timeseries}, {@code stat}, {@code logs}, ...)
 * @param row the title of the row holding it, or an empty string
 * @param datasource the panel's data source reference
 * @param targets the queries
 * @param minInterval the panel's "Min interval" ({@code interval}), or null
 * @param maxDataPoints the panel's "Max data points", or 0 when unset (then its width counts)
 * @param gridWidth the width in grid columns (of 24)
 * @param repeat the variable the panel repeats for, or null
 * @param libraryPanel the library panel's uid when the panel's body lives in a library, else null
 */
public record Panel(int id, String title, String type, String row, DatasourceRef datasource,
    List<Target> targets, String minInterval, long maxDataPoints, int gridWidth, String repeat,
    String libraryPanel) {

  public Panel {
    targets = List.copyOf(targets);
  }
}
