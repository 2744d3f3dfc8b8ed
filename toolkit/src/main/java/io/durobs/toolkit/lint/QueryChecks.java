package io.durobs.toolkit.lint;

import io.durobs.engine.catalogue.FormerName;
import io.durobs.engine.catalogue.Label;
import io.durobs.toolkit.promql.Enclosing;
import io.durobs.toolkit.promql.LabelMatcher;
import io.durobs.toolkit.promql.PromQlScanner;
import io.durobs.toolkit.promql.PromQlSyntaxException;
import io.durobs.toolkit.promql.ScannedQuery;
import io.durobs.toolkit.promql.SelectorRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of one PromQL expression against a {@link MetricUniverse}. Each problem is
 * reported once: a selector of an unknown metric is not checked further.
 */
public final class QueryChecks {

  /** Functions under which a counter means something in a dashboard. */
  public static final Set<String> RATE_FUNCTIONS = Set.of("rate", "irate", "increase", "resets");
  /**
   * Functions and aggregations that only test whether a series exists; rules use them on
   * counters to notice a series that just appeared ({@code increase} cannot see its first value).
   */
  public static final Set<String> PRESENCE_FUNCTIONS =
      Set.of("absent", "absent_over_time", "present_over_time", "group", "count");

  private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
  private static final Pattern LITERAL_ALTERNATIVE = Pattern.compile("(?:[^\\\\.+*?()\\[\\]{}|^$]|\\\\.)*");

  /**
   * What to enforce besides catalogue references.
   *
   * @param counterFunctions functions a counter may sit directly under
   * @param rangeVariables when non-empty, the only ranges rate/irate/increase may use (e.g.
   *     {@code $__rate_interval}); empty for rules, which use fixed windows
   * @param clusterWideSeries series every process reports identically; they must be aggregated
   *     with {@code max}
   */
  public record Options(Set<String> counterFunctions, Set<String> rangeVariables,
      Set<String> clusterWideSeries) {}

  private QueryChecks() {}

  /** Scans and checks an expression; an unreadable one is one {@code syntax} problem. */
  public static List<Problem> check(String expr, MetricUniverse universe, Options options) {
    ScannedQuery q;
    try {
      q = PromQlScanner.scan(expr);
    } catch (PromQlSyntaxException e) {
      return List.of(new Problem("syntax", "cannot read the expression: " + e.getMessage()));
    }
    return check(q, universe, options);
  }

  /** Checks a scanned expression. */
  public static List<Problem> check(ScannedQuery q, MetricUniverse universe, Options options) {
    List<Problem> problems = new ArrayList<>();
    Set<String> labelsInScope = new TreeSet<>(MetricUniverse.PIPELINE_LABELS);
    boolean labelsUnknown = false;
    for (SelectorRef s : q.selectors()) {
      if (s.metric() == null) {
        problems.add(new Problem("unknown-metric",
            "a selector without a metric name cannot be checked against the catalogue"));
        continue;
      }
      Optional<MetricUniverse.Series> found = universe.lookup(s.metric());
      if (found.isEmpty()) {
        String advice = universe.renamedFrom(s.metric()).map(FormerName.Renamed::advice)
            .orElseGet(() -> "nearest catalogue name: " + universe.nearest(s.metric()));
        problems.add(new Problem("unknown-metric", "unknown metric '" + s.metric() + "'; " + advice));
        continue;
      }
      MetricUniverse.Series series = found.get();
      if (series.labels() == null) {
        labelsUnknown = true;
      } else {
        labelsInScope.addAll(series.labels().keySet());
      }
      problems.addAll(matcherProblems(s, series));
      problems.addAll(kindProblems(s, series, options));
    }
    if (!labelsUnknown && !q.functions().contains("label_replace")
        && !q.functions().contains("label_join") && !q.functions().contains("count_values")) {
      for (String l : new LinkedHashSet<>(q.groupingLabels())) {
        if (!labelsInScope.contains(l)) {
          problems.add(new Problem("unknown-label", "grouping label '" + l
              + "' is on none of the selected series (" + String.join(", ", q.metricNames())
              + "); nearest: " + NearestName.of(l, labelsInScope)));
        }
      }
    }
    if (!options.rangeVariables().isEmpty()) {
      for (ScannedQuery.RangeRef r : q.ranges()) {
        if (r.function() != null && RATE_FUNCTIONS.contains(r.function())
            && !options.rangeVariables().contains(r.range())) {
          problems.add(new Problem("rate-interval", r.function() + "() over [" + r.range()
              + "] must use " + String.join(" or ", new TreeSet<>(options.rangeVariables()))));
        }
      }
    }
    return problems;
  }

  private static List<Problem> matcherProblems(SelectorRef s, MetricUniverse.Series series) {
    List<Problem> problems = new ArrayList<>();
    if (series.labels() == null) {
      return problems;
    }
    for (LabelMatcher m : s.matchers()) {
      Label label = series.labels().get(m.label());
      if (label == null) {
        problems.add(new Problem("unknown-label", "metric " + series.name() + " has no label '"
            + m.label() + "' (labels: " + String.join(", ", series.labels().keySet())
            + "); nearest: " + NearestName.of(m.label(), series.labels().keySet())));
        continue;
      }
      if (!label.isEnumerated() || m.hasVariable() || m.value().isEmpty()) {
        continue;
      }
      List<String> values = m.isRegex() ? literalAlternatives(m.value()) : List.of(m.value());
      for (String v : values) {
        if (!label.allows(v)) {
          problems.add(new Problem("label-value", "label '" + m.label() + "' of "
              + series.name() + " does not allow '" + v + "' (allowed: "
              + String.join(", ", label.allowedValues()) + "); nearest: "
              + NearestName.of(v, label.allowedValues())));
        }
      }
    }
    return problems;
  }

  private static List<Problem> kindProblems(SelectorRef s, MetricUniverse.Series series,
      Options options) {
    List<Problem> problems = new ArrayList<>();
    if (series.isCounter()) {
      Optional<Enclosing> call = s.innermostCall();
      if (call.isEmpty() || !options.counterFunctions().contains(call.get().function())) {
        problems.add(new Problem("counter-rate", "counter " + series.name() + " is used "
            + call.map(c -> "under " + c.function() + "()").orElse("bare")
            + "; counters are only meaningful under "
            + String.join("/", new TreeSet<>(options.counterFunctions()))));
      }
    }
    if (series.hasBuckets()) {
      for (Enclosing e : s.enclosing()) {
        if ("histogram_quantile".equals(e.function()) || "histogram_fraction".equals(e.function())) {
          break;
        }
        if (e.aggregation() && !e.keeps("le")) {
          problems.add(new Problem("histogram-le", "buckets " + series.name() + " lose 'le' in "
              + e.function() + (e.groupingMode() == null ? "()" : " " + e.groupingMode() + " ("
              + String.join(", ", e.groupingLabels()) + ")")
              + "; group by le (and histogram_quantile over the result)"));
          break;
        }
      }
    }
    if (options.clusterWideSeries().contains(series.name())) {
      Optional<Enclosing> agg = s.innermostAggregation();
      if (agg.isEmpty() || !"max".equals(agg.get().function())) {
        problems.add(new Problem("cluster-gauge-max", "cluster-wide gauge " + series.name()
            + " is " + agg.map(a -> "aggregated with " + a.function()).orElse("not aggregated")
            + "; every engine process reports the same value, aggregate it with max"));
      }
    }
    return problems;
  }

  /**
   * The literal values of a regex that is an alternation of literals ({@code a|b|3\+}), or an
   * empty list when the regex is anything else (then values are not checked).
   */
  static List<String> literalAlternatives(String regex) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        cur.append(c).append(regex.charAt(++i));
      } else if (c == '|' && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    List<String> values = new ArrayList<>();
    for (String alt : out) {
      if (!LITERAL_ALTERNATIVE.matcher(alt).matches()) {
        return List.of();
      }
      values.add(alt.replaceAll("\\\\(.)", "$1"));
    }
    return values;
  }

  /**
   * The labels a legend template names that the query's result cannot carry: each series'
   * outermost {@code by} clause, or its own labels when it is not aggregated.
   */
  public static List<Problem> legendProblems(String legendFormat, ScannedQuery q,
      MetricUniverse universe) {
    if (legendFormat == null || legendFormat.isBlank()) {
      return List.of();
    }
    Set<String> result = new TreeSet<>();
    for (SelectorRef s : q.selectors()) {
      Optional<MetricUniverse.Series> series =
          s.metric() == null ? Optional.empty() : universe.lookup(s.metric());
      if (series.isEmpty() || series.get().labels() == null) {
        return List.of();
      }
      Optional<Enclosing> outer = MetricUniverse.outermostAggregation(s);
      Set<String> labels = new TreeSet<>(series.get().labels().keySet());
      if (outer.isPresent()) {
        Enclosing e = outer.get();
        if ("by".equals(e.groupingMode())) {
          labels = new TreeSet<>(e.groupingLabels());
        } else if ("without".equals(e.groupingMode())) {
          labels.removeAll(e.groupingLabels());
        } else {
          labels.clear();
        }
      }
      if (s.isInside("histogram_quantile")) {
        labels.remove("le");
      }
      result.addAll(labels);
    }
    if (q.functions().contains("label_replace") || q.functions().contains("label_join")) {
      return List.of();
    }
    List<Problem> problems = new ArrayList<>();
    Matcher m = LEGEND_LABEL.matcher(legendFormat);
    while (m.find()) {
      if (!result.contains(m.group(1))) {
        problems.add(new Problem("legend-label", "legend names '{{" + m.group(1)
            + "}}', which the query's result does not carry (it has: "
            + (result.isEmpty() ? "no labels" : String.join(", ", result)) + ")"));
      }
    }
    return problems;
  }
}
