package io.durobs.engine.store;

/**
 * An instance to create together with the message that starts its first execution.
 *
 * @param instanceId the id (unique)
 * @param name the orchestration name
 * @param version the orchestration version
 * @param input the input JSON
 * @param initiatedBy client, suborchestration or detached
 * @param parentInstanceId the parent for a sub-orchestration, else {@code null}
 * @param parentExecutionId the parent's execution
 * @param parentTaskId the parent's task id
 * @param parentOrchestration the parent's orchestration name
 * @param startPayload the payload of the start message
 * @param onConflict a message to enqueue instead when the id is taken (the failure notice a
 *     parent gets for a sub-orchestration it could not start), or {@code null}
 */
public record NewInstance(
    String instanceId,
    String name,
    String version,
    String input,
    String initiatedBy,
    String parentInstanceId,
    Long parentExecutionId,
    Integer parentTaskId,
    String parentOrchestration,
    String startPayload,
    OutboundMessage onConflict) {}
