package io.durobs.engine.store;

import io.durobs.engine.api.DurableException;

/**
 * A store call failed. {@link #type()} classifies the failure by SQLSTATE, which decides whether
 * the runtime retries; {@link #sqlState()} is the raw state when the database reported one.
 */
public class StoreException extends DurableException {

  private final StoreErrorType type;
  private final String sqlState;
  private final boolean notApplied;

  /** A failure of {@code operation} with the given classification. */
  public StoreException(String message, StoreErrorType type, String sqlState, Throwable cause) {
    this(message, type, sqlState, cause, false);
  }

  /**
   * A failure of {@code operation} with the given classification; {@code notApplied} when the
   * store knows the call wrote nothing (no connection was obtained, or the transaction was
   * rolled back), so even a call that is not idempotent may be repeated.
   */
  public StoreException(String message, StoreErrorType type, String sqlState, Throwable cause,
      boolean notApplied) {
    super(message, cause);
    this.type = type;
    this.sqlState = sqlState;
    this.notApplied = notApplied;
  }

  /**
   * True when the call certainly had no effect; false when it may have (a connection lost while
   * the statement ran may have lost only the reply to a commit).
   */
  public boolean notApplied() {
    return notApplied;
  }

  /** The classification. */
  public StoreErrorType type() {
    return type;
  }

  /** The SQLSTATE the database reported, or {@code null}. */
  public String sqlState() {
    return sqlState;
  }

  /** True when the same call may succeed if repeated. */
  public boolean retryable() {
    return type.retryable();
  }
}
