package io.durobs.it.check;

import java.util.List;

/**
 * The check of one panel (or one copy of a repeated panel).
 *
 * @param id the panel id
 * @param title the title, with the repeat value for a copy of a repeated panel
 * @param type the visualization type
 * @param row the row title
 * @param targets the targets' results
 */
public record PanelResult(int id, String title, String type, String row, List<TargetResult> targets) {

  public PanelResult {
    targets = List.copyOf(targets);
  }

  /**
   * The panel's status: DATA when every target that was run returned data and at least one ran;
   * ERROR before EMPTY before SKIPPED otherwise.
   */
  public TargetStatus status() {
    boolean anyRun = false;
    TargetStatus worst = TargetStatus.DATA;
    for (TargetResult t : targets) {
      switch (t.status()) {
        case ERROR -> worst = TargetStatus.ERROR;
        case EMPTY -> worst = worst == TargetStatus.ERROR ? worst : TargetStatus.EMPTY;
        case DATA -> anyRun = true;
        default -> { }
      }
    }
    if (worst != TargetStatus.DATA) {
      return worst;
    }
    return anyRun ? TargetStatus.DATA : TargetStatus.SKIPPED;
  }

  /** True when the panel passes (shows data). */
  public boolean hasData() {
    return status() == TargetStatus.DATA;
  }
}
