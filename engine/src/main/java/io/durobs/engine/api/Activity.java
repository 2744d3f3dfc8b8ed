package io.durobs.engine.api;

/**
 * An activity: ordinary code with side effects, run by a worker at least once per scheduled
 * attempt (so it should be idempotent). Its result is recorded in the orchestration's history.
 */
@FunctionalInterface
public interface Activity {

  /**
   * Runs the activity.
   *
   * @return the result, encoded as JSON ({@code null} allowed)
   * @throws Exception any exception fails this attempt as an application error (retried when
   *     the caller gave a retry policy)
   */
  Object run(ActivityContext ctx) throws Exception;
}
