package io.durobs.engine.api;

import java.util.Locale;

/** The lifecycle state of an orchestration instance. */
public enum OrchestrationState {
  /** Not yet terminal (including between continue-as-new executions). */
  RUNNING,
  /** Ended by returning a value. */
  COMPLETED,
  /** Ended by a failure (application, infrastructure, configuration or poison). */
  FAILED,
  /** Ended by a client cancellation. */
  CANCELLED;

  /** True for completed, failed and cancelled. */
  public boolean isTerminal() {
    return this != RUNNING;
  }

  /** The lower-case form stored in the database. */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state stored as {@code value}. */
  public static OrchestrationState fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
