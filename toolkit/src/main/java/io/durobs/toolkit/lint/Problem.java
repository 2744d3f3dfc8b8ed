package io.durobs.toolkit.lint;

/**
 * A problem in one expression, before it is given a location.
 *
 * @param rule the check's id
 * @param message what is wrong
 */
public record Problem(String rule, String message) {

  /** The problem at a location. */
  public Finding at(String location) {
    return new Finding(rule, location, message);
  }
}
