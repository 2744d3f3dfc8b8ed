package io.durobs.toolkit.promql;

import io.durobs.engine.catalogue.Label;
import java.util.Arrays;
import java.util.List;

/**
 * An aggregation ({@code sum}, {@code max}, ...) over an expression; {@link #by} and
 * {@link #without} return the grouped forms. Rendered as {@code sum by (a, b) (expr)}.
 */
public final class Aggregation extends Expr {

  private final String operator;
  private final String parameter;
  private final Expr inner;

  Aggregation(String operator, String parameter, Expr inner, String grouping) {
    super(operator + (grouping == null ? "" : " " + grouping) + "("
        + (parameter == null ? "" : parameter + ", ") + inner.text() + ")", ATOM);
    this.operator = operator;
    this.parameter = parameter;
    this.inner = inner;
  }

  /** Grouped by these labels (names or catalogue labels). */
  public Aggregation by(Object... labels) {
    if (labels.length == 0) {
      return new Aggregation(operator, parameter, inner, null);
    }
    return new Aggregation(operator, parameter, inner, "by (" + names(labels) + ") ");
  }

  /** Grouped by every label except these. */
  public Aggregation without(Object... labels) {
    return new Aggregation(operator, parameter, inner, "without (" + names(labels) + ") ");
  }

  private static String names(Object... labels) {
    List<String> names = Arrays.stream(labels)
        .map(l -> l instanceof Label label ? label.name() : l.toString())
        .toList();
    return String.join(", ", names);
  }
}
