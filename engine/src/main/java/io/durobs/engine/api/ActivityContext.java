package io.durobs.engine.api;

/** What an activity knows about its invocation. */
public interface ActivityContext {

  /** The orchestration instance that scheduled it. */
  String instanceId();

  /** The execution of that instance. */
  long executionId();

  /** The activity name. */
  String activityName();

  /** The orchestration's task id for the call (stable across deliveries of the same attempt). */
  int taskId();

  /** The attempt under the caller's retry policy, 0 for the first try. */
  int retryAttempt();

  /** How often this attempt has been delivered (more than 1 after a crash or lock loss). */
  int deliveryCount();

  /** The input decoded to {@code type}. */
  <T> T input(Class<T> type);

  /** The input JSON. */
  String inputJson();

  /**
   * True once the work was cancelled (its orchestration ended or was cancelled) or timed out;
   * the handler's thread is also interrupted then. Long activities should check it.
   */
  boolean isCancelled();
}
