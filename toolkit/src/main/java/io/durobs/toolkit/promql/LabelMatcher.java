package io.durobs.toolkit.promql;

import java.util.regex.Pattern;

/**
 * A label matcher as written in an expression.
 *
 * @param label the label name
 * @param op {@code =}, {@code !=}, {@code =~} or {@code !~}
 * @param value the value with string escapes resolved (template variables left as written)
 */
public record LabelMatcher(String label, String op, String value) {

  /** True for {@code =~} and {@code !~}. */
  public boolean isRegex() {
    return op.endsWith("~");
  }

  /** True when the value contains a Grafana template variable ({@code $x}, {@code [[x]]}). */
  public boolean hasVariable() {
    return value.contains("$") || value.contains("[[");
  }

  /**
   * True when a series whose label has value {@code v} passes the matcher, with Prometheus'
   * semantics: regexes are anchored at both ends, and a missing label counts as the empty value.
   *
   * @throws java.util.regex.PatternSyntaxException when a regex matcher's value is not a regex
   */
  public boolean matches(String v) {
    return switch (op) {
      case "=" -> value.equals(v);
      case "!=" -> !value.equals(v);
      case "=~" -> anchored().matcher(v).matches();
      default -> !anchored().matcher(v).matches();
    };
  }

  /** True when the matcher also selects series that lack the label. */
  public boolean matchesEmpty() {
    return matches("");
  }

  /** The matcher as PromQL text: {@code label="value"} with the value quoted and escaped. */
  public String text() {
    return label + op + Selector.quote(value);
  }

  private Pattern anchored() {
    return Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
  }
}
