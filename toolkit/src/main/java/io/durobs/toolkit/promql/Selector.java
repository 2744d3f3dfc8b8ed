package io.durobs.toolkit.promql;

import io.durobs.engine.catalogue.Label;
import io.durobs.engine.catalogue.MetricDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An instant vector selector: a series name from the catalogue (or a recording rule) and label
 * matchers. Immutable; {@code where...} return copies, so shared filters can be reused.
 *
 * <p>Matchers are not checked here but in {@code io.durobs.toolkit.lint}, on the final string, where
 * the message can name the dashboard, panel and query the selector ended up in.
 */
public final class Selector extends Expr {

  /** A label matcher ({@code op} is one of {@code = != =~ !~}). */
  public record Matcher(String label, String op, String value) {
    /** The matcher as PromQL (and LogQL) write it: {@code label=~"value"}, the value quoted. */
    public String render() {
      return label + op + quote(value);
    }
  }

  private final String series;
  private final MetricDefinition metric;
  private final List<Matcher> matchers;
  private final String offset;

  Selector(String series, MetricDefinition metric, List<Matcher> matchers, String offset) {
    super(render(series, matchers, null, offset), ATOM);
    this.series = series;
    this.metric = metric;
    this.matchers = List.copyOf(matchers);
    this.offset = offset;
  }

  /** The series name. */
  public String series() {
    return series;
  }

  /** The catalogue metric, or null for a recorded series. */
  public MetricDefinition metric() {
    return metric;
  }

  /** The matchers in order. */
  public List<Matcher> matchers() {
    return matchers;
  }

  /** {@code label="value"}. */
  public Selector where(Label label, String value) {
    return with(new Matcher(label.name(), "=", value));
  }

  /** {@code label="value"} for a label that is not a catalogue label ({@code job}, {@code le}). */
  public Selector where(String label, String value) {
    return with(new Matcher(label, "=", value));
  }

  /** {@code label!="value"}. */
  public Selector whereNot(Label label, String value) {
    return with(new Matcher(label.name(), "!=", value));
  }

  /** {@code label=~"v1|v2"}, the values regex-escaped. */
  public Selector whereIn(Label label, String... values) {
    String regex = Arrays.stream(values).map(Selector::regexEscape).collect(Collectors.joining("|"));
    return with(new Matcher(label.name(), "=~", regex));
  }

  /** {@code label=~"regex"}: for template variables such as {@code $job}. */
  public Selector matching(String label, String regex) {
    return with(new Matcher(label, "=~", regex));
  }

  /** {@code label=~"regex"}. */
  public Selector matching(Label label, String regex) {
    return matching(label.name(), regex);
  }

  /** Adds matchers (e.g. a dashboard's shared job/instance filter). */
  public Selector with(Matcher... more) {
    List<Matcher> all = new ArrayList<>(matchers);
    all.addAll(Arrays.asList(more));
    return new Selector(series, metric, all, offset);
  }

  /** Adds matchers. */
  public Selector with(List<Matcher> more) {
    return with(more.toArray(Matcher[]::new));
  }

  /** The same selector shifted back in time ({@code offset 1h}). */
  public Selector offset(String duration) {
    return new Selector(series, metric, matchers, duration);
  }

  /** The selector as a range vector ({@code name{...}[range] offset ...}). */
  public String range(String range) {
    return render(series, matchers, range, offset);
  }

  private static String render(String series, List<Matcher> matchers, String range, String offset) {
    StringBuilder s = new StringBuilder(series);
    if (!matchers.isEmpty()) {
      s.append(matchers.stream().map(Matcher::render).collect(Collectors.joining(", ", "{", "}")));
    }
    if (range != null) {
      s.append('[').append(range).append(']');
    }
    if (offset != null) {
      s.append(" offset ").append(offset);
    }
    return s.toString();
  }

  static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** Escapes regex metacharacters so a label value matches literally in {@code =~}. */
  public static String regexEscape(String value) {
    return value.replaceAll("([\\\\.+*?()\\[\\]{}|^$])", "\\\\$1");
  }
}
