package io.durobs.engine.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The provider contract: durable storage of instances, histories and the two queues. The runtime
 * owns all orchestration semantics; a store only stores, locks and counts. Every method is one
 * atomic database operation and throws {@link StoreException} (classified by SQLSTATE) when the
 * database fails.
 *
 * <p>Peek-lock: a fetch returns a lock token and hides the item until the lock expires; ack
 * deletes it, abandon makes it visible again, renew extends the lock. A lock that expired and was
 * taken by another caller is lost: acks and renewals with the old token do nothing.
 */
public interface Store extends AutoCloseable {

  /**
   * Locks the instance whose oldest visible message is oldest and returns all its visible
   * messages (one round-trip).
   */
  Optional<OrchestrationItem> fetchOrchestrationItem(Duration lockTimeout);

  /** The history of one execution, in order. */
  List<HistoryRow> readHistory(String instanceId, long executionId);

  /**
   * Commits a turn atomically if the lock is still held, deleting its
   * {@link TurnCommit#consumedWorkItem} with it when the worker's lock on that item still holds.
   *
   * @return the commit's database time, or empty when the lock was lost (nothing was written)
   */
  Optional<Instant> ackOrchestrationItem(String instanceId, UUID lockToken, TurnCommit commit);

  /**
   * Commits a turn as {@link #ackOrchestrationItem} does and, in the same database transaction,
   * fetches the next orchestration item as {@link #fetchOrchestrationItem} does when
   * {@code nextLockTimeout} is not null, and inserts the first {@code work.max()} of the worker
   * items the turn schedules already locked for the caller, keeping the instance locked as
   * {@link Claim#holdInstance} asks: one commit (one WAL flush) for a dispatcher slot that goes
   * on to its next turn and starts the turn's activities itself. Either all happen or none. The
   * default does only the ack ({@link OrchestrationAck#fetched()} false, no work, no hold); the
   * caller then fetches as before.
   */
  default OrchestrationAck ackOrchestrationItemAndFetch(String instanceId, UUID lockToken,
      TurnCommit commit, Duration nextLockTimeout, Claim work) {
    return OrchestrationAck.ackOnly(ackOrchestrationItem(instanceId, lockToken, commit));
  }

  /**
   * Releases an instance lock without consuming its messages; they become visible after
   * {@code delay}. With {@code countAttempt} false the fetch does not count toward the poison
   * limit (used on shutdown).
   */
  void abandonOrchestrationItem(String instanceId, UUID lockToken, Duration delay,
      boolean countAttempt);

  /** Extends an instance lock; false when it was lost. */
  boolean renewOrchestrationLock(String instanceId, UUID lockToken, Duration lockTimeout);

  /** Locks and returns up to {@code max} visible worker items, oldest first (one round-trip). */
  List<WorkItem> fetchWorkItems(int max, Duration lockTimeout);

  /**
   * Deletes a worker item and enqueues its completion for the orchestration, atomically.
   *
   * @param completionKind the kind of the completion message
   * @param completionPayload its JSON (its instance and execution come from the item)
   */
  LockResult ackWorkItem(WorkItem item, String completionKind, String completionPayload);

  /**
   * Acks a worker item as {@link #ackWorkItem} does and, when {@code nextLockTimeout} is not
   * null, fetches one more worker item as {@link #fetchWorkItems} does, in the same database
   * transaction. The default does only the ack ({@link WorkAck#fetched()} false).
   */
  default WorkAck ackWorkItemAndFetch(WorkItem item, String completionKind,
      String completionPayload, Duration nextLockTimeout) {
    return WorkAck.ackOnly(ackWorkItem(item, completionKind, completionPayload));
  }

  /**
   * Acks a worker item as {@link #ackWorkItemAndFetch} does and, in the same transaction,
   * releases the lock {@code instanceLock} on its instance, which a turn's ack kept for the
   * item's result ({@link Claim#holdInstance}) when that result cannot be handed to the next turn
   * in process after all: the result then reaches the instance through the queue as usual. The
   * default does the ack and then the release.
   */
  default WorkAck ackWorkItemAndRelease(WorkItem item, String completionKind,
      String completionPayload, Duration nextLockTimeout, UUID instanceLock) {
    WorkAck ack = ackWorkItemAndFetch(item, completionKind, completionPayload, nextLockTimeout);
    abandonOrchestrationItem(item.instanceId(), instanceLock, Duration.ZERO, false);
    return ack;
  }

  /** Releases a worker item's lock; it becomes visible after {@code delay}. */
  void abandonWorkItem(WorkItem item, Duration delay);

  /** Extends a worker item's lock. */
  LockResult renewWorkItemLock(WorkItem item, Duration lockTimeout);

  /**
   * Creates an instance and enqueues its start message, atomically.
   *
   * @return false when the instance id is already taken (nothing was written)
   */
  boolean createInstance(NewInstance instance);

  /**
   * Creates an instance and its start message as {@link #createInstance} does, both locked for
   * the caller for {@code lockTimeout}, as a fetch would have locked them: a start the caller's
   * process runs at once, without a fetch and a commit of its own. Once the lock expires,
   * any process fetches the instance, as if it had been created unlocked.
   *
   * @return the locked item, as {@link #fetchOrchestrationItem} would return it; empty when
   *     the instance id is already taken (nothing was written)
   */
  Optional<OrchestrationItem> createInstanceLocked(NewInstance instance, Duration lockTimeout);

  /** Enqueues a message (external event, cancel request) for a running instance. */
  EnqueueResult enqueueForInstance(String instanceId, String kind, String payload);

  /** The instance row, if the instance exists. */
  Optional<InstanceRecord> readInstance(String instanceId);

  /** The cluster-wide gauge values. */
  GaugeSnapshot readGauges();

  /** Releases the store's resources (connection pool). */
  @Override
  void close();
}
