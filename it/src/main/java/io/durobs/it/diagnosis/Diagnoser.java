package io.durobs.it.diagnosis;

import io.durobs.engine.catalogue.FormerName;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.prometheus.PrometheusException;
import io.durobs.it.prometheus.QueryResult;
import io.durobs.it.prometheus.RuleState;
import io.durobs.it.prometheus.Sample;
import io.durobs.it.prometheus.Series;
import io.durobs.toolkit.lint.NearestName;
import io.durobs.toolkit.promql.Enclosing;
import io.durobs.toolkit.promql.LabelMatcher;
import io.durobs.toolkit.promql.PromDuration;
import io.durobs.toolkit.promql.PromQlScanner;
import io.durobs.toolkit.promql.PromQlSyntaxException;
import io.durobs.toolkit.promql.SelectorRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Explains why a query returned no data, in the manner of pint's {@code promql/series} check:
 * it takes the expression apart into its selectors and asks Prometheus about each one — was the
 * metric ever present (or present under a translation variant of its name, or renamed in the
 * catalogue), does it carry each label the query requires, was each required value ever seen, is
 * the data inside the time range, and does each range window hold the two samples {@code rate()}
 * needs.
 */
public final class Diagnoser {

  private static final int MAX_LISTED = 12;
  private static final Pattern RECORDING_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_:]+$");
  private static final java.util.Set<String> TWO_SAMPLE_FUNCTIONS = java.util.Set.of("rate", "irate",
      "increase", "delta", "idelta", "deriv", "predict_linear", "resets", "changes");

  private final PrometheusClient prometheus;
  private final Duration lookback;

  /**
   * @param prometheus the Prometheus to ask
   * @param lookback how far back "ever present" looks (pint's {@code lookbackRange}, 7 days by
   *     default there)
   */
  public Diagnoser(PrometheusClient prometheus, Duration lookback) {
    this.prometheus = prometheus;
    this.lookback = lookback;
  }

  /** Diagnoses a query Prometheus rejected. */
  public Diagnosis queryError(String expr, PrometheusException error) {
    return new Diagnosis(List.of(new Cause(DiagnosisKind.QUERY_ERROR, expr,
        error.errorType() + ": " + error.getMessage(), List.of())));
  }

  /**
   * Diagnoses an expression that ran without error but returned no data over {@code [from, to]}.
   *
   * @param expr the expression as sent (variables already substituted)
   * @param from range start
   * @param to range end
   */
  public Diagnosis diagnose(String expr, Instant from, Instant to) {
    List<SelectorRef> selectors;
    try {
      selectors = PromQlScanner.scan(expr).selectors();
    } catch (PromQlSyntaxException e) {
      return new Diagnosis(List.of(new Cause(DiagnosisKind.QUERY_ERROR, expr, e.getMessage(), List.of())));
    }
    Instant since = from.minus(lookback);
    List<Cause> findings = new ArrayList<>();
    for (SelectorRef s : selectors) {
      try {
        Cause c = selector(s, since, from, to);
        if (c != null) {
          findings.add(c);
        }
      } catch (PrometheusException e) {
        if (e.isUnreachable()) {
          throw e;
        }
        findings.add(new Cause(DiagnosisKind.DIAGNOSIS_FAILED, s.text(), "asking Prometheus about "
            + s.text() + " failed: " + e.errorType() + ": " + e.getMessage(), List.of()));
      }
    }
    if (findings.isEmpty()) {
      findings.add(new Cause(DiagnosisKind.EXPRESSION_FILTERS_ALL, expr,
          selectors.isEmpty() ? "the expression has no selector and returns nothing"
              : "every selector has series in the range; the operators of the expression remove "
                  + "them all (vector matching without shared labels, a comparison filtering "
                  + "every value, or an aggregation over nothing)", List.of()));
    }
    return new Diagnosis(findings);
  }

  /** The cause one selector contributes, or null when it has data in the range. */
  private Cause selector(SelectorRef s, Instant since, Instant from, Instant to) {
    List<LabelMatcher> names = s.matchers().stream().filter(m -> m.label().equals("__name__")).toList();
    if (s.metric() == null && s.matchers().stream().allMatch(LabelMatcher::matchesEmpty)) {
      return null; // matches every series or none by design; Prometheus refuses it as match[]
    }
    List<Map<String, String>> byName;
    if (s.metric() != null) {
      byName = prometheus.series(List.of(s.nameOnly()), since, to);
      if (byName.isEmpty()) {
        return absentMetric(s, s.metric(), prometheus.metricNames(since, to));
      }
    } else if (!names.isEmpty()) {
      List<String> present = prometheus.metricNames(since, to);
      if (present.stream().noneMatch(n -> names.stream().allMatch(m -> m.matches(n)))) {
        Cause renamed = names.size() == 1 && !names.get(0).isRegex()
            ? renamed(s, names.get(0).value(), present) : null;
        if (renamed != null) {
          return renamed;
        }
        String wanted = names.stream().map(LabelMatcher::text).collect(Collectors.joining(", "));
        String nearest = names.size() == 1 && !names.get(0).isRegex()
            ? NearestName.typoOf(names.get(0).value(), present) : null;
        return new Cause(DiagnosisKind.METRIC_NEVER_PRESENT, s.nameOnly(), "no metric name matching "
            + wanted + " had any series in the last " + PromDuration.format(lookback)
            + (nearest == null ? "" : "; nearest name: `" + nearest + "`"),
            nearest == null ? List.of() : List.of(nearest));
      }
      byName = prometheus.series(List.of(s.nameOnly()), since, to);
    } else {
      return namelessLabels(s, since, to);
    }
    Cause labelFinding = labels(s, byName, since, to);
    if (labelFinding != null) {
      return labelFinding;
    }
    if (prometheus.series(List.of(s.text()), from, to).isEmpty()) {
      return new Cause(DiagnosisKind.OUTSIDE_TIME_RANGE, s.text(),
          s.text() + " has series in the " + PromDuration.format(lookback) + " before the range, "
              + "but none between " + from + " and " + to + ": widen the dashboard's time range "
              + "or check that the source still reports", List.of());
    }
    return rangeTooShort(s, from, to);
  }

  /**
   * A selector without a metric name ({@code {job="x"}}): each matcher against the label's
   * values over all series, then the whole selector against the range.
   */
  private Cause namelessLabels(SelectorRef s, Instant since, Instant to) {
    for (LabelMatcher m : s.matchers()) {
      if (m.matchesEmpty()) {
        continue;
      }
      List<String> values = prometheus.labelValues(m.label(), List.of(), since, to);
      if (values.isEmpty()) {
        return new Cause(DiagnosisKind.LABEL_MISSING, s.text(), "no series carries a `" + m.label()
            + "` label in the last " + PromDuration.format(lookback), List.of());
      }
      if (values.stream().noneMatch(m::matches)) {
        return valueNeverSeen(s, m, new TreeSet<>(values), "no series");
      }
    }
    if (prometheus.series(List.of(s.text()), since, to).isEmpty()) {
      return new Cause(DiagnosisKind.LABEL_VALUE_NEVER_SEEN, s.text(),
          "each matcher of " + s.text() + " matches some series, but no series matches them all",
          List.of());
    }
    return null;
  }

  private Cause valueNeverSeen(SelectorRef s, LabelMatcher m, TreeSet<String> seen, String who) {
    String nearest = m.isRegex() ? null : NearestName.typoOf(m.value(), seen);
    List<String> suggestions = new ArrayList<>();
    if (nearest != null) {
      suggestions.add(nearest);
    }
    seen.stream().filter(v -> !v.equals(nearest)).forEach(suggestions::add);
    return new Cause(DiagnosisKind.LABEL_VALUE_NEVER_SEEN, s.text(),
        "`" + (who == null ? displayName(s) : who) + "` never had " + m.text() + "; "
            + (nearest == null ? "" : "nearest seen value: `" + nearest + "`; ")
            + "values seen for `" + m.label() + "`: " + list(seen), suggestions);
  }

  private Cause absentMetric(SelectorRef s, String wanted, List<String> present) {
    List<String> variants = new ArrayList<>(NameVariants.variantsOf(wanted, present));
    if (s.isInside("histogram_quantile") && !wanted.endsWith("_bucket")) {
      // the quantile needs the buckets: put the _bucket series first
      variants.sort((a, b) -> Boolean.compare(!a.endsWith("_bucket"), !b.endsWith("_bucket")));
    }
    if (!variants.isEmpty()) {
      String found = variants.get(0);
      return new Cause(DiagnosisKind.PRESENT_UNDER_OTHER_NAME, s.nameOnly(),
          "`" + wanted + "` has no series, but `" + found + "` does ("
              + NameVariants.describe(wanted, found) + ")", variants);
    }
    Cause renamed = renamed(s, wanted, present);
    if (renamed != null) {
      return renamed;
    }
    String recordedBy = recordingRule(wanted);
    String why = "";
    if (recordedBy != null) {
      why = " (it is recorded by rule group " + recordedBy + ": that rule's own inputs are empty)";
    } else if (RECORDING_NAME.matcher(wanted).matches()) {
      why = " and no rule loaded in this Prometheus records it: `" + wanted + "` is named like a "
          + "recording rule (level:metric:operations), so the rule files that define it may not be "
          + "loaded (rule_files in prometheus.yml)";
    } else if (catalogueName(wanted) != null) {
      why = "; `" + wanted + "` is the engine's OpenTelemetry name, which Prometheus stores as `"
          + catalogueName(wanted) + "` (the catalogue's translation)";
    } else {
      String nearest = NearestName.typoOf(wanted, present);
      why = nearest == null ? "" : "; nearest name present: `" + nearest + "`";
    }
    return new Cause(DiagnosisKind.METRIC_NEVER_PRESENT, s.nameOnly(),
        "`" + wanted + "` didn't have any series in the last " + PromDuration.format(lookback) + why,
        List.of());
  }

  /**
   * When the absent name is one the catalogue records as a metric's former name: the cause that
   * points to the catalogue's series (saying whether it has series); else null.
   */
  private Cause renamed(SelectorRef s, String wanted, List<String> present) {
    FormerName.Renamed r = MetricCatalogue.renamedFrom(wanted).orElse(null);
    if (r == null) {
      return null;
    }
    return new Cause(DiagnosisKind.METRIC_RENAMED, s.nameOnly(), "`" + wanted + "` didn't have any "
        + "series in the last " + PromDuration.format(lookback) + "; it is the seed's name for "
        + "catalogue metric #" + r.metric().number() + ", " + r.advice()
        + (present.contains(r.series()) ? " (it has series)" : ""), List.of(r.replacement()));
  }

  /** The Prometheus name the catalogue gives an OpenTelemetry (dotted) metric name, or null. */
  private static String catalogueName(String otelName) {
    return MetricCatalogue.allWithProcess().stream().filter(m -> m.otelName().equals(otelName))
        .map(MetricDefinition::prometheusName).findFirst().orElse(null);
  }

  private String recordingRule(String name) {
    try {
      return prometheus.rules().stream()
          .filter(r -> !r.isAlert() && r.name().equals(name)).map(RuleState::group)
          .findFirst().orElse(null);
    } catch (PrometheusException e) {
      return null;
    }
  }

  private Cause labels(SelectorRef s, List<Map<String, String>> byName, Instant since, Instant to) {
    for (LabelMatcher m : s.matchers()) {
      if (m.label().equals("__name__")) {
        continue;
      }
      TreeSet<String> seen = byName.stream().map(x -> x.get(m.label())).filter(Objects::nonNull)
          .collect(Collectors.toCollection(TreeSet::new));
      if (seen.isEmpty() && !m.matchesEmpty()) {
        TreeSet<String> names = new TreeSet<>();
        byName.forEach(x -> names.addAll(x.keySet()));
        names.remove("__name__");
        return new Cause(DiagnosisKind.LABEL_MISSING, s.text(),
            "`" + displayName(s) + "` has no `" + m.label() + "` label; its labels are: "
                + list(names), List.copyOf(names));
      }
      if (prometheus.series(List.of(s.text(List.of(m))), since, to).isEmpty()) {
        return valueNeverSeen(s, m, seen, null);
      }
    }
    if (s.matchers().size() > 1 && prometheus.series(List.of(s.text()), since, to).isEmpty()) {
      return new Cause(DiagnosisKind.LABEL_VALUE_NEVER_SEEN, s.text(),
          "each matcher of " + s.text() + " matches some series, but no series matches them all",
          List.of());
    }
    return null;
  }

  private Cause rangeTooShort(SelectorRef s, Instant from, Instant to) {
    String function = s.innermostCall().map(Enclosing::function).orElse(null);
    Duration range = rangeOf(s);
    if (range == null || !TWO_SAMPLE_FUNCTIONS.contains(function)) {
      return null;
    }
    String window = PromDuration.format(range);
    Duration step = Duration.ofMillis(Math.max(1000, Duration.between(from, to).toMillis() / 200));
    QueryResult counts;
    try {
      counts = prometheus.queryRange("max(count_over_time(" + s.text() + "[" + window + "]))", from, to, step);
    } catch (PrometheusException e) {
      return null;
    }
    double max = counts.series().stream().flatMap(x -> x.samples().stream())
        .mapToDouble(Sample::value).max().orElse(0);
    if (max >= 2) {
      return null;
    }
    Duration spacing = sampleSpacing(s, to);
    return new Cause(DiagnosisKind.RANGE_TOO_SHORT, s.text() + "[" + window + "]",
        function + "() over [" + window + "] sees at most " + (long) max + " sample per window"
            + (spacing == null ? "" : "; samples of `" + displayName(s) + "` are "
                + PromDuration.format(spacing) + " apart, so the range needs at least "
                + PromDuration.format(spacing.multipliedBy(2)) + " (4× = "
                + PromDuration.format(spacing.multipliedBy(4)) + " is safe; $__rate_interval does this)"),
        List.of());
  }

  /** The selector's range as a duration; null when it has none or it is not a literal duration. */
  private static Duration rangeOf(SelectorRef s) {
    if (s.range() == null) {
      return null;
    }
    try {
      return PromDuration.parse(s.range());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Duration sampleSpacing(SelectorRef s, Instant to) {
    try {
      QueryResult raw = prometheus.query(s.text() + "[10m]", to);
      List<Long> gaps = new ArrayList<>();
      for (Series series : raw.series()) {
        List<Sample> samples = series.samples();
        for (int k = 1; k < samples.size(); k++) {
          gaps.add(samples.get(k).epochMillis() - samples.get(k - 1).epochMillis());
        }
      }
      if (gaps.isEmpty()) {
        return null;
      }
      gaps.sort(null);
      return Duration.ofMillis(gaps.get(gaps.size() / 2));
    } catch (PrometheusException e) {
      return null;
    }
  }

  private static String displayName(SelectorRef s) {
    return s.metric() == null ? s.text() : s.metric();
  }

  private static String list(java.util.Collection<String> values) {
    if (values.isEmpty()) {
      return "(none)";
    }
    String shown = values.stream().limit(MAX_LISTED).map(v -> "`" + v + "`").collect(Collectors.joining(", "));
    return values.size() > MAX_LISTED ? shown + ", … (" + values.size() + " in all)" : shown;
  }
}
