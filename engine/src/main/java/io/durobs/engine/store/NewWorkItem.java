package io.durobs.engine.store;

/**
 * An activity invocation to enqueue on the worker queue.
 *
 * @param executionId the scheduling execution
 * @param taskId the orchestration's task id for the call
 * @param activityName the activity name
 * @param payload the work item JSON
 */
public record NewWorkItem(long executionId, int taskId, String activityName, String payload) {}
