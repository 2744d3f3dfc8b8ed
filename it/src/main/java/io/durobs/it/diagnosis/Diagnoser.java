package io.durobs.it.diagnosis;

import io.durobs.toolkit.promql.Enclosing;
import io.durobs.toolkit.promql.LabelMatcher;
import io.durobs.toolkit.promql.PromDuration;
import io.durobs.toolkit.promql.PromQlScanner;
import io.durobs.toolkit.promql.PromQlSyntaxException;
import io.durobs.toolkit.promql.SelectorRef;
import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.prometheus.PrometheusException;
import io.durobs.it.prometheus.QueryResult;
import io.durobs.it.prometheus.RuleState;
import io.durobs.it.prometheus.Sample;
import io.durobs.it.prometheus.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Explains why a query returned no data, in the manner of pint's {@code promql/series} check:
 * it takes the expression apart into its selectors and asks Prometheus about each one — was the
 * metric ever present (or present under a translation variant of its name), does it carry each
 * label the query requires, was each required value ever seen, is the data inside the time
 * range, and does each range window hold the two samples {@code rate()} needs.
 */
public final class Diagnoser {

  private static final int MAX_LISTED = 12;
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
    List<String> allNames = null;
    for (SelectorRef s : selectors) {
      if (s.metric() == null && s.matchers().isEmpty()) {
        continue;
      }
      List<Map<String, String>> byName = prometheus.series(List.of(s.nameOnly()), since, to);
      if (byName.isEmpty() && s.metric() != null) {
        if (allNames == null) {
          allNames = prometheus.metricNames(since, to);
        }
        findings.add(absentMetric(s, allNames));
        continue;
      }
      Cause labelFinding = labels(s, byName, since, to);
      if (labelFinding != null) {
        findings.add(labelFinding);
        continue;
      }
      if (prometheus.series(List.of(s.text()), from, to).isEmpty()) {
        findings.add(new Cause(DiagnosisKind.OUTSIDE_TIME_RANGE, s.text(),
            s.text() + " has series in the " + PromDuration.format(lookback) + " before the range, "
                + "but none between " + from + " and " + to + ": widen the dashboard's time range "
                + "or check that the source still reports", List.of()));
        continue;
      }
      Cause range = rangeTooShort(s, from, to);
      if (range != null) {
        findings.add(range);
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

  private Cause absentMetric(SelectorRef s, List<String> present) {
    String wanted = s.metric();
    List<String> variants = NameVariants.variantsOf(wanted, present);
    if (!variants.isEmpty()) {
      String found = variants.get(0);
      return new Cause(DiagnosisKind.PRESENT_UNDER_OTHER_NAME, s.nameOnly(),
          "`" + wanted + "` has no series, but `" + found + "` does ("
              + NameVariants.describe(wanted, found) + ")", variants);
    }
    String recordedBy = recordingRule(wanted);
    return new Cause(DiagnosisKind.METRIC_NEVER_PRESENT, s.nameOnly(),
        "`" + wanted + "` didn't have any series in the last " + PromDuration.format(lookback)
            + (recordedBy == null ? "" : " (it is recorded by rule group " + recordedBy
                + ": that rule's own inputs are empty)"), List.of());
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
        return new Cause(DiagnosisKind.LABEL_VALUE_NEVER_SEEN, s.text(),
            "`" + displayName(s) + "` never had " + m.text() + "; values seen for `" + m.label()
                + "`: " + list(seen), List.copyOf(seen));
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
