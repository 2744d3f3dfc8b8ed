package io.durobs.promql;

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
}
