package io.durobs.engine.runtime;

import io.durobs.engine.store.InstanceRecord;
import io.durobs.engine.store.OrchestrationItem;
import io.durobs.engine.store.TurnCommit;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An instance that a turn's ack kept locked for the one activity it scheduled, which this process
 * runs ({@link io.durobs.engine.store.Claim#holdInstance}): the activity's result is handed to
 * the instance's next turn in process, instead of going through the queue.
 *
 * @param instance the instance row as the turn's commit left it
 * @param lockToken the lock the next turn commits with
 * @param committedAt the database time of that commit
 * @param committedNanos {@link System#nanoTime()} when the commit returned
 */
record HeldInstance(InstanceRecord instance, UUID lockToken, Instant committedAt,
    long committedNanos) {

  /** The instance after {@code commit}, a turn that keeps it running in the same execution. */
  static HeldInstance after(InstanceRecord before, TurnCommit commit, UUID lockToken,
      Instant committedAt) {
    InstanceRecord after = new InstanceRecord(before.instanceId(), before.orchestrationName(),
        before.orchestrationVersion(), before.executionId(), commit.state(), commit.waitState(),
        before.input(), commit.output(), commit.failure(), before.initiatedBy(),
        before.parentInstanceId(), before.parentExecutionId(), before.parentTaskId(),
        before.parentOrchestration(), before.createdAt(), before.executionStartedAt(),
        committedAt, before.completedAt(), commit.turnCount(), commit.historyLength());
    return new HeldInstance(after, lockToken, committedAt, System.nanoTime());
  }

  /**
   * The next turn's item: no queued messages (the result comes with it), and as its time the
   * commit's database time plus what elapsed here since, so that the turn's time never runs
   * behind the previous turn's whatever this host's clock says.
   */
  OrchestrationItem nextItem() {
    Instant fetchedAt = committedAt.plusNanos(Math.max(0, System.nanoTime() - committedNanos));
    return new OrchestrationItem(instance, lockToken, List.of(), fetchedAt);
  }
}
