package io.durobs.workload;

import static io.durobs.engine.store.InstrumentedStore.ACK_ORCHESTRATION_ITEM;
import static io.durobs.engine.store.InstrumentedStore.ACK_WORK_ITEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.engine.store.Claim;
import io.durobs.engine.store.LockResult;
import io.durobs.engine.store.NewInstance;
import io.durobs.engine.store.NewWorkItem;
import io.durobs.engine.store.OrchestrationAck;
import io.durobs.engine.store.OrchestrationItem;
import io.durobs.engine.store.StoreErrorType;
import io.durobs.engine.store.StoreException;
import io.durobs.engine.store.TurnCommit;
import io.durobs.engine.store.WaitState;
import io.durobs.engine.store.WorkAck;
import io.durobs.engine.store.WorkItem;
import io.durobs.engine.store.postgres.PostgresStore;
import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batched store calls the runtime makes whenever the store has them (an ack with the next
 * fetch in one transaction) fail as an armed ack fault says, write nothing when they do, and
 * otherwise reach the real store's batched call, not the interface's ack-only default.
 */
class FaultInjectingStoreTest {

  private static final Duration LOCK = Duration.ofSeconds(30);

  /** Real errors, provoked once (a deadlock takes a detection interval). */
  private static Map<StoreErrorType, SQLException> samples;

  private PostgresStore store;
  private FaultInjectingStore faults;

  @BeforeAll
  static void provoke() {
    TestDatabase db = TestPostgres.freshDatabase();
    samples = SqlErrorSamples.provoke(
        () -> DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()));
  }

  /** A database of its own per test: each fetches "the next item" and must find its own. */
  @BeforeEach
  void start() {
    TestDatabase db = TestPostgres.freshDatabase();
    store = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
        .password(db.password()).maxPoolSize(4).build();
    faults = new FaultInjectingStore(store, samples);
  }

  @AfterEach
  void stop() {
    store.close();
  }

  @Test
  void anArmedAckFailsTheTurnsAckAndFetchWholeThenTheRealOneClaimsTheWork() {
    OrchestrationItem turn = created("turn");
    faults.inject(ACK_ORCHESTRATION_ITEM, StoreErrorType.SERIALIZATION, 1, "turn"::equals);

    assertThatThrownBy(() -> faults.ackOrchestrationItemAndFetch("turn", turn.lockToken(),
        oneActivity(turn), null, Claim.upTo(1, LOCK)))
        .isInstanceOfSatisfying(StoreException.class,
            e -> assertThat(e.type()).isEqualTo(StoreErrorType.SERIALIZATION));
    assertThat(store.fetchWorkItems(5, LOCK)).as("worker items after the failed ack").isEmpty();
    assertThat(faults.pending()).isZero();

    OrchestrationAck acked = faults.ackOrchestrationItemAndFetch("turn", turn.lockToken(),
        oneActivity(turn), null, Claim.upTo(1, LOCK));
    assertThat(acked.committedAt()).isPresent();
    assertThat(acked.work()).as("claimed in the ack's transaction (the default claims none)")
        .extracting(WorkItem::instanceId).containsExactly("turn");
  }

  @Test
  void anArmedWorkAckFailsTheWorkersAckAndFetchWholeThenTheRealOneLooksForTheNext() {
    WorkItem item = scheduled("work");
    faults.inject(ACK_WORK_ITEM, StoreErrorType.DEADLOCK, 1, "work"::equals);

    assertThatThrownBy(() -> faults.ackWorkItemAndFetch(item, "ActivityCompleted", "{}", LOCK))
        .isInstanceOfSatisfying(StoreException.class,
            e -> assertThat(e.type()).isEqualTo(StoreErrorType.DEADLOCK));
    assertThat(store.fetchOrchestrationItem(LOCK)).as("a completion after the failed ack")
        .isEmpty();

    WorkAck acked = faults.ackWorkItemAndFetch(item, "ActivityCompleted", "{}", LOCK);
    assertThat(acked.result()).isEqualTo(LockResult.OK);
    assertThat(acked.fetched()).as("looked for the next item (the default does not)").isTrue();
    assertThat(store.fetchOrchestrationItem(LOCK)).isPresent();
  }

  @Test
  void anArmedWorkAckFailsTheAckAndReleaseWholeThenTheRealOneReleasesTheInstance() {
    OrchestrationItem turn = created("held");
    OrchestrationAck first = store.ackOrchestrationItemAndFetch("held", turn.lockToken(),
        oneActivity(turn), null, Claim.upTo(1, LOCK).holdingInstance(LOCK));
    assertThat(first.instanceHeld()).isTrue();
    WorkItem item = first.work().get(0);
    faults.inject(ACK_WORK_ITEM, StoreErrorType.CONNECTION, 1, "held"::equals);

    assertThatThrownBy(() -> faults.ackWorkItemAndRelease(item, "ActivityCompleted", "{}", null,
        turn.lockToken())).isInstanceOf(StoreException.class);
    assertThat(store.fetchOrchestrationItem(LOCK)).as("still held after the failed ack")
        .isEmpty();

    assertThat(faults.ackWorkItemAndRelease(item, "ActivityCompleted", "{}", null,
        turn.lockToken()).result()).isEqualTo(LockResult.OK);
    assertThat(store.fetchOrchestrationItem(LOCK)).as("released, with the completion")
        .hasValueSatisfying(next -> assertThat(next.instance().instanceId()).isEqualTo("held"));
  }

  /** A new instance's first turn, fetched (locked) from the real store. */
  private OrchestrationItem created(String id) {
    assertThat(store.createInstance(NewInstance.builder(id, "test-orch", "1").input("null")
        .initiatedBy("client").startPayload("{\"executionId\":1,\"carriedEvents\":[]}")
        .build())).isTrue();
    return store.fetchOrchestrationItem(LOCK).orElseThrow();
  }

  /** The worker item of a new instance's first turn, which scheduled one activity. */
  private WorkItem scheduled(String id) {
    OrchestrationItem turn = created(id);
    assertThat(store.ackOrchestrationItem(id, turn.lockToken(), oneActivity(turn))).isPresent();
    return store.fetchWorkItems(1, LOCK).get(0);
  }

  private static TurnCommit oneActivity(OrchestrationItem turn) {
    return TurnCommit.running(WaitState.WAITING_FOR_ACTIVITY)
        .counts(1, 0)
        .consumedMessageIds(turn.messages().stream().map(m -> m.id()).toList())
        .workItems(List.of(new NewWorkItem(1, 1, "act", "{}")))
        .build();
  }
}
