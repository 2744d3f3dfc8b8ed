package io.durobs.engine.api;

import java.time.Duration;
import java.util.Optional;

/**
 * Starts, signals, cancels and observes orchestration instances. Thread-safe. Every call is one
 * store operation except {@link #waitForCompletion}, which polls. Invalid arguments throw
 * {@link InvalidInputException} before anything is written.
 */
public interface DurableClient {

  /**
   * Starts an instance.
   *
   * @return the instance id
   * @throws UnknownOrchestrationException when the name or version is not registered
   * @throws InstanceAlreadyExistsException when the id is taken
   */
  String startOrchestration(StartRequest request);

  /** Starts the latest version of {@code name} as {@code instanceId} with {@code input}. */
  default String startOrchestration(String name, String instanceId, Object input) {
    return startOrchestration(StartRequest.builder(name).instanceId(instanceId).input(input)
        .build());
  }

  /**
   * Raises external event {@code eventName} on a running instance (buffered until waited for).
   * An event for an instance that has ended is dropped.
   *
   * @throws InstanceNotFoundException when there is no such instance
   */
  void raiseEvent(String instanceId, String eventName, Object payload);

  /** Like {@link #raiseEvent} with the payload given as JSON text (validated). */
  void raiseEventJson(String instanceId, String eventName, String payloadJson);

  /**
   * Requests cancellation: the instance ends as {@link OrchestrationState#CANCELLED} at its next
   * turn and its pending work is removed.
   *
   * @return false when the instance had already ended
   * @throws InstanceNotFoundException when there is no such instance
   */
  boolean cancel(String instanceId, String reason);

  /** The instance's status, or empty when it does not exist. */
  Optional<OrchestrationStatus> getStatus(String instanceId);

  /**
   * Waits until the instance is completed, failed or cancelled. It reads the instance's status,
   * then again every 5 ms, backing off to every 100 ms; the client of a
   * {@code DurableRuntime} is also woken by that runtime's turn that ends the instance, and
   * reads it at once, so a wait for an instance its own process runs returns as that turn
   * commits.
   *
   * @throws WaitTimeoutException when it is still running after {@code timeout}
   * @throws InstanceNotFoundException when there is no such instance
   */
  OrchestrationStatus waitForCompletion(String instanceId, Duration timeout);
}
