package io.durobs.engine.store;

/**
 * What a non-terminal instance is waiting on, stored on its row so that the active-orchestrations
 * gauge is one indexed {@code GROUP BY}. {@link #label()} is the catalogue's {@code state} value.
 */
public enum WaitState {
  /** Started or being processed, not blocked on a durable task. */
  RUNNING("running"),
  /** Blocked on an activity result. */
  WAITING_FOR_ACTIVITY("waiting_for_activity"),
  /** Blocked on a durable timer (including retry backoff). */
  WAITING_FOR_TIMER("waiting_for_timer"),
  /** Blocked on an external event. */
  WAITING_FOR_EVENT("waiting_for_event"),
  /** Blocked on a sub-orchestration's result. */
  WAITING_FOR_SUBORCHESTRATION("waiting_for_suborchestration");

  private final String label;

  WaitState(String label) {
    this.label = label;
  }

  /** The value stored in the database and used as the metric label. */
  public String label() {
    return label;
  }

  /** The state with this label. */
  public static WaitState fromLabel(String label) {
    for (WaitState s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown wait state " + label);
  }
}
