package io.durobs.engine.store;

/**
 * An orchestrator-queue message as fetched under an instance lock.
 *
 * @param id the queue row id (deleted by the ack that consumes it)
 * @param executionId the execution it is for, or {@code null} for whichever is current
 * @param kind the message kind (the runtime's message type name)
 * @param payload the message JSON
 * @param attemptCount how many times it has been fetched, this fetch included
 * @param waitSeconds how long it was visible in the queue before this fetch took it
 */
public record QueuedMessage(
    long id, Long executionId, String kind, String payload, int attemptCount, double waitSeconds) {}
