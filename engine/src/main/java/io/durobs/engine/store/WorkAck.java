package io.durobs.engine.store;

import java.util.Optional;

/**
 * The outcome of {@link Store#ackWorkItemAndFetch}: the worker item's ack and, when the store
 * fetched in the same transaction, the next worker item.
 *
 * @param result the ack's outcome
 * @param fetched true when the store looked for a next item in the ack's transaction
 * @param next the next item, locked for the caller, when {@code fetched} found one
 */
public record WorkAck(LockResult result, boolean fetched, Optional<WorkItem> next) {

  /** An ack that did not look for a next item. */
  public static WorkAck ackOnly(LockResult result) {
    return new WorkAck(result, false, Optional.empty());
  }
}
