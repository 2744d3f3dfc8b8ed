package io.durobs.toolkit.lint;

import io.durobs.toolkit.grafana.DataSourceRef;
import io.durobs.toolkit.grafana.LabelValuesQuery;
import io.durobs.toolkit.grafana.ThresholdStep;
import io.durobs.toolkit.grafana.Units;
import io.durobs.toolkit.grafana.read.AnnotationQuery;
import io.durobs.toolkit.grafana.read.DashboardFile;
import io.durobs.toolkit.grafana.read.LinkRef;
import io.durobs.toolkit.grafana.read.PanelView;
import io.durobs.toolkit.grafana.read.QueryTarget;
import io.durobs.toolkit.grafana.read.TemplateVariable;
import io.durobs.toolkit.grafana.read.TemplateVariables;
import io.durobs.toolkit.promql.PromQlScanner;
import io.durobs.toolkit.promql.PromQlSyntaxException;
import io.durobs.toolkit.promql.ScannedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints dashboards read by {@link io.durobs.toolkit.grafana.read.DashboardReader} (any
 * dashboard, not only ours, in either JSON schema), in the spirit of grafana/dashboard-linter
 * plus the catalogue:
 *
 * <ul>
 *   <li>{@code uid}: every dashboard has a uid, unique across the set; panel ids are unique;
 *   <li>{@code link}: links to {@code /d/<uid>} name a dashboard of the set;
 *   <li>{@code datasource}: every panel and query resolves to a provisioned data source uid of
 *       the right type (directly or through a data source variable's default);
 *   <li>{@code variable}: no undeclared {@code $variable}; no declared variable left unused;
 *   <li>{@code unit}, {@code description}, {@code title}, {@code targets}: set on every panel;
 *   <li>{@code thresholds}: steps ascend; a success/availability scale ends green;
 *   <li>{@code library-panel}: a library panel's body (queries, unit, ...) is not in the JSON,
 *       so it cannot be checked; it is reported instead of passing unseen;
 *   <li>every Prometheus query: {@link QueryChecks} (catalogue references, counters under
 *       rate/increase, buckets keep {@code le}, cluster-wide gauges through {@code max},
 *       {@code $__rate_interval}), legend labels the result carries, variable queries;
 *   <li>every Loki query: ranges are {@code $__auto} (or {@code $__range} for instant queries);
 *   <li>every annotation query: as a Prometheus target, named by the annotation, its title and
 *       text templates as legends.
 * </ul>
 */
public final class DashboardLint {

  /**
   * What the dashboards are checked against.
   *
   * @param datasourceTypesByUid the provisioned data sources: uid to plugin type
   * @param clusterWideSeries series that must be aggregated with {@code max}
   * @param otherDashboardUids dashboards outside the linted set that links may point to
   */
  public record Settings(Map<String, String> datasourceTypesByUid, Set<String> clusterWideSeries,
      Set<String> otherDashboardUids) {}

  private static final Set<String> NO_UNIT_TYPES = Set.of("row", "logs", "text", "news",
      "dashlist", "alertlist", "annolist", "nodeGraph", "traces");
  private static final Pattern QUERY_RESULT =
      Pattern.compile("^\\s*query_result\\((.*)\\)\\s*$", Pattern.DOTALL);
  private static final Pattern LOGQL_RANGE = Pattern.compile("\\[([^\\]]*)]");

  private static final Pattern DASHBOARD_URL = Pattern.compile("^/d/([^/?#]+)");

  private final Settings settings;
  private final MetricUniverse universe;
  private final List<Finding> findings = new ArrayList<>();
  private final Set<String> uidsInSet = new HashSet<>();

  private DashboardLint(Settings settings, MetricUniverse universe) {
    this.settings = settings;
    this.universe = universe;
  }

  /** Lints the dashboards; an empty list means clean. */
  public static List<Finding> lint(List<DashboardFile> dashboards, Settings settings,
      MetricUniverse universe) {
    DashboardLint lint = new DashboardLint(settings, universe);
    dashboards.forEach(d -> lint.uidsInSet.add(d.uid()));
    lint.uidsInSet.addAll(settings.otherDashboardUids());
    Map<String, String> uids = new HashMap<>();
    for (DashboardFile d : dashboards) {
      String where = d.displayName();
      if (d.uid().isEmpty()) {
        lint.add("uid", where, "dashboard has no uid; links and provisioning need a stable one");
      } else if (uids.putIfAbsent(d.uid(), where) != null) {
        lint.add("uid", where, "uid '" + d.uid() + "' is also used by " + uids.get(d.uid()));
      }
      lint.dashboard(d);
    }
    return List.copyOf(lint.findings);
  }

  private void add(String rule, String where, String message) {
    findings.add(new Finding(rule, where, message));
  }

  private void dashboard(DashboardFile d) {
    String dash = d.displayName();
    Map<String, TemplateVariable> variables = new LinkedHashMap<>();
    d.variables().forEach(v -> variables.put(v.name(), v));
    variables(dash, variables);

    for (LinkRef link : d.links()) {
      link(dash + ", link '" + link.title() + "'", link.url());
    }
    Set<Integer> ids = new HashSet<>();
    for (PanelView p : d.layout()) {
      String panel = dash + ", panel '" + p.title() + "'";
      if (p.id() != null && !ids.add(p.id())) {
        add("uid", panel, "panel id " + p.id() + " is used twice");
      }
      if (p.isLibraryPanel()) {
        add("library-panel", panel, "library panel '" + p.libraryPanel() + "' keeps its queries "
            + "and settings in Grafana, not in this JSON; they are not checked");
      } else if (!p.isRow()) {
        panel(panel, p, variables);
      }
    }
    for (AnnotationQuery a : d.annotations()) {
      annotation(dash + ", annotation '" + a.name() + "'", a, variables);
    }
    Set<String> used = d.referencedVariables();
    for (String name : variables.keySet()) {
      if (!used.contains(name)) {
        add("variable", dash + ", variable '" + name + "'",
            "variable is declared but no panel, query or link uses it");
      }
    }
    for (String name : used) {
      if (!variables.containsKey(name) && !TemplateVariables.BUILT_IN.contains(name)) {
        add("variable", dash, "'$" + name + "' is used but not declared; declared: "
            + String.join(", ", variables.keySet()) + "; nearest: "
            + NearestName.of(name, variables.keySet()));
      }
    }
  }

  private void variables(String dash, Map<String, TemplateVariable> variables) {
    for (TemplateVariable v : variables.values()) {
      String where = dash + ", variable '" + v.name() + "'";
      if ("datasource".equals(v.type())) {
        String uid = v.firstCurrent();
        String plugin = v.query();
        String provisioned = settings.datasourceTypesByUid().get(uid);
        if (provisioned == null) {
          add("datasource", where, "default data source uid '" + uid + "' is not provisioned ("
              + String.join(", ", settings.datasourceTypesByUid().keySet()) + ")");
        } else if (!provisioned.equals(plugin)) {
          add("datasource", where, "default '" + uid + "' is a " + provisioned
              + " data source, the variable offers " + plugin);
        }
      } else if ("query".equals(v.type())) {
        String pluginType = resolveDatasource(where, v.datasource(), variables);
        if ("prometheus".equals(pluginType)) {
          variableQuery(where, v.query());
        }
      }
    }
  }

  private void variableQuery(String where, String query) {
    Optional<LabelValuesQuery> labelValues = LabelValuesQuery.parse(query);
    Matcher qr = QUERY_RESULT.matcher(query);
    String expr;
    String label = null;
    if (labelValues.isPresent()) {
      if (!labelValues.get().hasMatch()) {
        return;
      }
      expr = labelValues.get().match();
      label = labelValues.get().label();
    } else if (qr.matches()) {
      expr = qr.group(1);
    } else {
      return;
    }
    QueryChecks.Options presence =
        new QueryChecks.Options(QueryChecks.RATE_FUNCTIONS, Set.of(), Set.of());
    ScannedQuery q;
    try {
      q = PromQlScanner.scan(expr);
    } catch (PromQlSyntaxException e) {
      add("syntax", where, "cannot read the variable query: " + e.getMessage());
      return;
    }
    for (Problem p : QueryChecks.check(q, universe, presence)) {
      // label_values reads series, not values: a counter needs no rate there
      if (!p.rule().equals("counter-rate")) {
        findings.add(p.at(where));
      }
    }
    if (label != null && TemplateVariables.referenced(label).isEmpty()) {
      for (String metric : q.metricNames()) {
        Map<String, ?> labels = universe.lookup(metric).map(MetricUniverse.Series::labels).orElse(null);
        if (labels != null && !labels.containsKey(label)) {
          add("unknown-label", where, "metric " + metric + " has no label '" + label
              + "'; nearest: " + NearestName.of(label, labels.keySet()));
        }
      }
    }
  }

  /**
   * Resolves a data source reference to its plugin type, reporting unprovisioned uids; null when
   * there is no reference.
   */
  private String resolveDatasource(String where, DataSourceRef ref,
      Map<String, TemplateVariable> variables) {
    if (ref.isDefault()) {
      return null;
    }
    String uid = ref.uid() == null ? "" : ref.uid();
    String type = ref.type();
    Set<String> vars = TemplateVariables.referenced(uid);
    if (!vars.isEmpty()) {
      String name = vars.iterator().next();
      TemplateVariable v = variables.get(name);
      if (v == null || !"datasource".equals(v.type())) {
        add("datasource", where, "data source '" + uid + "' is not a data source variable");
        return type;
      }
      String plugin = v.query();
      if (type != null && !type.equals(plugin)) {
        add("datasource", where, "data source type " + type + " but variable '" + name
            + "' offers " + plugin);
      }
      return plugin;
    }
    String provisioned = settings.datasourceTypesByUid().get(uid);
    if (provisioned == null) {
      add("datasource", where, "data source uid '" + uid + "' is not provisioned; provisioned: "
          + String.join(", ", settings.datasourceTypesByUid().keySet()) + "; nearest: "
          + NearestName.of(uid, settings.datasourceTypesByUid().keySet()));
      return type;
    }
    if (type != null && !type.equals(provisioned)) {
      add("datasource", where, "uid '" + uid + "' is a " + provisioned + " data source, not "
          + type);
    }
    return provisioned;
  }

  private void panel(String where, PanelView p, Map<String, TemplateVariable> variables) {
    if (p.title().isBlank()) {
      add("title", where, "panel has no title");
    }
    if (p.description().isBlank()) {
      add("description", where, "panel has no description; say what it shows and how to read it");
    }
    if (!NO_UNIT_TYPES.contains(p.type())) {
      if (p.unit() == null || p.unit().isBlank()) {
        add("unit", where, "panel has no unit");
      } else if (!Units.isKnown(p.unit())) {
        add("unit", where, "unit '" + p.unit() + "' is not a Grafana unit");
      }
    }
    thresholds(where, p);
    for (LinkRef link : p.links()) {
      link(where + ", link '" + link.title() + "'", link.url());
    }
    String panelType = resolveDatasource(where, p.datasource(), variables);
    if ((!NO_UNIT_TYPES.contains(p.type()) || "logs".equals(p.type())) && p.targets().isEmpty()) {
      add("targets", where, "panel has no queries");
    }
    Set<String> refIds = new HashSet<>();
    for (QueryTarget t : p.targets()) {
      String at = where + ", refId " + t.refId();
      if (!refIds.add(t.refId())) {
        add("targets", at, "refId " + t.refId() + " is used twice in the panel");
      }
      String targetType = t.inheritsDatasource() ? panelType
          : resolveDatasource(at, t.datasource(), variables);
      if (targetType == null) {
        add("datasource", at, "query has no data source (neither its own nor the panel's)");
      } else if ("prometheus".equals(targetType)) {
        prometheusTarget(at, t);
      } else if ("loki".equals(targetType)) {
        lokiTarget(at, t);
      }
    }
  }

  /** A link to {@code /d/<uid>} must name a dashboard of the linted set. */
  private void link(String where, String url) {
    Matcher m = DASHBOARD_URL.matcher(url);
    if (m.find() && !uidsInSet.contains(m.group(1))) {
      add("link", where, "links to dashboard uid '" + m.group(1) + "', which is not among "
          + String.join(", ", new TreeSet<>(uidsInSet)) + "; nearest: "
          + NearestName.of(m.group(1), uidsInSet));
    }
  }

  private void thresholds(String where, PanelView p) {
    List<ThresholdStep> steps = p.thresholds();
    double last = Double.NEGATIVE_INFINITY;
    for (ThresholdStep s : steps) {
      if (s.value() != null) {
        double v = s.value();
        if (v <= last) {
          add("thresholds", where, "threshold steps do not ascend (" + v + " after " + last + ")");
        }
        last = v;
      }
    }
    String title = p.title().toLowerCase(Locale.ROOT);
    if (steps.size() > 1 && (title.contains("success") || title.contains("availability"))) {
      String top = steps.get(steps.size() - 1).color();
      if (!top.contains("green")) {
        add("thresholds", where, "a success scale must end green (high is good), it ends " + top);
      }
    }
  }

  private void prometheusTarget(String where, QueryTarget t) {
    if (t.expr().isBlank()) {
      add("targets", where, "query has no expression");
      return;
    }
    boolean instant = !t.runsAsRange();
    Set<String> ranges = instant ? Set.of("$__rate_interval", "$__range") : Set.of("$__rate_interval");
    promQl(where, t.expr(), ranges, t.legendFormat());
  }

  /**
   * Checks a PromQL expression ({@link QueryChecks}: catalogue references, counters under rate,
   * range variables) and the label templates its results are named by (legends, annotation
   * titles), unless a metric is unknown (the templates would only repeat that).
   */
  private void promQl(String where, String expr, Set<String> ranges, String... templates) {
    QueryChecks.Options options = new QueryChecks.Options(QueryChecks.RATE_FUNCTIONS, ranges,
        settings.clusterWideSeries());
    ScannedQuery q;
    try {
      q = PromQlScanner.scan(expr);
    } catch (PromQlSyntaxException e) {
      add("syntax", where, "cannot read the expression: " + e.getMessage());
      return;
    }
    List<Problem> problems = new ArrayList<>(QueryChecks.check(q, universe, options));
    if (problems.stream().noneMatch(pr -> pr.rule().equals("unknown-metric"))) {
      for (String template : templates) {
        problems.addAll(QueryChecks.legendProblems(template, q, universe));
      }
    }
    problems.forEach(pr -> findings.add(pr.at(where)));
  }

  /**
   * An annotation's query gets the checks of a panel target (syntax, catalogue references,
   * counters under rate, range variables), and its title and text templates those of a legend.
   */
  private void annotation(String where, AnnotationQuery a, Map<String, TemplateVariable> variables) {
    String type = resolveDatasource(where, a.datasource(), variables);
    if (type == null) {
      add("datasource", where, "annotation has no data source");
      return;
    }
    if ("prometheus".equals(type)) {
      promQl(where, a.expr(), Set.of("$__rate_interval"), a.titleFormat(), a.textFormat());
    }
  }

  private void lokiTarget(String where, QueryTarget t) {
    if (t.expr().isBlank()) {
      add("targets", where, "query has no expression");
      return;
    }
    boolean instant = "instant".equals(t.queryType());
    Matcher m = LOGQL_RANGE.matcher(t.expr().replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`", "\"\""));
    while (m.find()) {
      String range = m.group(1).trim();
      if (!(range.equals("$__auto") || (instant && range.equals("$__range")))) {
        add("rate-interval", where, "LogQL range [" + range + "] must be $__auto"
            + (instant ? " or $__range" : ""));
      }
    }
  }
}
