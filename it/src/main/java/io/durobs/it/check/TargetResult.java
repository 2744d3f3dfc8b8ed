package io.durobs.it.check;

import io.durobs.it.diagnosis.Cause;
import io.durobs.it.diagnosis.Diagnosis;
import io.durobs.it.prometheus.QueryResult;
import java.util.List;

/**
 * The check of one target.
 *
 * @param refId the target's letter
 * @param datasourceType the resolved data source type
 * @param expr the expression as written in the dashboard
 * @param query the query as run (everything substituted), or null when it never ran
 * @param status the outcome
 * @param result the returned series (for the report's chart), empty when none
 * @param diagnosis why it is empty or failing, or null when it has data or was skipped
 * @param note a remark (why skipped; which variable copy of a repeated panel)
 * @param millis how long running (and diagnosing) took
 * @param warnings findings on a target that returned data (Prometheus' annotations, legend
 *     labels the series lack); failures only with {@link CheckOptions#strict()}
 */
public record TargetResult(String refId, String datasourceType, String expr, String query,
    TargetStatus status, QueryResult result, Diagnosis diagnosis, String note, long millis,
    List<Cause> warnings) {

  public TargetResult {
    warnings = List.copyOf(warnings);
  }

  /** A result without warnings. */
  public TargetResult(String refId, String datasourceType, String expr, String query,
      TargetStatus status, QueryResult result, Diagnosis diagnosis, String note, long millis) {
    this(refId, datasourceType, expr, query, status, result, diagnosis, note, millis, List.of());
  }

  /** A target that was not run, with the reason. */
  static TargetResult skipped(String refId, String type, String expr, String why) {
    return new TargetResult(refId, type, expr, null, TargetStatus.SKIPPED,
        new QueryResult("", List.of(), List.of()), null, why, 0);
  }
}
