package io.durobs.engine.store;

import java.time.Instant;

/**
 * A message to enqueue on the orchestrator queue.
 *
 * @param instanceId the target instance (messages to instances that do not exist are dropped)
 * @param executionId the target execution, or {@code null} for whichever is current on delivery
 * @param kind the message kind
 * @param payload the message JSON
 * @param visibleAt when it becomes visible (timers), or {@code null} for now
 */
public record OutboundMessage(
    String instanceId, Long executionId, String kind, String payload, Instant visibleAt) {}
