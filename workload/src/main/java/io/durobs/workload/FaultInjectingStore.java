package io.durobs.workload;

import static io.durobs.engine.store.InstrumentedStore.ABANDON_ORCHESTRATION_ITEM;
import static io.durobs.engine.store.InstrumentedStore.ABANDON_WORK_ITEM;
import static io.durobs.engine.store.InstrumentedStore.ACK_ORCHESTRATION_ITEM;
import static io.durobs.engine.store.InstrumentedStore.ACK_WORK_ITEM;
import static io.durobs.engine.store.InstrumentedStore.ENQUEUE_ORCHESTRATOR;
import static io.durobs.engine.store.InstrumentedStore.FETCH_ORCHESTRATION_ITEM;
import static io.durobs.engine.store.InstrumentedStore.FETCH_WORK_ITEM;
import static io.durobs.engine.store.InstrumentedStore.READ_HISTORY;
import static io.durobs.engine.store.InstrumentedStore.READ_STATUS;
import static io.durobs.engine.store.InstrumentedStore.REFRESH_GAUGES;
import static io.durobs.engine.store.InstrumentedStore.RENEW_LOCK;

import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.engine.store.Claim;
import io.durobs.engine.store.EnqueueResult;
import io.durobs.engine.store.GaugeSnapshot;
import io.durobs.engine.store.HistoryRow;
import io.durobs.engine.store.InstanceRecord;
import io.durobs.engine.store.LockResult;
import io.durobs.engine.store.NewInstance;
import io.durobs.engine.store.OrchestrationAck;
import io.durobs.engine.store.OrchestrationItem;
import io.durobs.engine.store.Store;
import io.durobs.engine.store.StoreErrorType;
import io.durobs.engine.store.StoreException;
import io.durobs.engine.store.TurnCommit;
import io.durobs.engine.store.WorkAck;
import io.durobs.engine.store.WorkItem;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A store decorator that makes chosen calls fail with real PostgreSQL errors, for the store
 * failures a healthy database does not produce on demand at a chosen moment (a deadlock during
 * an ack, a connection loss during a fetch).
 *
 * <p>A fault is armed for one catalogue {@code operation}, an error type and a number of calls,
 * optionally only for calls about instances matching a filter. An armed call fails before it
 * reaches the database, exactly as a transaction the server rolled back: nothing is written. The
 * thrown {@link StoreException} carries a genuine {@code PSQLException} that PostgreSQL raised
 * for that error class ({@link SqlErrorSamples}) and is classified by the engine's own SQLSTATE
 * rule, so the runtime and its instrumentation cannot tell it from the real thing. The runtime
 * must wrap this store (not the other way round) for the failures to be timed and counted.
 *
 * <p>It passes the store's batched calls on as such ({@code ackOrchestrationItemAndFetch},
 * {@code ackWorkItemAndFetch}, {@code ackWorkItemAndRelease}), each failing as one ack when armed:
 * a runtime on it claims work in a turn's ack, holds instances and hands results over in
 * process, the paths a runtime on {@code PostgresStore} alone takes.
 */
public final class FaultInjectingStore implements Store {

  private final Store delegate;
  private final Map<StoreErrorType, SQLException> samples;
  private final ConcurrentLinkedQueue<Fault> armed = new ConcurrentLinkedQueue<>();
  private final Map<String, Map<StoreErrorType, AtomicInteger>> raised = new TreeMap<>();

  /**
   * Wraps {@code delegate}.
   *
   * @param samples one real error per type, e.g. from {@link SqlErrorSamples#provoke}
   */
  public FaultInjectingStore(Store delegate, Map<StoreErrorType, SQLException> samples) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.samples = new EnumMap<>(samples);
    for (StoreErrorType t : StoreErrorType.values()) {
      if (!this.samples.containsKey(t)) {
        throw new IllegalArgumentException("no sample error for store error type " + t.label());
      }
    }
  }

  /** Makes the next {@code times} calls of {@code operation} fail with {@code type}. */
  public void inject(String operation, StoreErrorType type, int times) {
    arm(operation, type, times, null);
  }

  /**
   * Makes the next {@code times} calls of {@code operation} about an instance accepted by
   * {@code instances} fail with {@code type}. Calls with no instance (fetches, gauge refresh)
   * match only an unfiltered fault.
   *
   * @param operation a catalogue {@code operation} label value
   */
  public void inject(String operation, StoreErrorType type, int times, Predicate<String> instances) {
    arm(operation, type, times, Objects.requireNonNull(instances, "instances"));
  }

  private void arm(String operation, StoreErrorType type, int times, Predicate<String> instances) {
    if (!MetricCatalogue.OPERATION.allows(operation)) {
      throw new IllegalArgumentException("unknown store operation '" + operation + "' (allowed: "
          + MetricCatalogue.OPERATION.allowedValues() + ")");
    }
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + times);
    }
    armed.add(new Fault(operation, Objects.requireNonNull(type, "type"), instances,
        new AtomicInteger(times)));
  }

  /** Disarms every pending fault. */
  public void clear() {
    armed.clear();
  }

  /** Calls still armed to fail. */
  public int pending() {
    return armed.stream().mapToInt(f -> Math.max(0, f.remaining.get())).sum();
  }

  /** Calls of {@code operation} still armed to fail. */
  public int pending(String operation) {
    return armed.stream().filter(f -> f.operation.equals(operation))
        .mapToInt(f -> Math.max(0, f.remaining.get())).sum();
  }

  /** The armed faults that have not fired yet, for error messages. */
  public List<String> describePending() {
    return armed.stream().filter(f -> f.remaining.get() > 0)
        .map(f -> f.operation + "/" + f.type.label() + " x" + f.remaining.get()
            + (f.instances == null ? "" : " (filtered)"))
        .toList();
  }

  /** How many calls failed, by operation and type (a copy). */
  public synchronized Map<String, Map<StoreErrorType, Integer>> raised() {
    Map<String, Map<StoreErrorType, Integer>> copy = new TreeMap<>();
    raised.forEach((op, byType) -> {
      Map<StoreErrorType, Integer> m = new EnumMap<>(StoreErrorType.class);
      byType.forEach((t, n) -> m.put(t, n.get()));
      copy.put(op, m);
    });
    return copy;
  }

  /** The undecorated store. */
  public Store delegate() {
    return delegate;
  }

  /** An armed fault; {@code instances} null matches every call. */
  private record Fault(String operation, StoreErrorType type, Predicate<String> instances,
      AtomicInteger remaining) {}

  private void maybeFail(String operation, String instanceId) {
    for (Fault f : armed) {
      if (!f.operation.equals(operation)) {
        continue;
      }
      boolean matches = f.instances == null || (instanceId != null && f.instances.test(instanceId));
      if (matches && f.remaining.getAndDecrement() > 0) {
        if (f.remaining.get() <= 0) {
          armed.remove(f);
        }
        throw raise(operation, f.type);
      }
    }
  }

  private StoreException raise(String operation, StoreErrorType type) {
    synchronized (this) {
      raised.computeIfAbsent(operation, k -> new EnumMap<>(StoreErrorType.class))
          .computeIfAbsent(type, k -> new AtomicInteger()).incrementAndGet();
    }
    SQLException cause = samples.get(type);
    return new StoreException(operation + " failed (injected): " + cause.getMessage(),
        StoreErrorType.fromSqlState(cause.getSQLState()), cause.getSQLState(), cause);
  }

  private <T> T call(String operation, String instanceId, Supplier<T> call) {
    maybeFail(operation, instanceId);
    return call.get();
  }

  @Override
  public Optional<OrchestrationItem> fetchOrchestrationItem(Duration lockTimeout) {
    return call(FETCH_ORCHESTRATION_ITEM, null, () -> delegate.fetchOrchestrationItem(lockTimeout));
  }

  @Override
  public List<HistoryRow> readHistory(String instanceId, long executionId) {
    return call(READ_HISTORY, instanceId, () -> delegate.readHistory(instanceId, executionId));
  }

  @Override
  public Optional<Instant> ackOrchestrationItem(String instanceId, UUID lockToken,
      TurnCommit commit) {
    return call(ACK_ORCHESTRATION_ITEM, instanceId,
        () -> delegate.ackOrchestrationItem(instanceId, lockToken, commit));
  }

  /**
   * The ack and fetch of one transaction, which the runtime uses whenever the store has it: an
   * armed {@code ack_orchestration_item} fault fails the whole of it, as a rollback would (the
   * fetch is part of the ack's transaction, so it is not a {@code fetch_orchestration_item}).
   */
  @Override
  public OrchestrationAck ackOrchestrationItemAndFetch(String instanceId, UUID lockToken,
      TurnCommit commit, Duration nextLockTimeout, Claim work) {
    return call(ACK_ORCHESTRATION_ITEM, instanceId, () -> delegate.ackOrchestrationItemAndFetch(
        instanceId, lockToken, commit, nextLockTimeout, work));
  }

  @Override
  public void abandonOrchestrationItem(String instanceId, UUID lockToken, Duration delay,
      boolean countAttempt) {
    call(ABANDON_ORCHESTRATION_ITEM, instanceId, () -> {
      delegate.abandonOrchestrationItem(instanceId, lockToken, delay, countAttempt);
      return null;
    });
  }

  @Override
  public boolean renewOrchestrationLock(String instanceId, UUID lockToken, Duration lockTimeout) {
    return call(RENEW_LOCK, instanceId,
        () -> delegate.renewOrchestrationLock(instanceId, lockToken, lockTimeout));
  }

  @Override
  public List<WorkItem> fetchWorkItems(int max, Duration lockTimeout) {
    return call(FETCH_WORK_ITEM, null, () -> delegate.fetchWorkItems(max, lockTimeout));
  }

  @Override
  public LockResult ackWorkItem(WorkItem item, String completionKind, String completionPayload) {
    return call(ACK_WORK_ITEM, item.instanceId(),
        () -> delegate.ackWorkItem(item, completionKind, completionPayload));
  }

  /** As {@link #ackOrchestrationItemAndFetch}: an armed {@code ack_work_item} fails it all. */
  @Override
  public WorkAck ackWorkItemAndFetch(WorkItem item, String completionKind,
      String completionPayload, Duration nextLockTimeout) {
    return call(ACK_WORK_ITEM, item.instanceId(), () -> delegate.ackWorkItemAndFetch(item,
        completionKind, completionPayload, nextLockTimeout));
  }

  /** As {@link #ackOrchestrationItemAndFetch}: an armed {@code ack_work_item} fails it all. */
  @Override
  public WorkAck ackWorkItemAndRelease(WorkItem item, String completionKind,
      String completionPayload, Duration nextLockTimeout, UUID instanceLock) {
    return call(ACK_WORK_ITEM, item.instanceId(), () -> delegate.ackWorkItemAndRelease(item,
        completionKind, completionPayload, nextLockTimeout, instanceLock));
  }

  @Override
  public void abandonWorkItem(WorkItem item, Duration delay) {
    call(ABANDON_WORK_ITEM, item.instanceId(), () -> {
      delegate.abandonWorkItem(item, delay);
      return null;
    });
  }

  @Override
  public LockResult renewWorkItemLock(WorkItem item, Duration lockTimeout) {
    return call(RENEW_LOCK, item.instanceId(), () -> delegate.renewWorkItemLock(item, lockTimeout));
  }

  @Override
  public boolean createInstance(NewInstance instance) {
    return call(ENQUEUE_ORCHESTRATOR, instance.instanceId(), () -> delegate.createInstance(instance));
  }

  @Override
  public Optional<OrchestrationItem> createInstanceLocked(NewInstance instance,
      Duration lockTimeout) {
    return call(ENQUEUE_ORCHESTRATOR, instance.instanceId(),
        () -> delegate.createInstanceLocked(instance, lockTimeout));
  }

  @Override
  public EnqueueResult enqueueForInstance(String instanceId, String kind, String payload) {
    return call(ENQUEUE_ORCHESTRATOR, instanceId,
        () -> delegate.enqueueForInstance(instanceId, kind, payload));
  }

  @Override
  public Optional<InstanceRecord> readInstance(String instanceId) {
    return call(READ_STATUS, instanceId, () -> delegate.readInstance(instanceId));
  }

  @Override
  public GaugeSnapshot readGauges() {
    return call(REFRESH_GAUGES, null, delegate::readGauges);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
