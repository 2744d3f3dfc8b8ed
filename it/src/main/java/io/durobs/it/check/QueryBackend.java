package io.durobs.it.check;

import io.durobs.it.diagnosis.Diagnosis;

/**
 * Runs panel targets of one data source type. Implementations: Prometheus' HTTP API with
 * Grafana's variable and interval handling reproduced ({@link PrometheusBackend}), Grafana's
 * own {@code POST /api/ds/query}, and log record matching for Loki targets.
 */
public interface QueryBackend {

  /** Runs one prepared target. Unreachable backends throw; rejected queries return a failed outcome. */
  QueryOutcome run(PreparedQuery query);

  /**
   * Explains an empty result for data source types the Prometheus diagnosis does not cover;
   * null to let the checker use the Prometheus diagnosis.
   */
  default Diagnosis explainEmpty(PreparedQuery query, QueryOutcome outcome) {
    return null;
  }
}
