package io.durobs.toolkit.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.durobs.toolkit.grafana.read.TemplateVariables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lints Prometheus rule files (parsed YAML trees) beyond what {@code promtool check rules}
 * does, in the spirit of mixtool and pint:
 *
 * <ul>
 *   <li>{@code alert}: names are CamelCase and unique; {@code severity} is critical, warning or
 *       info; {@code summary}, {@code description} and {@code runbook_url} are set;
 *   <li>{@code record}: names follow {@code level:metric:operations} and are unique;
 *   <li>every expression: {@link QueryChecks} against the catalogue (counters under
 *       rate/increase or a presence test, buckets keep {@code le}, cluster-wide gauges through
 *       {@code max}); no Grafana variables.
 * </ul>
 */
public final class RuleLint {

  private static final Pattern CAMEL = Pattern.compile("^([A-Z][a-z0-9]*)+$");
  private static final Pattern RECORD = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+:[a-zA-Z0-9_]+$");
  private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

  private RuleLint() {}

  /**
   * Lints rule files.
   *
   * @param files rule files by name (the name only locates findings)
   * @param universe the series expressions may select (recording rules included)
   * @param clusterWideSeries series that must be aggregated with {@code max}
   */
  public static List<Finding> lint(Map<String, JsonNode> files, MetricUniverse universe,
      Set<String> clusterWideSeries) {
    List<Finding> findings = new ArrayList<>();
    Set<String> alerts = new HashSet<>();
    Set<String> records = new HashSet<>();
    Set<String> counterFunctions = new HashSet<>(QueryChecks.RATE_FUNCTIONS);
    counterFunctions.addAll(QueryChecks.PRESENCE_FUNCTIONS);
    QueryChecks.Options options =
        new QueryChecks.Options(counterFunctions, Set.of(), clusterWideSeries);
    for (Map.Entry<String, JsonNode> file : files.entrySet()) {
      for (JsonNode group : file.getValue().path("groups")) {
        String groupWhere = "rules " + file.getKey() + ", group '" + group.path("name").asText() + "'";
        for (JsonNode rule : group.path("rules")) {
          boolean isAlert = rule.hasNonNull("alert");
          String name = isAlert ? rule.path("alert").asText() : rule.path("record").asText();
          String where = groupWhere + ", " + (isAlert ? "alert" : "record") + " '" + name + "'";
          if (isAlert) {
            alert(where, name, rule, alerts, findings);
          } else if (!RECORD.matcher(name).matches()) {
            findings.add(new Finding("record", where,
                "recording rule names follow level:metric:operations"));
          } else if (!records.add(name)) {
            findings.add(new Finding("record", where, "recording rule is defined twice"));
          }
          String expr = rule.path("expr").asText("");
          if (!TemplateVariables.referenced(expr).isEmpty()) {
            findings.add(new Finding("variable", where,
                "rule expressions cannot use Grafana variables: " + TemplateVariables.referenced(expr)));
          }
          QueryChecks.check(expr, universe, options).forEach(p -> findings.add(p.at(where)));
        }
      }
    }
    return findings;
  }

  private static void alert(String where, String name, JsonNode rule, Set<String> alerts,
      List<Finding> findings) {
    if (!CAMEL.matcher(name).matches()) {
      findings.add(new Finding("alert", where, "alert names are CamelCase"));
    }
    if (!alerts.add(name)) {
      findings.add(new Finding("alert", where, "alert name is used twice"));
    }
    String severity = rule.path("labels").path("severity").asText("");
    if (!SEVERITIES.contains(severity)) {
      findings.add(new Finding("alert", where, "severity '" + severity
          + "' is not one of critical, warning, info"));
    }
    for (String annotation : List.of("summary", "description", "runbook_url")) {
      if (rule.path("annotations").path(annotation).asText("").isBlank()) {
        findings.add(new Finding("alert", where, "annotation " + annotation + " is missing"));
      }
    }
  }
}
