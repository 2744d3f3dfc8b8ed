package io.durobs.dashboards.rules;

import io.durobs.toolkit.promql.Expr;
import java.util.Map;
import java.util.Objects;

/**
 * A Prometheus alerting rule.
 *
 * @param name the alert name (CamelCase)
 * @param expr the condition; every resulting series is one alert
 * @param forDuration how long the condition must hold before the alert fires ({@code 0s} for at
 *     once)
 * @param severity the {@code severity} label
 * @param summary one sentence without templates: what is wrong
 * @param description the details, with {@code {{ $labels.x }}} and {@code {{ $value }}}
 *     templates
 * @param runbook what it means and what to check, rendered into the runbook page the
 *     {@code runbook_url} annotation points to
 */
public record AlertRule(String name, Expr expr, String forDuration, Severity severity,
    String summary, String description, String runbook) {

  public AlertRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(forDuration, "forDuration");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(runbook, "runbook");
  }

  /** The anchor of this alert's section in the runbook page. */
  public String anchor() {
    return name.toLowerCase(java.util.Locale.ROOT);
  }

  /** The annotations as rendered: summary, description and the runbook link. */
  public Map<String, String> annotations(String runbookBaseUrl) {
    java.util.LinkedHashMap<String, String> a = new java.util.LinkedHashMap<>();
    a.put("summary", summary);
    a.put("description", description);
    a.put("runbook_url", runbookBaseUrl + "#" + anchor());
    return a;
  }
}
