package io.durobs.dashboards.rules;

import java.util.List;

/** Renders the runbook page: one section per alert, which its {@code runbook_url} links to. */
public final class Runbooks {

  /** Where the page lives, relative to {@code generated/}. */
  public static final String PATH = "docs/runbooks.md";

  private Runbooks() {}

  /** The page for these alert groups. */
  public static String render(List<RuleGroup> groups) {
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
        md.append(". ").append(a.summary()).append("\n\n")
            .append(a.runbook()).append("\n\n")
            .append("```promql\n").append(a.expr().text()).append("\n```\n");
      }
    }
    return md.toString();
  }
}
