package io.durobs.it.grafana;

import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.prometheus.PrometheusException;
import io.durobs.it.prometheus.QueryResult;
import io.durobs.it.prometheus.Series;
import io.durobs.toolkit.grafana.LabelValuesQuery;
import io.durobs.toolkit.grafana.read.DashboardFile;
import io.durobs.toolkit.grafana.read.TemplateVariable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves a dashboard's template variables as Grafana does when the dashboard loads: Prometheus
 * query variables through the same API calls Grafana's Prometheus data source makes
 * ({@code label_values(metric, label)} → {@code /api/v1/label/<label>/values?match[]=metric},
 * {@code label_values(label)}, {@code label_names()}, {@code metrics(re)}, {@code query_result(expr)},
 * otherwise a series query), over the dashboard's time range, then the variable's regex and sort,
 * then the saved selection if it is still offered, else the first option (which is "All" when the
 * variable includes All). Variables referencing other variables are resolved after them.
 */
public final class VariableResolver {

  private static final Pattern LABEL_NAMES = Pattern.compile("^label_names\\((.*)\\)\\s*$", Pattern.DOTALL);
  private static final Pattern METRICS = Pattern.compile("^metrics\\((.+)\\)\\s*$", Pattern.DOTALL);
  private static final Pattern QUERY_RESULT = Pattern.compile("^query_result\\((.+)\\)\\s*$", Pattern.DOTALL);

  private final PrometheusClient prometheus;

  /** @param prometheus the Prometheus the dashboard's Prometheus data source points at */
  public VariableResolver(PrometheusClient prometheus) {
    this.prometheus = prometheus;
  }

  /**
   * Resolves every variable of the dashboard.
   *
   * @param dashboard the dashboard
   * @param from range start (for label queries and {@code $__range} in variable queries)
   * @param to range end
   * @return the resolved variables by name, in dashboard order
   */
  public Map<String, ResolvedVariable> resolve(DashboardFile dashboard, Instant from, Instant to) {
    Map<String, ResolvedVariable> done = new LinkedHashMap<>();
    Map<String, String> builtIns = QueryTiming.compute(from, to, 1500, null, null, null, 0).builtIns();
    List<TemplateVariable> pending = new ArrayList<>(dashboard.variables());
    Set<String> names = dashboard.variables().stream().map(TemplateVariable::name).collect(Collectors.toSet());
    while (!pending.isEmpty()) {
      TemplateVariable next = pending.stream()
          .filter(v -> Interpolator.references(v.query()).stream()
              .noneMatch(r -> names.contains(r) && !done.containsKey(r) && !r.equals(v.name())))
          .findFirst().orElse(pending.get(0));
      pending.remove(next);
      done.put(next.name(), resolveOne(next, done, builtIns, from, to));
    }
    Map<String, ResolvedVariable> ordered = new LinkedHashMap<>();
    dashboard.variables().forEach(v -> ordered.put(v.name(), done.get(v.name())));
    return ordered;
  }

  private ResolvedVariable resolveOne(TemplateVariable v, Map<String, ResolvedVariable> resolved,
      Map<String, String> builtIns, Instant from, Instant to) {
    List<String> options;
    String problem = null;
    switch (v.type()) {
      case "query" -> {
        String query = Interpolator.interpolate(v.query(), resolved, builtIns);
        try {
          options = sort(applyRegex(runQuery(query, from, to), v.regex()), v.sort());
        } catch (PrometheusException e) {
          if (e.isUnreachable()) {
            throw e;
          }
          options = List.of();
          problem = "variable $" + v.name() + ": query '" + query + "' failed: " + e.getMessage();
        }
        if (options.isEmpty() && problem == null) {
          problem = "variable $" + v.name() + ": query '" + query + "' returned no values";
        }
      }
      case "custom" -> options = splitCustom(v.query());
      case "interval" -> options = splitCustom(v.query());
      case "constant" -> options = List.of(v.query());
      case "textbox" -> options = List.of(v.current().isEmpty() ? v.query() : v.current().get(0));
      case "datasource" -> options = List.of(v.current().isEmpty() ? v.query() : v.current().get(0));
      default -> options = v.options();
    }
    return select(v, options, problem);
  }

  private static ResolvedVariable select(TemplateVariable v, List<String> options, String problem) {
    List<String> current = v.current();
    boolean savedAll = current.contains(TemplateVariable.ALL) || current.contains("All") && v.includeAll();
    if (savedAll && v.includeAll()) {
      return new ResolvedVariable(v, options, options, true, problem);
    }
    if (!current.isEmpty() && options.containsAll(current)) {
      return new ResolvedVariable(v, options, v.multi() ? current : List.of(current.get(0)), false, problem);
    }
    if (v.includeAll()) {
      return new ResolvedVariable(v, options, options, true, problem);
    }
    return new ResolvedVariable(v, options, options.isEmpty() ? List.of() : List.of(options.get(0)), false, problem);
  }

  private List<String> runQuery(String query, Instant from, Instant to) {
    String q = query.trim();
    Matcher m;
    if ((m = LABEL_NAMES.matcher(q)).matches()) {
      String match = m.group(1).trim();
      return prometheus.labelNames(match.isEmpty() ? List.of() : List.of(match), from, to);
    }
    var labelValues = LabelValuesQuery.parse(q);
    if (labelValues.isPresent()) {
      LabelValuesQuery lv = labelValues.get();
      return prometheus.labelValues(lv.label(), lv.hasMatch() ? List.of(lv.match()) : List.of(), from, to);
    }
    if ((m = METRICS.matcher(q)).matches()) {
      Pattern re = Pattern.compile(m.group(1).trim());
      return prometheus.metricNames(from, to).stream().filter(n -> re.matcher(n).find()).toList();
    }
    if ((m = QUERY_RESULT.matcher(q)).matches()) {
      QueryResult r = prometheus.query(m.group(1), to);
      List<String> out = new ArrayList<>();
      for (Series s : r.series()) {
        Map<String, String> labels = new LinkedHashMap<>(s.labels());
        String name = labels.remove("__name__");
        String ls = labels.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
            .collect(Collectors.joining(","));
        var sample = s.samples().isEmpty() ? null : s.samples().get(0);
        out.add((name == null ? "" : name) + "{" + ls + "} "
            + (sample == null ? "" : formatValue(sample.value()) + " " + sample.epochMillis()));
      }
      return out;
    }
    // Grafana: any other text is a series selector listed as metric{labels}
    List<String> out = new ArrayList<>();
    for (Map<String, String> s : prometheus.series(List.of(q), from, to)) {
      Map<String, String> labels = new LinkedHashMap<>(s);
      String name = labels.remove("__name__");
      out.add((name == null ? "" : name) + "{" + labels.entrySet().stream()
          .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(",")) + "}");
    }
    return out;
  }

  /** Grafana's variable regex: {@code /re/flags}; a capture group (or group {@code value}) extracts. */
  static List<String> applyRegex(List<String> values, String regex) {
    if (regex == null || regex.isBlank()) {
      return dedupe(values);
    }
    String body = regex;
    int flags = 0;
    if (regex.startsWith("/") && regex.lastIndexOf('/') > 0) {
      int end = regex.lastIndexOf('/');
      body = regex.substring(1, end);
      if (regex.substring(end + 1).contains("i")) {
        flags |= Pattern.CASE_INSENSITIVE;
      }
    }
    Pattern p = Pattern.compile(body, flags);
    List<String> out = new ArrayList<>();
    for (String v : values) {
      Matcher m = p.matcher(v);
      if (!m.find()) {
        continue;
      }
      String value = m.group();
      if (body.contains("(?<value>")) {
        value = m.group("value");
      } else if (m.groupCount() > 0 && m.group(1) != null) {
        value = m.group(1);
      }
      out.add(value);
    }
    return dedupe(out);
  }

  static List<String> sort(List<String> values, int sort) {
    List<String> out = new ArrayList<>(values);
    Comparator<String> numeric = Comparator.comparingDouble(VariableResolver::leadingNumber);
    switch (sort) {
      case 1 -> out.sort(Comparator.naturalOrder());
      case 2 -> out.sort(Comparator.reverseOrder());
      case 3 -> out.sort(numeric);
      case 4 -> out.sort(numeric.reversed());
      case 5 -> out.sort(String.CASE_INSENSITIVE_ORDER);
      case 6 -> out.sort(String.CASE_INSENSITIVE_ORDER.reversed());
      default -> { }
    }
    return out;
  }

  static List<String> splitCustom(String query) {
    List<String> out = new ArrayList<>();
    for (String part : query.split("(?<!\\\\),")) {
      String p = part.replace("\\,", ",").trim();
      if (p.isEmpty()) {
        continue;
      }
      int sep = p.indexOf(" : ");
      out.add(sep >= 0 ? p.substring(sep + 3).trim() : p);
    }
    return out;
  }

  private static double leadingNumber(String s) {
    Matcher m = Pattern.compile("-?\\d+(\\.\\d+)?").matcher(s);
    return m.find() ? Double.parseDouble(m.group()) : Double.NaN;
  }

  private static String formatValue(double v) {
    return v == Math.rint(v) && !Double.isInfinite(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static List<String> dedupe(List<String> values) {
    return new ArrayList<>(new LinkedHashSet<>(values));
  }
}
