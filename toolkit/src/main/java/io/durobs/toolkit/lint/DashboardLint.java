package io.durobs.toolkit.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.durobs.toolkit.grafana.Units;
import io.durobs.toolkit.promql.PromQlScanner;
import io.durobs.toolkit.promql.PromQlSyntaxException;
import io.durobs.toolkit.promql.ScannedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints dashboards in Grafana's JSON model (any dashboard, not only ours), in the spirit of
 * grafana/dashboard-linter plus the catalogue:
 *
 * <ul>
 *   <li>{@code uid}: every dashboard has a uid, unique across the set; panel ids are unique;
 *   <li>{@code link}: links to {@code /d/<uid>} name a dashboard of the set;
 *   <li>{@code datasource}: every panel and query resolves to a provisioned data source uid of
 *       the right type (directly or through a data source variable's default);
 *   <li>{@code variable}: no undeclared {@code $variable}; no declared variable left unused;
 *   <li>{@code unit}, {@code description}, {@code title}, {@code targets}: set on every panel;
 *   <li>{@code thresholds}: steps ascend; a success/availability scale ends green;
 *   <li>every Prometheus query: {@link QueryChecks} (catalogue references, counters under
 *       rate/increase, buckets keep {@code le}, cluster-wide gauges through {@code max},
 *       {@code $__rate_interval}), legend labels the result carries, variable queries;
 *   <li>every Loki query: ranges are {@code $__auto} (or {@code $__range} for instant queries).
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
  private static final Pattern LABEL_VALUES =
      Pattern.compile("^\\s*label_values\\((.*),\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*$", Pattern.DOTALL);
  private static final Pattern LABEL_VALUES_BARE =
      Pattern.compile("^\\s*label_values\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*$");
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
  public static List<Finding> lint(List<JsonNode> dashboards, Settings settings,
      MetricUniverse universe) {
    DashboardLint lint = new DashboardLint(settings, universe);
    dashboards.forEach(d -> lint.uidsInSet.add(d.path("uid").asText("")));
    lint.uidsInSet.addAll(settings.otherDashboardUids());
    Map<String, String> uids = new HashMap<>();
    for (JsonNode d : dashboards) {
      String uid = d.path("uid").asText("");
      String where = dashboardName(d);
      if (uid.isEmpty()) {
        lint.add("uid", where, "dashboard has no uid; links and provisioning need a stable one");
      } else if (uids.putIfAbsent(uid, where) != null) {
        lint.add("uid", where, "uid '" + uid + "' is also used by " + uids.get(uid));
      }
      lint.dashboard(d);
    }
    return List.copyOf(lint.findings);
  }

  /** {@code dashboard 'Title' (uid)}. */
  public static String dashboardName(JsonNode d) {
    return "dashboard '" + d.path("title").asText("?") + "' (" + d.path("uid").asText("no uid") + ")";
  }

  private void add(String rule, String where, String message) {
    findings.add(new Finding(rule, where, message));
  }

  private void dashboard(JsonNode d) {
    String dash = dashboardName(d);
    Map<String, JsonNode> variables = new LinkedHashMap<>();
    for (JsonNode v : d.path("templating").path("list")) {
      variables.put(v.path("name").asText(), v);
    }
    variables(dash, variables);

    for (JsonNode link : d.path("links")) {
      link(dash + ", link '" + link.path("title").asText() + "'", link.path("url").asText(""));
    }
    Set<Integer> ids = new HashSet<>();
    for (JsonNode p : panels(d)) {
      String panel = dash + ", panel '" + p.path("title").asText("") + "'";
      if (p.hasNonNull("id") && !ids.add(p.path("id").asInt())) {
        add("uid", panel, "panel id " + p.path("id").asInt() + " is used twice");
      }
      if (!"row".equals(p.path("type").asText())) {
        panel(panel, p, variables);
      }
    }
    Set<String> used = new HashSet<>();
    collectReferences(d, used, false);
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
            + Names.nearest(name, variables.keySet()));
      }
    }
  }

  private static List<JsonNode> panels(JsonNode d) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : d.path("panels")) {
      out.add(p);
      for (JsonNode inner : p.path("panels")) {
        out.add(inner);
      }
    }
    return out;
  }

  /** Every variable reference in the tree, except variables' own current values and options. */
  private static void collectReferences(JsonNode node, Set<String> out, boolean inTemplating) {
    if (node.isTextual()) {
      out.addAll(TemplateVariables.referenced(node.asText()));
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (inTemplating && (f.getKey().equals("current") || f.getKey().equals("options"))) {
          continue;
        }
        collectReferences(f.getValue(), out, inTemplating || f.getKey().equals("templating"));
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        collectReferences(child, out, inTemplating);
      }
    }
  }

  private void variables(String dash, Map<String, JsonNode> variables) {
    for (JsonNode v : variables.values()) {
      String where = dash + ", variable '" + v.path("name").asText() + "'";
      String type = v.path("type").asText();
      if ("datasource".equals(type)) {
        String uid = v.path("current").path("value").asText("");
        String plugin = v.path("query").asText("");
        String provisioned = settings.datasourceTypesByUid().get(uid);
        if (provisioned == null) {
          add("datasource", where, "default data source uid '" + uid + "' is not provisioned ("
              + String.join(", ", settings.datasourceTypesByUid().keySet()) + ")");
        } else if (!provisioned.equals(plugin)) {
          add("datasource", where, "default '" + uid + "' is a " + provisioned
              + " data source, the variable offers " + plugin);
        }
      } else if ("query".equals(type)) {
        String pluginType = resolveDatasource(where, v.path("datasource"), variables);
        String query = v.path("query").isObject() ? v.path("query").path("query").asText()
            : v.path("query").asText();
        if ("prometheus".equals(pluginType)) {
          variableQuery(where, query);
        }
      }
    }
  }

  private void variableQuery(String where, String query) {
    Matcher lv = LABEL_VALUES.matcher(query);
    Matcher bare = LABEL_VALUES_BARE.matcher(query);
    Matcher qr = QUERY_RESULT.matcher(query);
    String expr;
    String label = null;
    if (lv.matches()) {
      expr = lv.group(1);
      label = lv.group(2);
    } else if (bare.matches()) {
      return;
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
    if (label != null) {
      for (String metric : q.metricNames()) {
        Map<String, ?> labels = universe.lookup(metric).map(MetricUniverse.Series::labels).orElse(null);
        if (labels != null && !labels.containsKey(label)) {
          add("unknown-label", where, "metric " + metric + " has no label '" + label
              + "'; nearest: " + Names.nearest(label, labels.keySet()));
        }
      }
    }
  }

  /** Resolves a data source reference to its plugin type, reporting unprovisioned uids. */
  private String resolveDatasource(String where, JsonNode ref, Map<String, JsonNode> variables) {
    if (ref.isMissingNode() || ref.isNull()) {
      return null;
    }
    String uid = ref.isTextual() ? ref.asText() : ref.path("uid").asText("");
    String type = ref.path("type").asText(null);
    Set<String> vars = TemplateVariables.referenced(uid);
    if (!vars.isEmpty()) {
      String name = vars.iterator().next();
      JsonNode v = variables.get(name);
      if (v == null || !"datasource".equals(v.path("type").asText())) {
        add("datasource", where, "data source '" + uid + "' is not a data source variable");
        return type;
      }
      String plugin = v.path("query").asText();
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
          + Names.nearest(uid, settings.datasourceTypesByUid().keySet()));
      return type;
    }
    if (type != null && !type.equals(provisioned)) {
      add("datasource", where, "uid '" + uid + "' is a " + provisioned + " data source, not "
          + type);
    }
    return provisioned;
  }

  private void panel(String where, JsonNode p, Map<String, JsonNode> variables) {
    String type = p.path("type").asText();
    if (p.path("title").asText("").isBlank()) {
      add("title", where, "panel has no title");
    }
    if (p.path("description").asText("").isBlank()) {
      add("description", where, "panel has no description; say what it shows and how to read it");
    }
    if (!NO_UNIT_TYPES.contains(type)) {
      String unit = "heatmap".equals(type) ? p.path("options").path("yAxis").path("unit").asText("")
          : p.path("fieldConfig").path("defaults").path("unit").asText("");
      if (unit.isBlank()) {
        add("unit", where, "panel has no unit");
      } else if (!Units.isKnown(unit)) {
        add("unit", where, "unit '" + unit + "' is not a Grafana unit");
      }
    }
    thresholds(where, p);
    for (JsonNode link : p.path("links")) {
      link(where + ", link '" + link.path("title").asText() + "'", link.path("url").asText(""));
    }
    String panelType = resolveDatasource(where, p.path("datasource"), variables);
    JsonNode targets = p.path("targets");
    if (!NO_UNIT_TYPES.contains(type) || "logs".equals(type)) {
      if (!targets.isArray() || targets.isEmpty()) {
        add("targets", where, "panel has no queries");
      }
    }
    Set<String> refIds = new HashSet<>();
    for (JsonNode t : targets) {
      String refId = t.path("refId").asText("");
      String at = where + ", refId " + refId;
      if (!refIds.add(refId)) {
        add("targets", at, "refId " + refId + " is used twice in the panel");
      }
      String targetType = t.has("datasource")
          ? resolveDatasource(at, t.path("datasource"), variables) : panelType;
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
          + String.join(", ", new java.util.TreeSet<>(uidsInSet)) + "; nearest: "
          + Names.nearest(m.group(1), uidsInSet));
    }
  }

  private void thresholds(String where, JsonNode p) {
    JsonNode steps = p.path("fieldConfig").path("defaults").path("thresholds").path("steps");
    double last = Double.NEGATIVE_INFINITY;
    for (JsonNode s : steps) {
      if (s.path("value").isNumber()) {
        double v = s.path("value").asDouble();
        if (v <= last) {
          add("thresholds", where, "threshold steps do not ascend (" + v + " after " + last + ")");
        }
        last = v;
      }
    }
    String title = p.path("title").asText("").toLowerCase(Locale.ROOT);
    if (steps.size() > 1 && (title.contains("success") || title.contains("availability"))) {
      String top = steps.get(steps.size() - 1).path("color").asText();
      if (!top.contains("green")) {
        add("thresholds", where, "a success scale must end green (high is good), it ends " + top);
      }
    }
  }

  private void prometheusTarget(String where, JsonNode t) {
    String expr = t.path("expr").asText("");
    if (expr.isBlank()) {
      add("targets", where, "query has no expression");
      return;
    }
    boolean instant = t.path("instant").asBoolean(false) && !t.path("range").asBoolean(false);
    Set<String> ranges = instant ? Set.of("$__rate_interval", "$__range") : Set.of("$__rate_interval");
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
      problems.addAll(QueryChecks.legendProblems(t.path("legendFormat").asText(null), q, universe));
    }
    problems.forEach(pr -> findings.add(pr.at(where)));
  }

  private void lokiTarget(String where, JsonNode t) {
    String expr = t.path("expr").asText("");
    if (expr.isBlank()) {
      add("targets", where, "query has no expression");
      return;
    }
    boolean instant = "instant".equals(t.path("queryType").asText());
    Matcher m = LOGQL_RANGE.matcher(expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`", "\"\""));
    while (m.find()) {
      String range = m.group(1).trim();
      if (!(range.equals("$__auto") || (instant && range.equals("$__range")))) {
        add("rate-interval", where, "LogQL range [" + range + "] must be $__auto"
            + (instant ? " or $__range" : ""));
      }
    }
  }
}
