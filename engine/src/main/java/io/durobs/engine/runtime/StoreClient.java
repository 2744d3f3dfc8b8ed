package io.durobs.engine.runtime;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.FailureDetails;
import io.durobs.engine.api.InstanceAlreadyExistsException;
import io.durobs.engine.api.InstanceNotFoundException;
import io.durobs.engine.api.JsonCodec;
import io.durobs.engine.api.Names;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.OrchestrationStatus;
import io.durobs.engine.api.Registry;
import io.durobs.engine.api.StartRequest;
import io.durobs.engine.api.UnknownOrchestrationException;
import io.durobs.engine.api.WaitTimeoutException;
import io.durobs.engine.runtime.HistoryEvent.EventRaised;
import io.durobs.engine.runtime.Messages.CancelRequest;
import io.durobs.engine.store.EnqueueResult;
import io.durobs.engine.store.InstanceRecord;
import io.durobs.engine.store.NewInstance;
import io.durobs.engine.store.Store;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@link DurableClient} over a store: every call validates its arguments first, then makes
 * one store call, so invalid input never writes anything.
 */
final class StoreClient implements DurableClient {

  private final Store store;
  private final Registry registry;
  private final EngineMetrics metrics;
  private final Runnable onEnqueue;

  StoreClient(Store store, Registry registry, EngineMetrics metrics, Runnable onEnqueue) {
    this.store = store;
    this.registry = registry;
    this.metrics = metrics;
    this.onEnqueue = onEnqueue;
  }

  @Override
  public String startOrchestration(StartRequest request) {
    String name = request.name();
    Names.require(name, "orchestration name");
    Names.require(request.instanceId(), "instance id");
    JsonCodec.validate(request.inputJson(), "input of orchestration '" + name + "'");
    if (!registry.hasOrchestration(name)) {
      throw new UnknownOrchestrationException("orchestration '" + name + "' is not registered"
          + " (registered: " + registry.orchestrationNames() + ")");
    }
    String version = request.version() != null ? request.version()
        : registry.latestVersion(name).orElseThrow();
    if (registry.orchestration(name, version).isEmpty()) {
      throw new UnknownOrchestrationException("orchestration '" + name + "' has no version '"
          + version + "'");
    }
    boolean created = store.createInstance(NewInstance.builder(request.instanceId(), name, version)
        .input(request.inputJson())
        .initiatedBy("client")
        .startPayload(Messages.firstExecutionStart())
        .build());
    if (!created) {
      throw new InstanceAlreadyExistsException(request.instanceId());
    }
    metrics.clientStarted(name);
    onEnqueue.run();
    return request.instanceId();
  }

  @Override
  public void raiseEvent(String instanceId, String eventName, Object payload) {
    Names.require(eventName, "event name");
    raise(instanceId, eventName,
        JsonCodec.encode(payload, "payload of event '" + eventName + "'"));
  }

  @Override
  public void raiseEventJson(String instanceId, String eventName, String payloadJson) {
    Names.require(eventName, "event name");
    raise(instanceId, eventName,
        JsonCodec.validate(payloadJson, "payload of event '" + eventName + "'"));
  }

  private void raise(String instanceId, String eventName, String payloadJson) {
    Names.require(instanceId, "instance id");
    EnqueueResult r = store.enqueueForInstance(instanceId, "EventRaised",
        Messages.encodeEvent(new EventRaised(eventName, payloadJson)));
    if (r == EnqueueResult.NOT_FOUND) {
      throw new InstanceNotFoundException(instanceId);
    }
    if (r == EnqueueResult.ENQUEUED) {
      metrics.clientRaisedEvent(eventName);
      onEnqueue.run();
    }
  }

  @Override
  public boolean cancel(String instanceId, String reason) {
    Names.require(instanceId, "instance id");
    Names.requireStorable(reason, "cancel reason");
    EnqueueResult r = store.enqueueForInstance(instanceId, Messages.CANCEL_REQUESTED,
        Messages.encode(new CancelRequest(reason == null ? "" : reason)));
    if (r == EnqueueResult.NOT_FOUND) {
      throw new InstanceNotFoundException(instanceId);
    }
    if (r == EnqueueResult.ENQUEUED) {
      metrics.clientCancelled();
      onEnqueue.run();
      return true;
    }
    return false;
  }

  @Override
  public Optional<OrchestrationStatus> getStatus(String instanceId) {
    Names.require(instanceId, "instance id");
    return store.readInstance(instanceId).map(StoreClient::status);
  }

  @Override
  public OrchestrationStatus waitForCompletion(String instanceId, Duration timeout) {
    Names.require(instanceId, "instance id");
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long pause = 5;
    while (true) {
      OrchestrationStatus status = getStatus(instanceId)
          .orElseThrow(() -> new InstanceNotFoundException(instanceId));
      if (status.state().isTerminal()) {
        metrics.clientWaited(true, (System.nanoTime() - start) / 1e9);
        return status;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        metrics.clientWaited(false, (System.nanoTime() - start) / 1e9);
        throw new WaitTimeoutException(instanceId, timeout, status);
      }
      try {
        Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WaitTimeoutException(instanceId, timeout, status);
      }
      pause = Math.min(pause * 2, 100);
    }
  }

  static OrchestrationStatus status(InstanceRecord r) {
    FailureDetails failure = r.state() == OrchestrationState.FAILED && r.failure() != null
        ? JsonCodec.decode(r.failure(), FailureDetails.class, "failure of " + r.instanceId())
        : null;
    String cancelReason = r.state() == OrchestrationState.CANCELLED ? r.failure() : null;
    return new OrchestrationStatus(r.instanceId(), r.orchestrationName(),
        r.orchestrationVersion(), r.executionId(), r.state(), r.input(), r.output(), failure,
        cancelReason, r.createdAt(), r.updatedAt(), r.completedAt());
  }
}
