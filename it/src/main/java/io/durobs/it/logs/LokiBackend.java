package io.durobs.it.logs;

import io.durobs.it.check.PreparedQuery;
import io.durobs.it.check.QueryBackend;
import io.durobs.it.check.QueryOutcome;
import io.durobs.it.diagnosis.Cause;
import io.durobs.it.diagnosis.Diagnosis;
import io.durobs.it.diagnosis.DiagnosisKind;
import io.durobs.toolkit.lint.NearestName;
import io.durobs.toolkit.promql.LabelMatcher;
import io.durobs.toolkit.promql.PromQlSyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs Loki log panel targets against a Loki server ({@code --loki URL}): the panel's LogQL over
 * its time range through {@code /loki/api/v1/query_range}, as Grafana's Loki data source sends it.
 *
 * <p>Instant targets run as range queries too: whether the panel has data is the question here,
 * and a range query over the panel's range answers it for both kinds.
 *
 * <p>An empty result is diagnosed in the same shape as {@link LogRecordBackend}'s, stage by stage:
 * a stream label no stream carries in the range (naming the labels Loki has, from
 * {@code /loki/api/v1/labels}) or a value it never had (naming the nearest seen value, from
 * {@code /loki/api/v1/label/<name>/values}); matchers that each match but not together; then the
 * line and label filters, judged on the newest {@value #DIAGNOSIS_LINES} lines of the stream
 * selector (Loki's answer, turned into records and handed to the file backend's stage checks).
 */
public final class LokiBackend implements QueryBackend {

  /** Lines a log query asks for (Grafana's default {@code maxLines}). */
  static final int QUERY_LINES = 1000;
  /** Lines of the stream selector the filter stages are judged on. */
  static final int DIAGNOSIS_LINES = 5000;
  private static final int MAX_LISTED_LABELS = 20;

  private final LokiClient loki;

  /** @param loki the Loki to ask */
  public LokiBackend(LokiClient loki) {
    this.loki = loki;
  }

  /**
   * The LogQL as Grafana's Loki data source sends it: {@code $__auto} replaced by the step for a
   * range query and by the whole range for an instant one (the other built-ins are already
   * substituted in {@link PreparedQuery#resolvedExpr()}).
   */
  static String asSent(PreparedQuery q) {
    java.util.Map<String, String> builtIns = q.timing().builtIns();
    return q.resolvedExpr().replace("$__auto",
        builtIns.get(q.target().runsAsRange() ? "__interval" : "__range"));
  }

  @Override
  public QueryOutcome run(PreparedQuery q) {
    String logql = asSent(q);
    try {
      return QueryOutcome.ok(loki.queryRange(logql, q.timing().from(), q.timing().to(), q.timing().step(),
          QUERY_LINES), logql);
    } catch (LokiException e) {
      if (e.isUnreachable()) {
        throw e;
      }
      return QueryOutcome.failed(e.getMessage(), "loki", logql);
    }
  }

  @Override
  public Diagnosis explainEmpty(PreparedQuery q, QueryOutcome outcome) {
    Instant from = q.timing().from();
    Instant to = q.timing().to();
    List<LabelMatcher> selector;
    try {
      selector = LogRecordBackend.streamSelector(q.resolvedExpr());
    } catch (PromQlSyntaxException | IndexOutOfBoundsException e) {
      return one(DiagnosisKind.QUERY_ERROR, q.resolvedExpr(), "cannot read the stream selector: " + e.getMessage());
    }
    List<String> labels = loki.labels(from, to);
    if (labels.isEmpty()) {
      return one(DiagnosisKind.METRIC_NEVER_PRESENT, "{}", "Loki has no log stream in the range");
    }
    for (LabelMatcher m : selector) {
      if (m.matchesEmpty()) {
        continue;
      }
      if (!labels.contains(m.label())) {
        return new Diagnosis(List.of(new Cause(DiagnosisKind.LABEL_MISSING, m.text(), "streams in the range: "
            + "none carries the stream label `" + m.label() + "` (" + m.text() + "); they carry: "
            + carried(labels, from, to), labels)));
      }
      TreeSet<String> seen = new TreeSet<>(loki.labelValues(m.label(), from, to));
      if (seen.stream().noneMatch(m::matches)) {
        String nearest = m.isRegex() ? null : NearestName.typoOf(m.value(), seen);
        List<String> suggestions = new ArrayList<>();
        if (nearest != null) {
          suggestions.add(nearest);
        }
        seen.stream().filter(v -> !v.equals(nearest)).forEach(suggestions::add);
        return new Diagnosis(List.of(new Cause(DiagnosisKind.LABEL_VALUE_NEVER_SEEN, m.text(),
            "streams in the range: none with " + m.text() + "; "
                + (nearest == null ? "" : "nearest seen value: `" + nearest + "`; ")
                + "values seen for `" + m.label() + "`: " + seen, suggestions)));
      }
    }
    String streamSelector = "{" + selector.stream().map(LabelMatcher::text).collect(Collectors.joining(", ")) + "}";
    List<LogRecord> records = loki.entries(streamSelector, from, to, DIAGNOSIS_LINES);
    if (records.isEmpty()) {
      return one(DiagnosisKind.LABEL_VALUE_NEVER_SEEN, streamSelector,
          "each matcher of " + streamSelector + " matches some stream, but no stream matches them all");
    }
    Diagnosis stages = new LogRecordBackend(() -> records).explainEmpty(q, outcome);
    if (records.size() < DIAGNOSIS_LINES) {
      return stages;
    }
    List<Cause> bounded = stages.findings().stream().map(c -> new Cause(c.kind(), c.selector(),
        c.message() + " (judged on the newest " + DIAGNOSIS_LINES + " lines of " + streamSelector + ")",
        c.suggestions())).toList();
    return new Diagnosis(bounded);
  }

  /** The stream labels with their value when they have one, else their number of values. */
  private String carried(List<String> labels, Instant from, Instant to) {
    List<String> shown = new ArrayList<>();
    for (String l : new TreeSet<>(labels)) {
      if (shown.size() == MAX_LISTED_LABELS) {
        shown.add("… (" + labels.size() + " labels in all)");
        break;
      }
      List<String> values = loki.labelValues(l, from, to);
      shown.add(values.size() == 1 ? l + "=\"" + values.get(0) + "\"" : l + " (" + values.size() + " values)");
    }
    return String.join(", ", shown);
  }

  private static Diagnosis one(DiagnosisKind kind, String selector, String message) {
    return new Diagnosis(List.of(new Cause(kind, selector, message, List.of())));
  }
}
