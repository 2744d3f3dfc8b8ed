package io.durobs.it.check;

import io.durobs.it.diagnosis.Diagnosis;
import io.durobs.it.prometheus.QueryResult;

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
 */
public record TargetResult(String refId, String datasourceType, String expr, String query,
    TargetStatus status, QueryResult result, Diagnosis diagnosis, String note, long millis) {}
