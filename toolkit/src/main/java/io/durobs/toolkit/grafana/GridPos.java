package io.durobs.toolkit.grafana;

/**
 * A panel's position on the dashboard's 24-column grid.
 *
 * @param h height in grid rows
 * @param w width in columns (1..24)
 * @param x column of the left edge
 * @param y row of the top edge
 */
public record GridPos(int h, int w, int x, int y) {
  public GridPos {
    if (h <= 0) {
      throw new IllegalArgumentException("h must be > 0");
    }
    if (w <= 0 || w > 24) {
      throw new IllegalArgumentException("w must be in 1..24");
    }
  }
}
