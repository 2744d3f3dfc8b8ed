package io.durobs.it.check;

import io.durobs.it.prometheus.QueryResult;

/**
 * What running one target gave.
 *
 * @param result the returned series (empty result when the query failed)
 * @param error the error message when the backend rejected the query, else null
 * @param errorType the backend's error type ({@code bad_data}, {@code timeout}, ...), else null
 * @param queryAsRun the query text exactly as the backend ran it
 */
public record QueryOutcome(QueryResult result, String error, String errorType, String queryAsRun) {

  /** A successful run. */
  public static QueryOutcome ok(QueryResult result, String queryAsRun) {
    return new QueryOutcome(result, null, null, queryAsRun);
  }

  /** A rejected query. */
  public static QueryOutcome failed(String error, String errorType, String queryAsRun) {
    return new QueryOutcome(new QueryResult("", java.util.List.of(), java.util.List.of()), error,
        errorType, queryAsRun);
  }

  /** True when the backend rejected the query. */
  public boolean failed() {
    return error != null;
  }
}
