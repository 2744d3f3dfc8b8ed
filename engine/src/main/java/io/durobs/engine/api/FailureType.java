package io.durobs.engine.api;

/**
 * Why something failed. The orchestration failure types map one to one to the catalogue's
 * {@code error_type}/{@code error_category} labels; {@link #TIMEOUT} is an activity attempt that
 * exceeded its per-attempt timeout.
 */
public enum FailureType {
  /** User code threw, or a task it awaited failed and it did not handle that. */
  APPLICATION("app_error", "application"),
  /** The store failed in a way retrying did not fix. */
  INFRASTRUCTURE("infrastructure_error", "infrastructure"),
  /** Nondeterminism, an unregistered orchestration, activity or version. */
  CONFIGURATION("config_error", "configuration"),
  /** A message was delivered more often than the attempt limit allows. */
  POISON("poison", "poison"),
  /** An activity attempt exceeded its per-attempt timeout. */
  TIMEOUT("app_error", "application");

  private final String errorType;
  private final String category;

  FailureType(String errorType, String category) {
    this.errorType = errorType;
    this.category = category;
  }

  /** The catalogue {@code error_type} label value. */
  public String errorType() {
    return errorType;
  }

  /** The catalogue {@code error_category} label value. */
  public String category() {
    return category;
  }
}
