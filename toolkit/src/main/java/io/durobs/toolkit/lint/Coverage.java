package io.durobs.toolkit.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.toolkit.grafana.read.DashboardFile;
import io.durobs.toolkit.grafana.read.PanelView;
import io.durobs.toolkit.grafana.read.QueryTarget;
import io.durobs.toolkit.promql.PromQlScanner;
import io.durobs.toolkit.promql.PromQlSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Coverage of a catalogue (the {@link MetricUniverse}'s metric definitions) by dashboards and
 * rules: for every catalogue metric, the panels
 * and rules that read it (directly or through a recording rule). The other direction (every
 * metric a panel or rule reads is in the catalogue) is {@link DashboardLint}'s and
 * {@link RuleLint}'s {@code unknown-metric} check.
 */
public final class Coverage {

  /**
   * Coverage of one catalogue metric.
   *
   * @param metric the metric
   * @param panels {@code dashboard uid / panel title} of every panel reading it
   * @param onReferenceDashboard whether the reference dashboard (the one that must show every
   *     metric) has a panel reading it
   * @param alerts names of the alerts reading it
   * @param recordings names of the recording rules reading it
   */
  public record MetricCoverage(MetricDefinition metric, List<String> panels,
      boolean onReferenceDashboard, List<String> alerts, List<String> recordings) {}

  /**
   * The coverage of the whole catalogue.
   *
   * @param rows one per catalogue metric, in catalogue order
   * @param referenceDashboardUid the uid of the dashboard that must show every metric
   * @param dashboards the number of dashboards read
   * @param panels the number of panels read (rows excluded)
   * @param targets the number of queries read
   */
  public record Report(List<MetricCoverage> rows, String referenceDashboardUid, int dashboards,
      int panels, int targets) {

    /** Metrics no panel reads. */
    public List<MetricDefinition> notOnAnyPanel() {
      return rows.stream().filter(r -> r.panels().isEmpty()).map(MetricCoverage::metric).toList();
    }

    /** Metrics the reference dashboard does not show. */
    public List<MetricDefinition> notOnReferenceDashboard() {
      return rows.stream().filter(r -> !r.onReferenceDashboard()).map(MetricCoverage::metric).toList();
    }

    /** Metrics no alert reads. */
    public List<MetricDefinition> withoutAlert() {
      return rows.stream().filter(r -> r.alerts().isEmpty()).map(MetricCoverage::metric).toList();
    }

    /** One line for the build log. */
    public String summary() {
      int n = rows.size();
      return String.format("coverage: %d/%d catalogue metrics on a panel, %d/%d on %s, "
              + "%d/%d read by an alert; %d dashboards, %d panels, %d queries",
          n - notOnAnyPanel().size(), n, n - notOnReferenceDashboard().size(), n,
          referenceDashboardUid, n - withoutAlert().size(), n, dashboards, panels, targets);
    }

    /**
     * A readable Markdown table.
     *
     * @param renderedBy what rendered the file, named in its do-not-edit comment
     * @return the Markdown text
     */
    public String toMarkdown(String renderedBy) {
      StringBuilder md = new StringBuilder();
      md.append("# Catalogue coverage\n\n")
          .append("<!-- Rendered by ").append(renderedBy).append("; do not edit. -->\n\n")
          .append(summary()).append(".\n\n")
          .append("Every catalogue metric must be on at least one panel and on `")
          .append(referenceDashboardUid).append("`; every metric a panel or rule reads must be ")
          .append("in the catalogue (checked by the dashboard and rule lint).\n\n")
          .append("| # | Metric | Kind | Panels | On ").append(referenceDashboardUid)
          .append(" | Alerts | Recording rules |\n")
          .append("|---|---|---|---|---|---|---|\n");
      for (MetricCoverage r : rows) {
        md.append("| ").append(r.metric().number())
            .append(" | `").append(r.metric().prometheusName()).append('`')
            .append(" | ").append(r.metric().kind().name().toLowerCase(java.util.Locale.ROOT))
            .append(" | ").append(r.panels().size()).append(": ")
            .append(r.panels().isEmpty() ? "**none**" : String.join("<br>", r.panels()))
            .append(" | ").append(r.onReferenceDashboard() ? "yes" : "**no**")
            .append(" | ").append(r.alerts().isEmpty() ? "–" : String.join(", ", r.alerts()))
            .append(" | ").append(r.recordings().isEmpty() ? "–"
                : String.join("<br>", r.recordings().stream().map(x -> "`" + x + "`").toList()))
            .append(" |\n");
      }
      return md.toString();
    }
  }

  private Coverage() {}

  /**
   * Computes coverage. Expressions that cannot be read are skipped here (the lints report them).
   *
   * @param dashboards the dashboards (panels of rows, collapsed or old-schema, included)
   * @param ruleFiles rule files (parsed YAML)
   * @param universe the catalogue's universe, with the rule files' recording rules added
   * @param referenceDashboardUid the dashboard that must show every metric
   */
  public static Report compute(List<DashboardFile> dashboards, List<JsonNode> ruleFiles,
      MetricUniverse universe, String referenceDashboardUid) {
    Map<MetricDefinition, Set<String>> panels = new LinkedHashMap<>();
    Map<MetricDefinition, Boolean> onReference = new LinkedHashMap<>();
    Map<MetricDefinition, Set<String>> alerts = new LinkedHashMap<>();
    Map<MetricDefinition, Set<String>> recordings = new LinkedHashMap<>();
    for (MetricDefinition m : universe.definitions()) {
      panels.put(m, new LinkedHashSet<>());
      onReference.put(m, false);
      alerts.put(m, new LinkedHashSet<>());
      recordings.put(m, new LinkedHashSet<>());
    }
    int panelCount = 0;
    int targetCount = 0;
    for (DashboardFile d : dashboards) {
      String uid = d.uid();
      for (PanelView p : d.panels()) {
        panelCount++;
        String label = uid + " / " + p.title();
        for (QueryTarget t : p.targets()) {
          targetCount++;
          if (!"prometheus".equals(pluginType(t, p))) {
            continue; // log queries read no catalogue metric
          }
          sources(t.expr(), universe, m -> {
            panels.get(m).add(label);
            if (uid.equals(referenceDashboardUid)) {
              onReference.put(m, true);
            }
          });
        }
      }
    }
    for (JsonNode file : ruleFiles) {
      for (JsonNode group : file.path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          boolean isAlert = rule.hasNonNull("alert");
          String name = isAlert ? rule.path("alert").asText() : rule.path("record").asText();
          sources(rule.path("expr").asText(""), universe,
              m -> (isAlert ? alerts : recordings).get(m).add(name));
        }
      }
    }
    List<MetricCoverage> rows = new ArrayList<>();
    for (MetricDefinition m : universe.definitions()) {
      rows.add(new MetricCoverage(m, List.copyOf(panels.get(m)), onReference.get(m),
          List.copyOf(alerts.get(m)), List.copyOf(recordings.get(m))));
    }
    return new Report(rows, referenceDashboardUid, dashboards.size(), panelCount, targetCount);
  }

  /** The query's plugin type as written (its own, else its panel's); Prometheus when neither says. */
  private static String pluginType(QueryTarget t, PanelView p) {
    if (t.datasource().type() != null) {
      return t.datasource().type();
    }
    return p.datasource().type() != null ? p.datasource().type() : "prometheus";
  }

  private static void sources(String expr, MetricUniverse universe,
      Consumer<MetricDefinition> sink) {
    if (expr.isBlank()) {
      return;
    }
    try {
      for (String name : PromQlScanner.scan(expr).metricNames()) {
        universe.lookup(name).ifPresent(s -> s.sources().forEach(sink));
      }
    } catch (PromQlSyntaxException e) {
      // reported by the lint
    }
  }
}
