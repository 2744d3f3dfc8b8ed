package io.durobs.dashboards.rules;

import java.util.List;

/** Renders the runbook page: one section per alert, which its {@code runbook_url} links to. */
public final class Runbooks {

  /** Where the page lives, relative to {@code generated/}. */
  public static final String PATH = "docs/runbooks.md";

  private Runbooks() {}

  /** The page for these alert groups, without detection delays. */
  public static String render(List<RuleGroup> groups) {
    return render(groups, java.util.Map.of());
  }

  /**
   * The page for these alert groups, each section stating the alert's detection delay (from
   * {@link AlertMatrix#delays()}, which the matrix proves at production timing).
   */
  public static String render(List<RuleGroup> groups, java.util.Map<String, String> delays) {
    StringBuilder md = new StringBuilder();
    md.append("# Runbooks\n\n")
        .append("<!-- Rendered from io.durobs.dashboards.rules.EngineRules; do not edit. -->\n\n")
        .append("One section per alert; each alert's `runbook_url` links here.\n");
    for (RuleGroup g : groups) {
      md.append("\n## Group `").append(g.name()).append("`\n");
      for (AlertRule a : g.alerts()) {
        md.append("\n### ").append(a.name()).append("\n\n")
            .append("Severity: **").append(a.severity().label()).append("**");
        if (!a.firesAtOnce()) {
          md.append(", after the condition holds for ").append(a.forDuration());
        }
        md.append(". ").append(a.summary()).append("\n\n");
        if (delays.containsKey(a.name())) {
          md.append("Detection delay (proven by the alert matrix at production timing): ")
              .append(delays.get(a.name())).append(".\n\n");
        }
        md
            .append(a.runbook()).append("\n\n")
            .append("```promql\n").append(a.expr().text()).append("\n```\n");
      }
    }
    return md.toString();
  }
}
