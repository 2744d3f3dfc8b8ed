package io.durobs.toolkit.lint;

/**
 * One problem found by a check, with where it is.
 *
 * @param rule the check's id ({@code unknown-metric}, {@code counter-rate}, ...)
 * @param location where: dashboard, panel and refId, or rule group and rule
 * @param message what is wrong, naming the nearest valid name where there is one
 */
public record Finding(String rule, String location, String message) {

  /** One line: {@code location: message [rule]}. */
  @Override
  public String toString() {
    return location + ": " + message + " [" + rule + "]";
  }
}
