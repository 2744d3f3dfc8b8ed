package io.durobs.it.logs;

import io.durobs.it.check.PreparedQuery;
import io.durobs.it.check.QueryBackend;
import io.durobs.it.check.QueryOutcome;
import io.durobs.it.diagnosis.Cause;
import io.durobs.it.diagnosis.Diagnosis;
import io.durobs.it.diagnosis.DiagnosisKind;
import io.durobs.it.prometheus.QueryResult;
import io.durobs.it.prometheus.Sample;
import io.durobs.it.prometheus.Series;
import io.durobs.toolkit.promql.LabelMatcher;
import io.durobs.toolkit.promql.PromQlScanner;
import io.durobs.toolkit.promql.PromQlSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Loki log panel targets against the log records the collector exported, where no Loki
 * runs (the local stack). It evaluates the part of LogQL that decides whether a panel shows
 * anything: the stream selector (on the resource attributes, named as Loki's OTLP ingestion names
 * them: dots become underscores), line filters ({@code |=}, {@code !=}, {@code |~}, {@code !~})
 * and label filters on the record's attributes, severity and stream labels; formatting stages do
 * not remove records and are ignored, and a metric query ({@code count_over_time(...)}) has data
 * when its log pipeline matches a record. An empty result says which stage removed the records.
 */
public final class LogRecordBackend implements QueryBackend {

  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`");
  private static final Pattern LABEL_FILTER = Pattern.compile(
      "([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|==|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)");

  private final Supplier<List<LogRecord>> records;

  /** @param records the records that reached the end of the logs pipeline */
  public LogRecordBackend(Supplier<List<LogRecord>> records) {
    this.records = records;
  }

  private record Stages(List<LabelMatcher> selector, List<String[]> lineFilters, List<LabelMatcher> labelFilters) {}

  private static Stages parse(String expr) {
    int open = expr.indexOf('{');
    if (open < 0) {
      throw new PromQlSyntaxException("no stream selector {...} in the LogQL query", 0);
    }
    List<LabelMatcher> selector = PromQlScanner.scan(expr.substring(open, expr.indexOf('}', open) + 1))
        .selectors().get(0).matchers();
    String pipeline = expr.substring(expr.indexOf('}', open) + 1);
    List<String[]> lines = new ArrayList<>();
    List<LabelMatcher> labels = new ArrayList<>();
    int i = 0;
    while (i < pipeline.length()) {
      char c = pipeline.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '[' || c == ')') {
        break; // the range of a metric query, or the end of its function call
      } else if (pipeline.startsWith("|=", i) || pipeline.startsWith("|~", i)
          || pipeline.startsWith("!=", i) || pipeline.startsWith("!~", i)) {
        Matcher str = STRING.matcher(pipeline).region(skipSpace(pipeline, i + 2), pipeline.length());
        if (!str.lookingAt()) {
          throw new PromQlSyntaxException("a line filter needs a quoted string", i);
        }
        lines.add(new String[] {pipeline.substring(i, i + 2), unquote(str.group())});
        i = str.end();
      } else if (c == '|') {
        int stage = skipSpace(pipeline, i + 1);
        Matcher l = LABEL_FILTER.matcher(pipeline).region(stage, pipeline.length());
        if (l.lookingAt()) {
          String op = l.group(2).equals("==") ? "=" : l.group(2);
          labels.add(new LabelMatcher(l.group(1), op, unquote(l.group(3))));
          i = l.end();
        } else {
          i = nextStage(pipeline, stage); // a parser or formatting stage: keeps every record
        }
      } else {
        throw new PromQlSyntaxException("unexpected '" + c + "' in the log pipeline", i);
      }
    }
    return new Stages(selector, lines, labels);
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Where the stage after the one starting at {@code i} begins (quoted strings skipped). */
  private static int nextStage(String s, int i) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"' || c == '`') {
        Matcher str = STRING.matcher(s).region(i, s.length());
        i = str.lookingAt() ? str.end() : s.length();
      } else if (c == '|' || c == '[' || c == ')' || s.startsWith("!=", i) || s.startsWith("!~", i)) {
        return i;
      } else {
        i++;
      }
    }
    return i;
  }

  /** The stream labels Loki gives a record: its resource attributes, dots as underscores. */
  static Map<String, String> streamLabels(LogRecord r) {
    Map<String, String> m = new TreeMap<>();
    r.resource().forEach((k, v) -> m.put(k.replace('.', '_'), v));
    return m;
  }

  /** Every label a label filter can see: stream labels, attributes, severity. */
  static Map<String, String> allLabels(LogRecord r) {
    Map<String, String> m = new LinkedHashMap<>(streamLabels(r));
    r.attributes().forEach((k, v) -> m.put(k.replace('.', '_'), v));
    m.put("severity_text", r.severityText());
    m.put("detected_level", r.severityText().toLowerCase(Locale.ROOT));
    m.put("level", r.severityText().toLowerCase(Locale.ROOT));
    return m;
  }

  private static boolean line(String[] f, String body) {
    return switch (f[0]) {
      case "|=" -> body.contains(f[1]);
      case "!=" -> !body.contains(f[1]);
      case "|~" -> Pattern.compile(f[1]).matcher(body).find();
      default -> !Pattern.compile(f[1]).matcher(body).find();
    };
  }

  private static boolean matches(LabelMatcher m, Map<String, String> labels) {
    return m.matches(labels.getOrDefault(m.label(), ""));
  }

  private List<LogRecord> inRange(PreparedQuery q) {
    long from = q.timing().from().toEpochMilli() * 1_000_000;
    long to = q.timing().to().toEpochMilli() * 1_000_000;
    return records.get().stream().filter(r -> r.timeUnixNano() >= from && r.timeUnixNano() <= to).toList();
  }

  /**
   * The records a LogQL query's stream selector, line filters and label filters keep.
   *
   * @throws PromQlSyntaxException when the query cannot be read
   */
  static List<LogRecord> matching(String logql, List<LogRecord> records) {
    return matching(parse(logql), records);
  }

  private static List<LogRecord> matching(Stages s, List<LogRecord> records) {
    List<LogRecord> out = new ArrayList<>();
    for (LogRecord r : records) {
      Map<String, String> stream = streamLabels(r);
      Map<String, String> all = allLabels(r);
      if (s.selector().stream().allMatch(m -> matches(m, stream))
          && s.lineFilters().stream().allMatch(f -> line(f, r.body()))
          && s.labelFilters().stream().allMatch(m -> matches(m, all))) {
        out.add(r);
      }
    }
    return out;
  }

  /** The stream selector's matchers of a LogQL query. */
  static List<LabelMatcher> streamSelector(String logql) {
    return parse(logql).selector();
  }

  @Override
  public QueryOutcome run(PreparedQuery q) {
    Stages s;
    try {
      s = parse(q.resolvedExpr());
    } catch (PromQlSyntaxException | IndexOutOfBoundsException e) {
      return QueryOutcome.failed(String.valueOf(e.getMessage()), "logql", q.resolvedExpr());
    }
    List<Sample> samples = new ArrayList<>();
    for (LogRecord r : matching(s, inRange(q))) {
      samples.add(new Sample(r.timeUnixNano() / 1_000_000, 1));
    }
    samples.sort(java.util.Comparator.comparingLong(Sample::epochMillis));
    List<Series> series = samples.isEmpty() ? List.of() : List.of(new Series(Map.of(), samples));
    return QueryOutcome.ok(new QueryResult("streams", series, List.of()), q.resolvedExpr());
  }

  @Override
  public Diagnosis explainEmpty(PreparedQuery q, QueryOutcome outcome) {
    Stages s = parse(q.resolvedExpr());
    List<LogRecord> left = inRange(q);
    if (left.isEmpty()) {
      return one(DiagnosisKind.METRIC_NEVER_PRESENT, "{}", "no log record reached the collector's output in the range");
    }
    for (LabelMatcher m : s.selector()) {
      List<LogRecord> next = left.stream().filter(r -> matches(m, streamLabels(r))).toList();
      if (next.isEmpty()) {
        return unmatched(m, left, LogRecordBackend::streamLabels, "stream label",
            left.size() + " records in the range");
      }
      left = next;
    }
    for (String[] f : s.lineFilters()) {
      List<LogRecord> next = left.stream().filter(r -> line(f, r.body())).toList();
      if (next.isEmpty()) {
        return one(DiagnosisKind.EXPRESSION_FILTERS_ALL, f[0] + " \"" + f[1] + "\"", left.size()
            + " records match the stream selector; none passes the line filter " + f[0] + " \"" + f[1] + "\"");
      }
      left = next;
    }
    for (LabelMatcher m : s.labelFilters()) {
      List<LogRecord> next = left.stream().filter(r -> matches(m, allLabels(r))).toList();
      if (next.isEmpty()) {
        return unmatched(m, left, LogRecordBackend::allLabels, "label",
            left.size() + " records pass the stream selector and line filters");
      }
      left = next;
    }
    return one(DiagnosisKind.EXPRESSION_FILTERS_ALL, q.resolvedExpr(), "records match; the query's other stages remove them");
  }

  /**
   * Why no record of {@code left} matches {@code m}: the label is on none of them (naming the
   * labels they do carry, with their values), or it never has a matching value (naming the
   * values seen).
   */
  private static Diagnosis unmatched(LabelMatcher m, List<LogRecord> left,
      java.util.function.Function<LogRecord, Map<String, String>> labelsOf, String what, String context) {
    TreeSet<String> seen = new TreeSet<>();
    Map<String, TreeSet<String>> carried = new TreeMap<>();
    for (LogRecord r : left) {
      Map<String, String> labels = labelsOf.apply(r);
      if (labels.containsKey(m.label())) {
        seen.add(labels.get(m.label()));
      }
      labels.forEach((k, v) -> carried.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
    }
    if (seen.isEmpty()) {
      StringBuilder labels = new StringBuilder();
      carried.forEach((k, vs) -> labels.append(labels.length() == 0 ? "" : ", ").append(k)
          .append(vs.size() == 1 ? "=\"" + vs.first() + "\"" : " (" + vs.size() + " values)"));
      return new Diagnosis(List.of(new Cause(DiagnosisKind.LABEL_MISSING, m.text(), context
          + ", none carries the " + what + " `" + m.label() + "` (" + m.text() + "); they carry: "
          + labels, List.copyOf(carried.keySet()))));
    }
    return one(DiagnosisKind.LABEL_VALUE_NEVER_SEEN, m.text(), context + ", none with " + m.text()
        + "; values seen for `" + m.label() + "`: " + seen);
  }

  private static Diagnosis one(DiagnosisKind kind, String selector, String message) {
    return new Diagnosis(List.of(new Cause(kind, selector, message, List.of())));
  }

  private static String unquote(String q) {
    String body = q.substring(1, q.length() - 1);
    return q.startsWith("`") ? body : body.replace("\\\"", "\"").replace("\\\\", "\\");
  }
}
