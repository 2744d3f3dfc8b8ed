package io.durobs.toolkit.promql;

import java.util.List;

/**
 * A PromQL expression as text, with its operator precedence so that composing expressions adds
 * exactly the parentheses PromQL needs. Immutable; every operation returns a new expression.
 */
public class Expr {

  /** Precedence of atoms: selectors, calls, aggregations, literals, parenthesized expressions. */
  static final int ATOM = 100;
  static final int POW = 60;
  static final int MUL = 50;
  static final int ADD = 40;
  static final int CMP = 30;
  static final int AND = 20;
  static final int OR = 10;

  private final String text;
  private final int precedence;

  Expr(String text, int precedence) {
    this.text = text;
    this.precedence = precedence;
  }

  /**
   * An expression written by hand. The checks in {@code io.durobs.toolkit.lint} still read it, so an
   * unknown metric or label in it fails the build like any other.
   */
  public static Expr raw(String promql) {
    return new Expr(promql, OR);
  }

  /** A number literal. */
  public static Expr number(double value) {
    return new Expr(formatNumber(value), ATOM);
  }

  /** The expression text. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  /** {@code this / other}. */
  public Expr div(Expr other) {
    return binary("/", MUL, other, null);
  }

  /** {@code this / on(labels) other}. */
  public Expr divOn(Expr other, String... labels) {
    return binary("/", MUL, other, "on(" + String.join(", ", labels) + ")");
  }

  /** {@code this * factor}. */
  public Expr times(double factor) {
    return binary("*", MUL, number(factor), null);
  }

  /** {@code this * other}. */
  public Expr times(Expr other) {
    return binary("*", MUL, other, null);
  }

  /** {@code this + other}. */
  public Expr plus(Expr other) {
    return binary("+", ADD, other, null);
  }

  /** {@code this - other}. */
  public Expr minus(Expr other) {
    return binary("-", ADD, other, null);
  }

  /** {@code this > value} (filters the vector). */
  public Expr gt(double value) {
    return binary(">", CMP, number(value), null);
  }

  /** {@code this > other}. */
  public Expr gt(Expr other) {
    return binary(">", CMP, other, null);
  }

  /** {@code this < value}. */
  public Expr lt(double value) {
    return binary("<", CMP, number(value), null);
  }

  /** {@code this >= value}. */
  public Expr ge(double value) {
    return binary(">=", CMP, number(value), null);
  }

  /** {@code this == value}. */
  public Expr eq(double value) {
    return binary("==", CMP, number(value), null);
  }

  /** {@code this and other}. */
  public Expr and(Expr other) {
    return binary("and", AND, other, null);
  }

  /** {@code this and on(labels) other}. */
  public Expr andOn(Expr other, String... labels) {
    return binary("and", AND, other, "on(" + String.join(", ", labels) + ")");
  }

  /** {@code this unless other}. */
  public Expr unless(Expr other) {
    return binary("unless", AND, other, null);
  }

  /** {@code this unless on(labels) other}. */
  public Expr unlessOn(Expr other, String... labels) {
    return binary("unless", AND, other, "on(" + String.join(", ", labels) + ")");
  }

  /** {@code this or other}. */
  public Expr or(Expr other) {
    return binary("or", OR, other, null);
  }

  /** The expression in parentheses (an atom). */
  public Expr parenthesized() {
    return precedence == ATOM ? this : new Expr("(" + text + ")", ATOM);
  }

  private Expr binary(String op, int opPrecedence, Expr right, String matching) {
    // Left-associative: the left operand may share the operator's precedence, the right may not.
    // Comparisons are wrapped even at equal precedence ("a > b > c" is never what we mean), and
    // an and/unless inside an or is wrapped although PromQL would not need it, for the reader.
    boolean setOp = opPrecedence <= AND;
    String l = precedence < opPrecedence || (precedence == opPrecedence && opPrecedence == CMP)
        || (setOp && precedence <= AND && precedence != opPrecedence)
        ? "(" + text + ")" : text;
    String r = right.precedence <= opPrecedence
        || (setOp && right.precedence <= AND && right.precedence != opPrecedence)
        ? "(" + right.text + ")" : right.text;
    String m = matching == null ? "" : " " + matching;
    return new Expr(l + " " + op + m + " " + r, opPrecedence);
  }

  static String formatNumber(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    String s = Double.toString(value);
    return s.contains("E") ? new java.math.BigDecimal(s).stripTrailingZeros().toPlainString() : s;
  }

  static String call(String function, List<String> args) {
    return function + "(" + String.join(", ", args) + ")";
  }
}
