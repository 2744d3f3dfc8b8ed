package io.durobs.dashboards.rules;

import io.durobs.toolkit.promql.Expr;
import java.util.Objects;

/**
 * A Prometheus recording rule.
 *
 * @param record the recorded series name ({@code level:metric:operations})
 * @param expr the expression evaluated at every rule evaluation
 */
public record RecordingRule(String record, Expr expr) {
  public RecordingRule {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(expr, "expr");
  }
}
