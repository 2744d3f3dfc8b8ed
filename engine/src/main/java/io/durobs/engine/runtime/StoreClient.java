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
 * one store call, so invalid input never writes anything. A store call that fails transiently
 * is repeated as {@link ClientRetry} allows; starts are idempotent for that (a repeated start
 * that finds the instance its earlier attempt created, same orchestration, version and input,
 * returns normally instead of throwing {@link InstanceAlreadyExistsException}).
 */
final class StoreClient implements DurableClient {

  private final Store store;
  private final Registry registry;
  private final EngineMetrics metrics;
  private final PayloadLimit payloadLimit;
  private final ClientRetry retry;
  private final Local local;
  private final Polling polling;

  /**
   * What the client's own process does for it: a {@link DurableRuntime}'s engine, or nothing
   * ({@link #NONE}) for a client built without one.
   */
  interface Local {

    /**
     * Creates {@code instance} ({@link Store#createInstance}'s contract) and gets its first turn
     * run: an engine in this process may take it at once, else the start message waits in the
     * store's queue for any process's pollers.
     */
    boolean start(Store store, NewInstance instance);

    /** Messages for instances were enqueued: this process's pollers may look at once. */
    void enqueued();

    /** What wakes {@link #waitForCompletion} when a turn of this process ends the instance. */
    CompletionSignals completions();
  }

  /** No engine in the client's process: starts go through the queue, waits only poll. */
  static final Local NONE = new Local() {
    @Override
    public boolean start(Store store, NewInstance instance) {
      return store.createInstance(instance);
    }

    @Override
    public void enqueued() {
    }

    @Override
    public CompletionSignals completions() {
      return CompletionSignals.NONE;
    }
  };

  /**
   * How {@link #waitForCompletion} polls: first after {@code firstMillis}, each pause twice the
   * one before, up to {@code maxMillis}.
   */
  record Polling(long firstMillis, long maxMillis) {
    static final Polling DEFAULT = new Polling(5, 100);
  }

  StoreClient(Store store, Registry registry, EngineMetrics metrics, PayloadLimit payloadLimit,
      ClientRetry retry, Local local) {
    this(store, registry, metrics, payloadLimit, retry, local, Polling.DEFAULT);
  }

  StoreClient(Store store, Registry registry, EngineMetrics metrics, PayloadLimit payloadLimit,
      ClientRetry retry, Local local, Polling polling) {
    this.store = store;
    this.registry = registry;
    this.metrics = metrics;
    this.payloadLimit = payloadLimit;
    this.retry = retry;
    this.local = local;
    this.polling = polling;
  }

  @Override
  public String startOrchestration(StartRequest request) {
    String name = request.name();
    Names.require(name, "orchestration name");
    Names.require(request.instanceId(), "instance id");
    JsonCodec.validate(request.inputJson(), "input of orchestration '" + name + "'");
    payloadLimit.check(request.inputJson(), "input of orchestration '" + name + "'");
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
    NewInstance instance = NewInstance.builder(request.instanceId(), name, version)
        .input(request.inputJson())
        .initiatedBy("client")
        .startPayload(Messages.firstExecutionStart())
        .build();
    boolean created = retry.run("start", true, attempt -> local.start(store, instance)
        || attempt > 1 && createdByAnEarlierAttempt(instance));
    if (!created) {
      throw new InstanceAlreadyExistsException(request.instanceId());
    }
    metrics.clientStarted(name);
    return request.instanceId();
  }

  /**
   * Whether the instance that exists is the one {@code n} describes: after an attempt whose
   * reply was lost, the instance it created. (Another client starting the same id with the same
   * orchestration, version and input at the same moment is indistinguishable, and harmlessly so.)
   */
  private boolean createdByAnEarlierAttempt(NewInstance n) {
    return store.readInstance(n.instanceId())
        .filter(r -> r.orchestrationName().equals(n.name())
            && r.orchestrationVersion().equals(n.version())
            && java.util.Objects.equals(r.input(), n.input())
            && "client".equals(r.initiatedBy()))
        .isPresent();
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
    payloadLimit.check(payloadJson, "payload of event '" + eventName + "'");
    String event = Messages.encodeEvent(new EventRaised(eventName, payloadJson));
    // not idempotent: a repeated event would be delivered twice, so only an attempt that
    // certainly wrote nothing is repeated
    EnqueueResult r = retry.call("raise_event", false,
        () -> store.enqueueForInstance(instanceId, "EventRaised", event));
    if (r == EnqueueResult.NOT_FOUND) {
      throw new InstanceNotFoundException(instanceId);
    }
    if (r == EnqueueResult.ENQUEUED) {
      metrics.clientRaisedEvent(eventName);
      local.enqueued();
    }
  }

  @Override
  public boolean cancel(String instanceId, String reason) {
    Names.require(instanceId, "instance id");
    Names.requireStorable(reason, "cancel reason");
    payloadLimit.check(reason, "cancel reason");
    String request = Messages.encode(new CancelRequest(reason == null ? "" : reason));
    // a second cancellation request of the same instance changes nothing
    EnqueueResult r = retry.call("cancel", true,
        () -> store.enqueueForInstance(instanceId, Messages.CANCEL_REQUESTED, request));
    if (r == EnqueueResult.NOT_FOUND) {
      throw new InstanceNotFoundException(instanceId);
    }
    if (r == EnqueueResult.ENQUEUED) {
      metrics.clientCancelled();
      local.enqueued();
      return true;
    }
    return false;
  }

  @Override
  public Optional<OrchestrationStatus> getStatus(String instanceId) {
    Names.require(instanceId, "instance id");
    return retry.call("get_status", true, () -> store.readInstance(instanceId))
        .map(StoreClient::status);
  }

  @Override
  public OrchestrationStatus waitForCompletion(String instanceId, Duration timeout) {
    Names.require(instanceId, "instance id");
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long pause = polling.firstMillis();
    // watched before the first read, so that an end committed after it is not missed
    CompletionSignals.Signal signal = local.completions().watch(instanceId);
    try {
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
        long wait = Math.min(pause, Math.max(1, left / 1_000_000));
        try {
          if (signal.fired()) {
            // spent: it told of an end this read did not show (a later execution's?); poll
            Thread.sleep(wait);
          } else if (signal.await(wait)) {
            continue; // ended here: read it now, and back off no further
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new WaitTimeoutException(instanceId, timeout, status);
        }
        pause = Math.min(pause * 2, polling.maxMillis());
      }
    } finally {
      local.completions().unwatch(instanceId, signal);
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
