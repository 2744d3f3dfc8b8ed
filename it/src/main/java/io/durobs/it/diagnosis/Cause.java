package io.durobs.it.diagnosis;

import java.util.List;

/**
 * One cause a diagnosis found for an empty or failing query (named so, not "finding", to keep
 * it apart from the static lint's {@code io.durobs.toolkit.lint.Finding}).
 *
 * @param kind what kind of cause
 * @param selector the selector (or variable, or whole expression) it is about
 * @param message one line saying what was found, with the evidence (names, values seen)
 * @param suggestions concrete alternatives seen in Prometheus (other names, label values)
 */
public record Cause(DiagnosisKind kind, String selector, String message, List<String> suggestions) {

  public Cause {
    suggestions = List.copyOf(suggestions);
  }
}
