package io.durobs.harness.promql;

import java.util.regex.Pattern;

/**
 * One label matcher of a selector.
 *
 * @param label the label name
 * @param op {@code =}, {@code !=}, {@code =~} or {@code !~}
 * @param value the unquoted value (a regex for {@code =~}/{@code !~})
 */
public record LabelMatcher(String label, String op, String value) {

  /** True when the matcher accepts a series that lacks the label (empty value matches). */
  public boolean matchesEmpty() {
    return matches("");
  }

  /** True when a series with this label value passes the matcher (Prometheus' anchored regex). */
  public boolean matches(String v) {
    return switch (op) {
      case "=" -> value.equals(v);
      case "!=" -> !value.equals(v);
      case "=~" -> Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL).matcher(v).matches();
      default -> !Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL).matcher(v).matches();
    };
  }

  /** The matcher as PromQL text. */
  @Override
  public String toString() {
    return label + op + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
