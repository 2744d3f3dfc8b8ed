package io.durobs.engine.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link Store#ackOrchestrationItemAndFetch}: the turn's commit and, when the
 * store fetched in the same transaction, the next orchestration item and worker items.
 *
 * @param committedAt the commit's database time, or empty when the lock was lost
 * @param fetched true when the store looked for a next item in the ack's transaction (false:
 *     it did not look, and the caller's poller fetches as before)
 * @param next the next item, locked for the caller, when {@code fetched} found one
 * @param work the first of the worker items the turn scheduled, inserted locked for the caller
 *     as its {@link Claim} asked
 * @param instanceHeld true when the ack kept the instance locked, with the same token, as the
 *     claim's {@link Claim#holdInstance} asked
 */
public record OrchestrationAck(Optional<Instant> committedAt, boolean fetched,
    Optional<OrchestrationItem> next, List<WorkItem> work, boolean instanceHeld) {

  /** An ack that did not look for a next item. */
  public static OrchestrationAck ackOnly(Optional<Instant> committedAt) {
    return new OrchestrationAck(committedAt, false, Optional.empty(), List.of(), false);
  }
}
