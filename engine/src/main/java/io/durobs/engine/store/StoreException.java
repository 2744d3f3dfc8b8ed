package io.durobs.engine.store;

import io.durobs.engine.api.DurableException;

/**
 * A store call failed. {@link #type()} classifies the failure by SQLSTATE, which decides whether
 * the runtime retries; {@link #sqlState()} is the raw state when the database reported one.
 */
public class StoreException extends DurableException {

  private final StoreErrorType type;
  private final String sqlState;

  /** A failure of {@code operation} with the given classification. */
  public StoreException(String message, StoreErrorType type, String sqlState, Throwable cause) {
    super(message, cause);
    this.type = type;
    this.sqlState = sqlState;
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
