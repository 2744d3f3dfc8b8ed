package io.durobs.engine.store;

import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_OPERATION_DURATION;

import io.durobs.engine.telemetry.EngineInstruments;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A store decorator that times every call ({@code duroxide_provider_operation_duration_seconds})
 * and counts every failed call by SQLSTATE class ({@code duroxide_provider_errors_total}). The
 * operation label of each method is fixed here, and is exactly the catalogue's value.
 */
public final class InstrumentedStore implements Store {

  /** The catalogue's {@code operation} label values. */
  public static final String FETCH_ORCHESTRATION_ITEM = "fetch_orchestration_item";
  public static final String ACK_ORCHESTRATION_ITEM = "ack_orchestration_item";
  public static final String ABANDON_ORCHESTRATION_ITEM = "abandon_orchestration_item";
  public static final String FETCH_WORK_ITEM = "fetch_work_item";
  public static final String ACK_WORK_ITEM = "ack_work_item";
  public static final String ABANDON_WORK_ITEM = "abandon_work_item";
  public static final String RENEW_LOCK = "renew_lock";
  public static final String ENQUEUE_ORCHESTRATOR = "enqueue_orchestrator";
  public static final String READ_HISTORY = "read_history";
  public static final String READ_STATUS = "read_status";
  public static final String REFRESH_GAUGES = "refresh_gauges";

  private final Store delegate;
  private final EngineInstruments instruments;

  /** Wraps {@code delegate}; an already instrumented store is not wrapped twice. */
  public static Store wrap(Store delegate, EngineInstruments instruments) {
    return delegate instanceof InstrumentedStore ? delegate
        : new InstrumentedStore(delegate, instruments);
  }

  private InstrumentedStore(Store delegate, EngineInstruments instruments) {
    this.delegate = delegate;
    this.instruments = instruments;
  }

  /** The undecorated store. */
  public Store delegate() {
    return delegate;
  }

  private <T> T timed(String operation, Supplier<T> call) {
    long start = System.nanoTime();
    try {
      T result = call.get();
      instruments.record(PROVIDER_OPERATION_DURATION, seconds(start),
          "operation", operation, "status", "success");
      return result;
    } catch (StoreException e) {
      instruments.record(PROVIDER_OPERATION_DURATION, seconds(start),
          "operation", operation, "status", "error");
      instruments.add(PROVIDER_ERRORS, 1, "operation", operation, "error_type", e.type().label());
      throw e;
    } catch (RuntimeException e) {
      instruments.record(PROVIDER_OPERATION_DURATION, seconds(start),
          "operation", operation, "status", "error");
      instruments.add(PROVIDER_ERRORS, 1, "operation", operation, "error_type", "other");
      throw e;
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  @Override
  public Optional<OrchestrationItem> fetchOrchestrationItem(Duration lockTimeout) {
    return timed(FETCH_ORCHESTRATION_ITEM, () -> delegate.fetchOrchestrationItem(lockTimeout));
  }

  @Override
  public List<HistoryRow> readHistory(String instanceId, long executionId) {
    return timed(READ_HISTORY, () -> delegate.readHistory(instanceId, executionId));
  }

  @Override
  public Optional<Instant> ackOrchestrationItem(String instanceId, UUID lockToken,
      TurnCommit commit) {
    return timed(ACK_ORCHESTRATION_ITEM,
        () -> delegate.ackOrchestrationItem(instanceId, lockToken, commit));
  }

  /**
   * One store call that performs several operations in one transaction: it is recorded as the
   * ack (its duration, and any failure, which leaves nothing written) and, when the store
   * looked for a next item, as a fetch too, when it claimed worker items as a fetch of those,
   * and when it deleted the worker item whose result the turn consumed in process as that
   * item's ack, with the same duration: each operation the catalogue names is still observed once
   * per time it is performed.
   */
  @Override
  public OrchestrationAck ackOrchestrationItemAndFetch(String instanceId, UUID lockToken,
      TurnCommit commit, Duration nextLockTimeout, Claim work) {
    long start = System.nanoTime();
    OrchestrationAck r = timed(ACK_ORCHESTRATION_ITEM, () -> delegate.ackOrchestrationItemAndFetch(
        instanceId, lockToken, commit, nextLockTimeout, work));
    if (r.fetched()) {
      instruments.record(PROVIDER_OPERATION_DURATION, seconds(start),
          "operation", FETCH_ORCHESTRATION_ITEM, "status", "success");
    }
    if (work.max() > 0) {
      instruments.record(PROVIDER_OPERATION_DURATION, seconds(start),
          "operation", FETCH_WORK_ITEM, "status", "success");
    }
    if (commit.consumedWorkItem() != null && r.committedAt().isPresent()) {
      instruments.record(PROVIDER_OPERATION_DURATION, seconds(start),
          "operation", ACK_WORK_ITEM, "status", "success");
    }
    return r;
  }

  @Override
  public void abandonOrchestrationItem(String instanceId, UUID lockToken, Duration delay,
      boolean countAttempt) {
    timed(ABANDON_ORCHESTRATION_ITEM, () -> {
      delegate.abandonOrchestrationItem(instanceId, lockToken, delay, countAttempt);
      return null;
    });
  }

  @Override
  public boolean renewOrchestrationLock(String instanceId, UUID lockToken, Duration lockTimeout) {
    return timed(RENEW_LOCK,
        () -> delegate.renewOrchestrationLock(instanceId, lockToken, lockTimeout));
  }

  @Override
  public List<WorkItem> fetchWorkItems(int max, Duration lockTimeout) {
    return timed(FETCH_WORK_ITEM, () -> delegate.fetchWorkItems(max, lockTimeout));
  }

  @Override
  public LockResult ackWorkItem(WorkItem item, String completionKind, String completionPayload) {
    return timed(ACK_WORK_ITEM,
        () -> delegate.ackWorkItem(item, completionKind, completionPayload));
  }

  /** Recorded as {@link #ackOrchestrationItemAndFetch} is: an ack, and a fetch when it looked. */
  @Override
  public WorkAck ackWorkItemAndFetch(WorkItem item, String completionKind,
      String completionPayload, Duration nextLockTimeout) {
    return workAck(() -> delegate.ackWorkItemAndFetch(item, completionKind, completionPayload,
        nextLockTimeout));
  }

  /**
   * Recorded as {@link #ackWorkItemAndFetch} is: the instance's release in the same transaction
   * undoes only a hold the turn's ack took, and is no operation of its own.
   */
  @Override
  public WorkAck ackWorkItemAndRelease(WorkItem item, String completionKind,
      String completionPayload, Duration nextLockTimeout, UUID instanceLock) {
    return workAck(() -> delegate.ackWorkItemAndRelease(item, completionKind, completionPayload,
        nextLockTimeout, instanceLock));
  }

  private WorkAck workAck(Supplier<WorkAck> call) {
    long start = System.nanoTime();
    WorkAck r = timed(ACK_WORK_ITEM, call);
    if (r.fetched()) {
      instruments.record(PROVIDER_OPERATION_DURATION, seconds(start),
          "operation", FETCH_WORK_ITEM, "status", "success");
    }
    return r;
  }

  @Override
  public void abandonWorkItem(WorkItem item, Duration delay) {
    timed(ABANDON_WORK_ITEM, () -> {
      delegate.abandonWorkItem(item, delay);
      return null;
    });
  }

  @Override
  public LockResult renewWorkItemLock(WorkItem item, Duration lockTimeout) {
    return timed(RENEW_LOCK, () -> delegate.renewWorkItemLock(item, lockTimeout));
  }

  @Override
  public boolean createInstance(NewInstance instance) {
    return timed(ENQUEUE_ORCHESTRATOR, () -> delegate.createInstance(instance));
  }

  @Override
  public Optional<OrchestrationItem> createInstanceLocked(NewInstance instance,
      Duration lockTimeout) {
    return timed(ENQUEUE_ORCHESTRATOR, () -> delegate.createInstanceLocked(instance, lockTimeout));
  }

  @Override
  public EnqueueResult enqueueForInstance(String instanceId, String kind, String payload) {
    return timed(ENQUEUE_ORCHESTRATOR,
        () -> delegate.enqueueForInstance(instanceId, kind, payload));
  }

  @Override
  public Optional<InstanceRecord> readInstance(String instanceId) {
    return timed(READ_STATUS, () -> delegate.readInstance(instanceId));
  }

  @Override
  public GaugeSnapshot readGauges() {
    return timed(REFRESH_GAUGES, delegate::readGauges);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
