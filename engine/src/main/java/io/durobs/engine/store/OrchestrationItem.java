package io.durobs.engine.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One instance's pending messages, fetched under a peek-lock: the unit of one turn.
 *
 * @param instance the instance row at fetch time
 * @param lockToken the token that the ack, abandon and renew calls must present
 * @param messages every visible message of the instance, in queue order
 * @param fetchedAt the database time of the fetch (the turn's deterministic time)
 */
public record OrchestrationItem(
    InstanceRecord instance, UUID lockToken, List<QueuedMessage> messages, Instant fetchedAt) {

  public OrchestrationItem {
    messages = List.copyOf(messages);
  }
}
