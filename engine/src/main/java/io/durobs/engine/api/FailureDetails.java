package io.durobs.engine.api;

import java.util.Objects;

/**
 * Why an orchestration, activity or sub-orchestration failed.
 *
 * @param type the failure class
 * @param kind a finer reason: the exception class for application failures, or one of
 *     {@code nondeterminism}, {@code unregistered_orchestration}, {@code unregistered_activity},
 *     {@code version_not_found} for configuration failures
 * @param message a human-readable one-line explanation
 */
public record FailureDetails(FailureType type, String kind, String message) {

  public FailureDetails {
    Objects.requireNonNull(type, "type");
    kind = kind == null ? "" : kind;
    message = message == null ? "" : message;
  }

  @Override
  public String toString() {
    return type + "(" + kind + "): " + message;
  }
}
