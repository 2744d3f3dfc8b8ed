package io.durobs.it.diagnosis;

import java.util.List;

/**
 * One finding of a diagnosis.
 *
 * @param kind what kind of cause
 * @param selector the selector (or variable, or whole expression) it is about
 * @param message one line saying what was found, with the evidence (names, values seen)
 * @param suggestions concrete alternatives seen in Prometheus (other names, label values)
 */
public record Finding(DiagnosisKind kind, String selector, String message, List<String> suggestions) {

  public Finding {
    suggestions = List.copyOf(suggestions);
  }
}
