package io.durobs.toolkit.grafana;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus query variable's {@code label_values(match, label)} (or {@code label_values(label)}):
 * the values of {@code label} on the series {@code match} selects. Written by dashboards,
 * checked by the lint, run by the harness; this is the one place that reads and writes it.
 *
 * @param match the series selector, or an empty string for every series
 * @param label the label name (may reference a variable, e.g. {@code $label})
 */
public record LabelValuesQuery(String match, String label) {

  private static final Pattern SYNTAX = Pattern.compile(
      "^\\s*label_values\\(\\s*(?:(.+),\\s*)?([A-Za-z_$][A-Za-z0-9_.]*)\\s*\\)\\s*$", Pattern.DOTALL);

  /**
   * @param match the series selector, or an empty string
   * @param label the label name
   */
  public static LabelValuesQuery of(String match, String label) {
    return new LabelValuesQuery(match, label);
  }

  /** The query, when {@code text} is a {@code label_values(...)} variable query. */
  public static Optional<LabelValuesQuery> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new LabelValuesQuery(m.group(1) == null ? "" : m.group(1).trim(), m.group(2)));
  }

  /** True when the query names a series selector (not every series). */
  public boolean hasMatch() {
    return !match.isEmpty();
  }

  /** The query text: {@code label_values(match, label)}, or {@code label_values(label)}. */
  public String text() {
    return "label_values(" + (match.isEmpty() ? "" : match + ", ") + label + ")";
  }
}
