package io.durobs.engine.store;

import io.durobs.engine.api.OrchestrationState;
import java.time.Instant;

/**
 * One row of the instances table: an orchestration instance and its current execution.
 *
 * @param instanceId the instance id
 * @param orchestrationName the registered name
 * @param orchestrationVersion the version the current execution runs
 * @param executionId the current execution (1, then +1 per continue-as-new)
 * @param state the lifecycle state
 * @param waitState what a running instance waits on; {@code null} when terminal
 * @param input the current execution's input JSON
 * @param output the output JSON once completed
 * @param failure the {@code FailureDetails} JSON (failed) or the cancel reason (cancelled)
 * @param initiatedBy how the current execution started: client, suborchestration, continueAsNew,
 *     detached
 * @param parentInstanceId the parent of a sub-orchestration, else {@code null}
 * @param parentExecutionId the parent's execution that scheduled it
 * @param parentTaskId the parent's task id for the call
 * @param parentOrchestration the parent's orchestration name (for metrics)
 * @param createdAt when the instance was created
 * @param executionStartedAt when the current execution was created (durable start time)
 * @param updatedAt last change
 * @param completedAt when it became terminal
 * @param turnCount turns the current execution has committed
 * @param historyLength history events of the current execution
 */
public record InstanceRecord(
    String instanceId,
    String orchestrationName,
    String orchestrationVersion,
    long executionId,
    OrchestrationState state,
    WaitState waitState,
    String input,
    String output,
    String failure,
    String initiatedBy,
    String parentInstanceId,
    Long parentExecutionId,
    Integer parentTaskId,
    String parentOrchestration,
    Instant createdAt,
    Instant executionStartedAt,
    Instant updatedAt,
    Instant completedAt,
    int turnCount,
    int historyLength) {}
