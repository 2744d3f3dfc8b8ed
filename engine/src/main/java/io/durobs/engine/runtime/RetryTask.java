package io.durobs.engine.runtime;

import io.durobs.engine.api.RetryPolicy;
import io.durobs.engine.runtime.LeafTask.ActivityTask;
import io.durobs.engine.store.WaitState;
import java.time.Duration;

/**
 * An activity call retried under a policy: attempt, backoff timer, attempt, ... Each attempt
 * and each backoff is an ordinary task of the turn, scheduled from the completion callback of
 * the one before, so a replay schedules them at the same points.
 *
 * @param <T> the result type
 */
final class RetryTask<T> extends ReplayTask<T> {

  private final String name;
  private final String inputJson;
  private final Class<T> type;
  private final RetryPolicy policy;
  private ReplayTask<?> current;
  private int attempt;

  RetryTask(ReplayExecutor turn, String name, String inputJson, Class<T> type,
      RetryPolicy policy) {
    super(turn);
    this.name = name;
    this.inputJson = inputJson;
    this.type = type;
    this.policy = policy;
    startAttempt();
  }

  private void startAttempt() {
    ActivityTask<T> task = turn().scheduleActivity(name, inputJson, type, attempt,
        policy.attemptTimeout());
    current = task;
    task.onDone(() -> {
      if (task.failure() == null) {
        resolve(task.value());
      } else if (attempt + 1 >= policy.maxAttempts()) {
        fail(name, task.failure());
      } else {
        attempt++;
        backOffThenRetry(policy.delayBeforeRetry(attempt));
      }
    });
  }

  private void backOffThenRetry(Duration delay) {
    if (delay.isZero()) {
      startAttempt();
      return;
    }
    ReplayTask<Void> timer = (ReplayTask<Void>) turn().createTimer(delay);
    current = timer;
    timer.onDone(this::startAttempt);
  }

  @Override
  WaitState waitState() {
    return current.waitState();
  }
}
