package io.durobs.toolkit.lint;

import java.util.List;
import java.util.Optional;

/**
 * The checks of {@link DashboardLint} and {@link RuleLint} by id, each with what it checks and
 * how to fix what it finds: what {@code lint --list-rules} prints and what each finding's fix
 * says (in the manner of grafana/dashboard-linter's rule list and pint's check docs).
 */
public final class LintRules {

  /**
   * One check.
   *
   * @param id the id findings carry and exclusions name
   * @param on {@code dashboard}, {@code rules} or both
   * @param checks what it checks
   * @param fix how to fix a finding
   */
  public record Rule(String id, String on, String checks, String fix) {}

  /** Every check, dashboards' first. */
  public static final List<Rule> ALL = List.of(
      new Rule("uid", "dashboard", "every dashboard has a uid, unique in the set; panel ids are unique",
          "set a stable \"uid\" on the dashboard; renumber duplicate panel ids"),
      new Rule("link", "dashboard", "links to /d/<uid> name a dashboard of the set",
          "point the link at an existing dashboard uid, or lint the linked dashboard along"),
      new Rule("datasource", "dashboard", "every panel and query resolves to a provisioned data source "
          + "of the right type", "reference a provisioned uid (or a data source variable of the right type)"),
      new Rule("variable", "dashboard, rules", "no undeclared $variable; no declared variable unused; "
          + "no Grafana variables in rule expressions", "declare the variable in templating, or remove it"),
      new Rule("title", "dashboard", "every panel has a title", "give the panel a title"),
      new Rule("description", "dashboard", "every panel has a description",
          "say in the description what the panel shows and how to read it"),
      new Rule("unit", "dashboard", "every panel showing numbers has a Grafana unit",
          "set fieldConfig.defaults.unit (e.g. s, ops, percentunit, short)"),
      new Rule("targets", "dashboard", "every panel has queries, each with an expression and a unique refId",
          "add the query, or remove the empty target"),
      new Rule("thresholds", "dashboard", "threshold steps ascend; a success scale ends green",
          "order the steps by value; make high values green on success ratios"),
      new Rule("library-panel", "dashboard", "library panels' queries are not in the JSON, so not checked",
          "lint the library panel's own JSON, or unlink it into the dashboard"),
      new Rule("syntax", "dashboard, rules", "every expression parses",
          "fix the PromQL/LogQL syntax at the position named"),
      new Rule("unknown-metric", "dashboard, rules", "selected metrics exist in the engine's catalogue "
          + "(or recording rules)", "use the name the finding names: the new name of a renamed metric, else the nearest"),
      new Rule("unknown-label", "dashboard, rules", "selected and grouping labels exist on the metric",
          "use one of the metric's labels the finding lists"),
      new Rule("label-value", "dashboard, rules", "matched values of enumerated labels are allowed values",
          "use the allowed value the finding names as nearest"),
      new Rule("counter-rate", "dashboard, rules", "counters only under rate()/increase() (rules: or a "
          + "presence test)", "wrap the counter in rate(...[$__rate_interval]) or increase(...)"),
      new Rule("histogram-le", "dashboard, rules", "histogram buckets keep `le` through aggregations",
          "aggregate buckets with sum by (le, ...)"),
      new Rule("cluster-gauge-max", "dashboard, rules", "cluster-wide gauges are aggregated with max",
          "use max(...) (every process reports the same cluster-wide value)"),
      new Rule("rate-interval", "dashboard", "rate windows are $__rate_interval (Loki: $__auto)",
          "write [$__rate_interval] (LogQL: [$__auto])"),
      new Rule("legend-label", "dashboard", "legend templates name labels the query's result keeps",
          "group by the label, or drop it from the legend"),
      new Rule("alert", "rules", "alert names CamelCase and unique; severity critical|warning|info; "
          + "summary, description and runbook_url set", "add the missing label or annotation"),
      new Rule("record", "rules", "recording rule names follow level:metric:operations and are unique",
          "rename the rule to level:metric:operations"));

  private LintRules() {}

  /** The check with this id. */
  public static Optional<Rule> byId(String id) {
    return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** How to fix a finding of this check, or an empty string for an unknown id. */
  public static String fixFor(String id) {
    return byId(id).map(Rule::fix).orElse("");
  }
}
