package io.durobs.engine.store;

/**
 * What kind of store failure a {@link StoreException} is, classified by SQLSTATE (never by
 * message text). The lower-case {@link #label()} is the {@code error_type} label of
 * {@code duroxide_provider_errors_total}.
 */
public enum StoreErrorType {
  /** SQLSTATE 40P01: the transaction was chosen as a deadlock victim; retrying is safe. */
  DEADLOCK(true),
  /** SQLSTATE 40001: a serialization failure; retrying is safe. */
  SERIALIZATION(true),
  /** SQLSTATE 57014 (statement timeout / cancel) or 55P03 (lock timeout). */
  TIMEOUT(true),
  /** SQLSTATE class 08, 57P01-57P03, 53300, or a pool that could not hand out a connection. */
  CONNECTION(true),
  /** SQLSTATE class 23: an integrity constraint was violated. */
  CONSTRAINT(false),
  /** Anything else. */
  OTHER(false);

  private final boolean retryable;

  StoreErrorType(boolean retryable) {
    this.retryable = retryable;
  }

  /** True when repeating the same call may succeed (the failure was transient). */
  public boolean retryable() {
    return retryable;
  }

  /** The catalogue label value. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Classifies a SQLSTATE; {@code null} (no state known) is {@link #OTHER}. */
  public static StoreErrorType fromSqlState(String sqlState) {
    if (sqlState == null) {
      return OTHER;
    }
    return switch (sqlState) {
      case "40P01" -> DEADLOCK;
      case "40001" -> SERIALIZATION;
      case "57014", "55P03" -> TIMEOUT;
      case "57P01", "57P02", "57P03", "53300" -> CONNECTION;
      default -> sqlState.startsWith("08") ? CONNECTION
          : sqlState.startsWith("23") ? CONSTRAINT : OTHER;
    };
  }
}
