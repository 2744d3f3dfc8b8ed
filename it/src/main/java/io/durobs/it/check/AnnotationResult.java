package io.durobs.it.check;

import io.durobs.toolkit.promql.PromQlScanner;
import io.durobs.toolkit.promql.PromQlSyntaxException;

/**
 * The check of one dashboard annotation's query.
 *
 * @param name the annotation's name
 * @param optional true when returning nothing is a healthy state: an annotation over Prometheus'
 *     {@code ALERTS} marks alerts, and none may have fired in the range
 * @param check its query's run, as a panel target's (no refId)
 */
public record AnnotationResult(String name, boolean optional, TargetResult check) {

  /** The series of pending and firing alerts Prometheus writes. */
  static final String ALERTS = "ALERTS";

  /** True when the annotation has events in the range. */
  public boolean hasData() {
    return check.status() == TargetStatus.DATA;
  }

  /** True when the annotation ran and returned nothing though it is not optional, or failed. */
  public boolean failing() {
    return check.status() == TargetStatus.ERROR
        || check.status() == TargetStatus.EMPTY && !optional;
  }

  /** True for an expression that reads {@code ALERTS} (an unreadable one is not optional). */
  static boolean isOptional(String expr) {
    try {
      return PromQlScanner.scan(expr).metricNames().contains(ALERTS);
    } catch (PromQlSyntaxException e) {
      return false;
    }
  }
}
