package io.durobs.it.diagnosis;

import java.util.List;

/**
 * The diagnosis of an empty or failing query: the causes it found, most fundamental first.
 *
 * @param findings the causes found; never empty for a diagnosed target
 */
public record Diagnosis(List<Cause> findings) {

  public Diagnosis {
    findings = List.copyOf(findings);
  }

  /** The first (most fundamental) finding's kind. */
  public DiagnosisKind kind() {
    return findings.get(0).kind();
  }

  /** One line: the first finding's message, and how many more there are. */
  public String headline() {
    String first = findings.get(0).kind().title() + ": " + findings.get(0).message();
    return findings.size() == 1 ? first : first + " (+" + (findings.size() - 1) + " more)";
  }

  /** True when one of the findings has this kind. */
  public boolean has(DiagnosisKind kind) {
    return findings.stream().anyMatch(f -> f.kind() == kind);
  }
}
