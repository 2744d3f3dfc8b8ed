package io.durobs.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.engine.api.OrchestrationState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The turn commit and new instance builders: each ending sets only its own fields. */
class TurnCommitTest {

  @Test
  void eachEndingSetsItsStateAndOnlyEndingsRemovePendingWork() {
    TurnCommit running = TurnCommit.running(WaitState.WAITING_FOR_TIMER).counts(2, 5).build();
    assertThat(running.state()).isEqualTo(OrchestrationState.RUNNING);
    assertThat(running.waitState()).isEqualTo(WaitState.WAITING_FOR_TIMER);
    assertThat(running.removePendingWork()).isFalse();
    assertThat(running.history()).isEmpty();

    TurnCommit completed = TurnCommit.completed("42").counts(3, 7).build();
    assertThat(completed.state()).isEqualTo(OrchestrationState.COMPLETED);
    assertThat(completed.waitState()).isNull();
    assertThat(completed.output()).isEqualTo("42");
    assertThat(completed.failure()).isNull();
    assertThat(completed.removePendingWork()).isTrue();

    TurnCommit cancelled = TurnCommit.cancelled("stop").counts(1, 3).build();
    assertThat(cancelled.state()).isEqualTo(OrchestrationState.CANCELLED);
    assertThat(cancelled.failure()).isEqualTo("stop");
    assertThat(cancelled.removePendingWork()).isTrue();

    TurnCommit failed = TurnCommit.failed("{\"type\":\"APPLICATION\"}").counts(1, 3).build();
    assertThat(failed.state()).isEqualTo(OrchestrationState.FAILED);
    assertThat(failed.removePendingWork()).isTrue();

    TurnCommit continued = TurnCommit.continuedAsNew(new TurnCommit.NewExecution(2, "1", "{}"))
        .counts(0, 0).build();
    assertThat(continued.state()).isEqualTo(OrchestrationState.RUNNING);
    assertThat(continued.waitState()).isEqualTo(WaitState.RUNNING);
    assertThat(continued.newExecution().executionId()).isEqualTo(2);
    assertThat(continued.removePendingWork()).isFalse();
  }

  @Test
  void anUnchangedTurnKeepsTheStoredInstanceAndItsPendingWork() {
    InstanceRecord ended = new InstanceRecord("i", "o", "1", 1, OrchestrationState.FAILED, null,
        "null", null, "{}", "client", null, null, null, null, Instant.EPOCH, Instant.EPOCH,
        Instant.EPOCH, Instant.EPOCH, 4, 9);

    TurnCommit commit = TurnCommit.unchanged(ended).consumedMessageIds(List.of(7L, 8L)).build();

    assertThat(commit.state()).isEqualTo(OrchestrationState.FAILED);
    assertThat(commit.failure()).isEqualTo("{}");
    assertThat(commit.turnCount()).isEqualTo(4);
    assertThat(commit.historyLength()).isEqualTo(9);
    assertThat(commit.consumedMessageIds()).containsExactly(7L, 8L);
    assertThat(commit.removePendingWork()).isFalse();
  }

  @Test
  void missingOrNullFieldsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> TurnCommit.running(WaitState.RUNNING).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("turn commit (RUNNING): counts"
            + " are not set");
    assertThatThrownBy(() -> TurnCommit.running(null))
        .isInstanceOf(NullPointerException.class).hasMessage("waitState");
    assertThatThrownBy(() -> TurnCommit.completed("1").counts(-1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("turnCount -1");
    assertThatThrownBy(() -> NewInstance.builder("i", "o", "1").input("null")
        .initiatedBy("client").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("new instance i: startPayload is not set");
    assertThatThrownBy(() -> NewInstance.builder("i", null, "1"))
        .isInstanceOf(NullPointerException.class).hasMessage("name");
  }

  @Test
  void aChildCarriesItsWholeParentAndTheNoticeToSendOnConflict() {
    OutboundMessage notice = new OutboundMessage("p", 1L, "SubOrchestrationFailed", "{}", null);
    NewInstance child = NewInstance.builder("p:1:3", "child", "2").input("{}")
        .initiatedBy("suborchestration").startPayload("{}").parent("p", 1, 3, "parent")
        .onConflict(notice).build();

    assertThat(child.parentInstanceId()).isEqualTo("p");
    assertThat(child.parentExecutionId()).isEqualTo(1L);
    assertThat(child.parentTaskId()).isEqualTo(3);
    assertThat(child.parentOrchestration()).isEqualTo("parent");
    assertThat(child.onConflict()).isSameAs(notice);

    NewInstance topLevel = NewInstance.builder("t", "o", "1").input("null")
        .initiatedBy("client").startPayload("{}").build();
    assertThat(topLevel.parentInstanceId()).isNull();
    assertThat(topLevel.parentExecutionId()).isNull();
    assertThat(topLevel.onConflict()).isNull();
  }
}
