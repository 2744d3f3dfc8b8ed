package io.durobs.toolkit.grafana;

/** Builds a row: a full-width, one-unit-high header that groups the panels after it. */
public final class RowBuilder implements Builder<Panel> {

  private final String title;
  private boolean collapsed;

  /** A row with this title. */
  public RowBuilder(String title) {
    this.title = title;
  }

  /** Whether the row starts collapsed. */
  public RowBuilder collapsed(boolean collapsed) {
    this.collapsed = collapsed;
    return this;
  }

  @Override
  public Panel build() {
    return new Panel(null, "row", title, null, new GridPos(1, 24, 0, 0), null, null, null, null,
        null, null, null, null, collapsed, java.util.List.of());
  }
}
