package io.durobs.engine.api;

import java.time.Instant;

/**
 * A snapshot of an orchestration instance, as {@link DurableClient#getStatus} reads it.
 *
 * @param instanceId the instance id
 * @param name the orchestration name
 * @param version the version its current execution runs
 * @param executionId the current execution (grows with continue-as-new)
 * @param state the lifecycle state
 * @param inputJson the current execution's input JSON
 * @param outputJson the output JSON when completed, else {@code null}
 * @param failure why it failed when failed, else {@code null}
 * @param cancelReason the reason given to cancel when cancelled, else {@code null}
 * @param createdAt when the instance was created
 * @param updatedAt when it last changed
 * @param completedAt when it became terminal, else {@code null}
 */
public record OrchestrationStatus(
    String instanceId,
    String name,
    String version,
    long executionId,
    OrchestrationState state,
    String inputJson,
    String outputJson,
    FailureDetails failure,
    String cancelReason,
    Instant createdAt,
    Instant updatedAt,
    Instant completedAt) {

  /** The output decoded to {@code type} (the engine's JSON mapping, {@link JsonCodec}). */
  public <T> T output(Class<T> type) {
    return JsonCodec.decode(outputJson, type, "output of " + instanceId);
  }
}
