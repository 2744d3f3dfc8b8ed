package io.durobs.engine.api;

/**
 * The durable result of something an orchestration started: an activity, a timer, an external
 * event, a sub-orchestration, or a combination of those. Creating a task records the intent;
 * {@link #await()} returns the result once it is in the history, or ends the current turn.
 *
 * @param <T> the result type
 */
public interface DurableTask<T> {

  /**
   * The result. When it is not yet known, the current turn ends here (the call does not return;
   * the orchestration is replayed when the result arrives).
   *
   * @throws TaskFailedException when the task failed
   */
  T await();

  /** True when the result (or failure) is known at this point of the replay. */
  boolean isDone();

  /** True when the task is done and failed. */
  boolean isFailed();
}
