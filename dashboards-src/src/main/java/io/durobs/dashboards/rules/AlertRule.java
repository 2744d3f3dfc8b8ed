package io.durobs.dashboards.rules;

import io.durobs.toolkit.promql.Expr;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A Prometheus alerting rule. Built by name:
 *
 * <pre>{@code
 * AlertRule slow = AlertRule.named("DuroxideActivitySlow")
 *     .when(p99.gt(60))
 *     .holdFor("10m")
 *     .severity(Severity.WARNING)
 *     .summary("An activity's p99 duration is above 60 seconds.")
 *     .description("The p99 duration of activity {{ $labels.activity_name }} is {{ $value }}.")
 *     .runbook("What it means and what to check.")
 *     .build();
 * }</pre>
 */
public final class AlertRule {

  private final String name;
  private final Expr expr;
  private final String forDuration;
  private final Severity severity;
  private final String summary;
  private final String description;
  private final String runbook;
  private final Map<String, String> labels;

  private AlertRule(Builder b) {
    this.name = b.name;
    this.expr = b.expr;
    this.forDuration = b.forDuration;
    this.severity = b.severity;
    this.summary = b.summary;
    this.description = b.description;
    this.runbook = b.runbook;
    this.labels = new LinkedHashMap<>(b.labels);
    this.labels.put("severity", b.severity.label());
  }

  /** A builder for the alert of this name (CamelCase). */
  public static Builder named(String name) {
    return new Builder(name);
  }

  /** The alert name (CamelCase). */
  public String name() {
    return name;
  }

  /** The condition; every resulting series is one alert. */
  public Expr expr() {
    return expr;
  }

  /** How long the condition must hold before the alert fires ({@code 0s}: at once). */
  public String forDuration() {
    return forDuration;
  }

  /** True when the alert fires as soon as its condition holds. */
  public boolean firesAtOnce() {
    return forDuration.equals("0s");
  }

  /** The {@code severity} label. */
  public Severity severity() {
    return severity;
  }

  /**
   * The rule's labels: {@code severity} and any other the rule sets (the window pair of a
   * burn-rate alert), in order.
   */
  public Map<String, String> labels() {
    return java.util.Collections.unmodifiableMap(labels);
  }

  /** One sentence without templates: what is wrong. */
  public String summary() {
    return summary;
  }

  /** The details, with {@code {{ $labels.x }}} and {@code {{ $value }}} templates. */
  public String description() {
    return description;
  }

  /** What it means and what to check: this alert's section of the runbook page. */
  public String runbook() {
    return runbook;
  }

  /** The anchor of this alert's section in the runbook page. */
  public String anchor() {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The link to this alert's runbook section on the page published at {@code runbookBaseUrl}. */
  public String runbookUrl(String runbookBaseUrl) {
    return runbookBaseUrl + "#" + anchor();
  }

  /** The annotations as rendered: summary, description and the runbook link. */
  public Map<String, String> annotations(String runbookBaseUrl) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("summary", summary);
    a.put("description", description);
    a.put("runbook_url", runbookUrl(runbookBaseUrl));
    return a;
  }

  @Override
  public String toString() {
    return "AlertRule(" + name + ")";
  }

  /** Builds an {@link AlertRule}; every part but the hold time ({@code 0s}) is required. */
  public static final class Builder {

    private final String name;
    private Expr expr;
    private String forDuration = "0s";
    private Severity severity;
    private String summary;
    private String description;
    private String runbook;
    private final Map<String, String> labels = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** The condition. */
    public Builder when(Expr condition) {
      this.expr = condition;
      return this;
    }

    /** How long the condition must hold before the alert fires (default {@code 0s}). */
    public Builder holdFor(String duration) {
      this.forDuration = duration;
      return this;
    }

    /**
     * A label besides {@code severity}, such as the window pair that tripped a burn-rate alert.
     *
     * @throws IllegalArgumentException for {@code severity} (set it with {@link #severity})
     */
    public Builder label(String label, String value) {
      if (label.equals("severity")) {
        throw new IllegalArgumentException("alert " + name + ": set severity with severity()");
      }
      labels.put(label, Objects.requireNonNull(value, label));
      return this;
    }

    /** The severity. */
    public Builder severity(Severity severity) {
      this.severity = severity;
      return this;
    }

    /** One sentence without templates: what is wrong. */
    public Builder summary(String summary) {
      this.summary = summary;
      return this;
    }

    /** The details, with label and value templates. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** What it means and what to check. */
    public Builder runbook(String runbook) {
      this.runbook = runbook;
      return this;
    }

    /**
     * The rule.
     *
     * @throws IllegalStateException naming the alert and the first part not set
     */
    public AlertRule build() {
      require(expr, "condition (when)");
      require(forDuration, "hold time (holdFor)");
      require(severity, "severity");
      require(summary, "summary");
      require(description, "description");
      require(runbook, "runbook");
      return new AlertRule(this);
    }

    private void require(Object part, String what) {
      if (part == null) {
        throw new IllegalStateException("alert " + name + " has no " + what);
      }
    }
  }
}
