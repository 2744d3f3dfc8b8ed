package io.durobs.engine.store;

import java.util.UUID;

/**
 * A worker-queue item fetched under a peek-lock.
 *
 * @param id the queue row id
 * @param lockToken the token the ack, abandon and renew calls must present
 * @param instanceId the scheduling instance
 * @param executionId the scheduling execution
 * @param taskId the orchestration's task id
 * @param activityName the activity name
 * @param payload the work item JSON
 * @param attemptCount deliveries so far, this one included
 * @param waitSeconds how long it was visible before this fetch took it
 */
public record WorkItem(
    long id,
    UUID lockToken,
    String instanceId,
    long executionId,
    int taskId,
    String activityName,
    String payload,
    int attemptCount,
    double waitSeconds) {}
