package io.durobs.toolkit.lint;

/**
 * One problem found by a check, with where it is.
 *
 * @param rule the check's id ({@code unknown-metric}, {@code counter-rate}, ...)
 * @param location where: dashboard, panel and refId, or rule group and rule
 * @param message what is wrong, naming the nearest valid name where there is one
 */
public record Finding(String rule, String location, String message) {

  private static final java.util.regex.Pattern WHERE = java.util.regex.Pattern.compile(
      "^dashboard '(.*?)' \\((.*?)\\)(?:, panel '(.*?)')?(?:, refId (\\S*))?(?:, .*)?$");

  /**
   * Where a dashboard finding is, taken apart: dashboard title, uid ({@code no uid} when it has
   * none), panel title and refId, each null where the location does not name it (rule files).
   *
   * @param dashboard the dashboard title
   * @param uid the dashboard uid
   * @param panel the panel title
   * @param refId the query's refId
   */
  public record Place(String dashboard, String uid, String panel, String refId) {}

  /** The location taken apart; all null for a finding in a rule file. */
  public Place place() {
    java.util.regex.Matcher m = WHERE.matcher(location);
    return m.matches() ? new Place(m.group(1), m.group(2), m.group(3), m.group(4))
        : new Place(null, null, null, null);
  }

  /** How to fix it (from {@link LintRules}). */
  public String fix() {
    return LintRules.fixFor(rule);
  }

  /** One line: {@code location: message [rule]}. */
  @Override
  public String toString() {
    return location + ": " + message + " [" + rule + "]";
  }
}
