package io.durobs.engine.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.engine.store.Claim;
import io.durobs.engine.store.HistoryRow;
import io.durobs.engine.store.LockResult;
import io.durobs.engine.store.NewInstance;
import io.durobs.engine.store.NewWorkItem;
import io.durobs.engine.store.OrchestrationItem;
import io.durobs.engine.store.StoreErrorType;
import io.durobs.engine.store.StoreException;
import io.durobs.engine.store.TurnCommit;
import io.durobs.engine.store.WaitState;
import io.durobs.engine.store.WorkItem;
import io.durobs.engine.testing.TestEngines;
import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store against a real PostgreSQL: migrations, peek-locks, SKIP LOCKED, error classes. */
class PostgresStoreTest {

  private static TestDatabase db;
  private static PostgresStore store;

  @BeforeAll
  static void setUp() {
    db = TestPostgres.freshDatabase();
    store = TestEngines.storeBuilder(db).maxPoolSize(8).build();
  }

  @AfterAll
  static void tearDown() {
    store.close();
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("TRUNCATE durobs.instances, durobs.history, durobs.orchestrator_queue,"
          + " durobs.worker_queue");
    }
  }

  @Test
  void migrationsAreVersionedAndAppliedOnceEvenWhenProcessesStartTogether() throws Exception {
    TestDatabase fresh = TestPostgres.freshDatabase();
    List<CompletableFuture<PostgresStore>> starts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      starts.add(CompletableFuture.supplyAsync(() -> TestEngines.storeBuilder(fresh).schema("racy").build()));
    }
    for (var f : starts) {
      f.get(60, TimeUnit.SECONDS).close();
    }
    try (Connection c = fresh.connect(); Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT version, description FROM racy.schema_version"
            + " ORDER BY version")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getString(2)).isEqualTo("initial_schema");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(2);
      assertThat(rs.getString(2)).isEqualTo("ack_by_primary_key");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(3);
      assertThat(rs.getString(2)).isEqualTo("in_process_continuation");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(4);
      assertThat(rs.getString(2)).isEqualTo("continued_turn_skips_locked_rows");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(5);
      assertThat(rs.getString(2)).isEqualTo("history_row_per_turn");
      assertThat(rs.next()).isFalse();
    }
  }

  /** A schema an older engine left at version 1 is brought to the latest, and works. */
  @Test
  void aSchemaAtVersionOneIsMigratedToTheLatest() throws Exception {
    TestDatabase fresh = TestPostgres.freshDatabase();
    try (Connection c = fresh.connect(); Statement st = c.createStatement()) {
      OldSchemas.create(st, "old", 1);
    }
    assertThat(PostgresStore.migrate(TestEngines.storeBuilder(fresh).schema("old")))
        .isEqualTo(new PostgresStore.SchemaMigration("old", 1, Migrations.LATEST));
    try (PostgresStore old = TestEngines.storeBuilder(fresh).schema("old").build()) {
      assertThat(old.createInstance(NewInstance.builder("u", "test-orch", "1").input("null")
          .initiatedBy("client").startPayload("{\"executionId\":1,\"carriedEvents\":[]}")
          .build())).isTrue();
      OrchestrationItem item = old.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
      assertThat(old.ackOrchestrationItem("u", item.lockToken(), blocked(item))).isPresent();
      assertThat(old.fetchOrchestrationItem(Duration.ofSeconds(30))).as("the message was consumed")
          .isEmpty();
    }
  }

  /**
   * Starting a store on 127.0.0.1:{@code port} with a password in the URL fails with a typed
   * connection error that names the server and user, never the password.
   */
  private static void assertStartFailsClearlyWithoutThePassword(int port) {
    String url = "postgres://app:s3cret-pw@127.0.0.1:" + port + "/appdb";
    assertThatThrownBy(() -> PostgresStore.builder().databaseUrl(url)
        .connectTimeout(Duration.ofSeconds(2)).build())
        .isInstanceOf(StoreException.class)
        .satisfies(e -> assertThat(((StoreException) e).type())
            .isEqualTo(StoreErrorType.CONNECTION))
        .hasMessageStartingWith("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:"
            + port + "/appdb (user app)")
        .message().doesNotContain("s3cret-pw");
  }

  /**
   * A listener that accepts TCP connections and never says a word (a hung server, a proxy with
   * no backend): the start-up fails at the connect timeout instead of waiting in the login
   * exchange for as long as the kernel keeps the connection. The JUnit timeout only stops a
   * hang from blocking the build; the assertion is the typed, clear failure.
   */
  @Test
  @org.junit.jupiter.api.Timeout(value = 90, unit = java.util.concurrent.TimeUnit.SECONDS,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void serverThatAcceptsButNeverAnswersFailsTheStartClearly() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50,
        java.net.InetAddress.getLoopbackAddress())) {
      java.util.List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (!silent.isClosed()) {
            held.add(silent.accept()); // kept open, never written to
          }
        } catch (java.io.IOException closed) {
          // the test is over
        }
      }, "silent-listener");
      acceptor.setDaemon(true);
      acceptor.start();
      try {
        assertStartFailsClearlyWithoutThePassword(silent.getLocalPort());
        assertThat(held).as("the store did reach the listener").isNotEmpty();
      } finally {
        for (java.net.Socket s : held) {
          s.close();
        }
      }
    }
  }

  @Test
  void unreachableDatabaseFailsClearlyWithoutShowingThePassword() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertStartFailsClearlyWithoutThePassword(port);
    String jdbc = "jdbc:postgresql://127.0.0.1:" + port + "/appdb?user=app&password=s3cret-pw";
    assertThatThrownBy(() -> PostgresStore.builder().jdbcUrl(jdbc)
        .connectTimeout(Duration.ofSeconds(2)).build())
        .isInstanceOf(StoreException.class)
        .message().contains("127.0.0.1:" + port).doesNotContain("s3cret-pw");
  }

  @Test
  void fetchLocksOneInstanceWithAllItsMessagesAndSkipsLockedOnes() {
    create("a");
    create("b");
    store.enqueueForInstance("a", "EventRaised", "{}");

    OrchestrationItem first = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    OrchestrationItem second = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();

    assertThat(first.instance().instanceId()).isEqualTo("a");
    assertThat(first.messages()).extracting(m -> m.kind())
        .containsExactly("ExecutionStarted", "EventRaised");
    assertThat(first.messages()).allSatisfy(m -> assertThat(m.attemptCount()).isEqualTo(1));
    assertThat(second.instance().instanceId()).isEqualTo("b");
    assertThat(store.fetchOrchestrationItem(Duration.ofSeconds(30))).isEmpty();

    // an ack with the right token commits; the old token is then worthless
    assertThat(store.ackOrchestrationItem("a", first.lockToken(), blocked(first))).isPresent();
    assertThat(store.ackOrchestrationItem("a", first.lockToken(), blocked(first))).isEmpty();
    assertThat(store.readInstance("a").orElseThrow().waitState())
        .isEqualTo(WaitState.WAITING_FOR_EVENT);
    store.abandonOrchestrationItem("b", second.lockToken(), Duration.ZERO, false);
    OrchestrationItem again = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    assertThat(again.instance().instanceId()).isEqualTo("b");
    assertThat(again.messages().get(0).attemptCount()).isEqualTo(1);
    store.ackOrchestrationItem("b", again.lockToken(), blocked(again));
  }

  /**
   * A fetch that locked an instance whose messages a commit racing it consumed locks nothing and
   * looks again: here the commit holds the messages' rows until the fetch waits for them.
   */
  /**
   * A start locked for its caller comes back as a fetch would return it; no fetch takes it
   * while the lock lasts, any fetch once it expires; a taken id writes nothing.
   */
  @Test
  void aStartLockedForItsCallerIsFetchedByNoOneElseUntilItsLockExpires() {
    OrchestrationItem item = store.createInstanceLocked(newInstance("L"), Duration.ofSeconds(30))
        .orElseThrow();
    assertThat(item.instance().instanceId()).isEqualTo("L");
    assertThat(item.instance().turnCount()).isZero();
    assertThat(item.messages()).extracting(m -> m.kind() + ":" + m.attemptCount() + ":"
        + m.waitSeconds()).containsExactly("ExecutionStarted:1:0.0");
    assertThat(item.messages().get(0).payload()).isEqualTo(newInstance("L").startPayload());
    assertThat(store.fetchOrchestrationItem(Duration.ofSeconds(30))).isEmpty();
    assertThat(store.createInstanceLocked(newInstance("L"), Duration.ofSeconds(30))).isEmpty();
    assertThat(store.createInstance(newInstance("L"))).isFalse();

    OrchestrationItem briefly = store.createInstanceLocked(newInstance("B"), Duration.ofMillis(1))
        .orElseThrow();
    awaitFetchable("B");
    OrchestrationItem taken = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    assertThat(taken.instance().instanceId()).isEqualTo("B");
    assertThat(taken.messages()).extracting(m -> m.attemptCount()).containsExactly(2);
    assertThat(store.ackOrchestrationItem("B", briefly.lockToken(), blocked(briefly)))
        .as("the expired holder's commit").isEmpty();
  }

  /** Waits until {@code id}'s lock has expired by the database's clock. */
  private static void awaitFetchable(String id) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!firstColumn("SELECT instance_id FROM durobs.instances WHERE instance_id = '" + id
        + "' AND locked_until <= now()").contains(id)) {
      assertThat(System.nanoTime()).as("lock of %s expired", id).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void aFetchWhoseMessagesARacingCommitConsumedLooksAgain() throws Exception {
    create("raced");
    create("next");
    try (Connection racer = db.connect(); Statement st = racer.createStatement();
        Connection observer = db.connect(); Statement watch = observer.createStatement()) {
      racer.setAutoCommit(false);
      st.execute("DELETE FROM durobs.orchestrator_queue WHERE instance_id = 'raced'");
      CompletableFuture<Optional<OrchestrationItem>> fetch = CompletableFuture.supplyAsync(
          () -> store.fetchOrchestrationItem(Duration.ofSeconds(30)));
      // the fetch chose "raced" (its messages were visible to it) and waits for their rows
      // (watched from a connection of its own: a transaction sees one snapshot of the activity)
      while (!waitsForARowLock(watch, "%orchestrator_queue")) {
        assertThat(fetch).isNotDone();
        Thread.sleep(10);
      }
      racer.commit();

      OrchestrationItem item = fetch.get(30, TimeUnit.SECONDS).orElseThrow();

      assertThat(item.instance().instanceId()).isEqualTo("next");
    }
    assertThat(store.readInstance("raced").orElseThrow().turnCount()).isZero();
    assertThat(store.fetchOrchestrationItem(Duration.ofSeconds(30))).isEmpty();
    // nothing holds "raced": a message for it is fetched at once
    store.enqueueForInstance("raced", "EventRaised", "{}");
    assertThat(store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow().instance()
        .instanceId()).isEqualTo("raced");
  }

  /** Whether another session's statement whose text is {@code like} waits for a row lock. */
  private static boolean waitsForARowLock(Statement st, String like) throws SQLException {
    try (var rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type"
        + " = 'Lock' AND query LIKE '" + like + "%' AND pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  @Test
  void expiredLockIsTakenOverAndTheFormerHolderCannotCommit() throws Exception {
    create("expiring");
    OrchestrationItem first = store.fetchOrchestrationItem(Duration.ofMillis(200)).orElseThrow();
    assertThat(store.fetchOrchestrationItem(Duration.ofSeconds(30))).isEmpty();
    assertThat(store.renewOrchestrationLock("expiring", first.lockToken(),
        Duration.ofMillis(300))).isTrue();
    Thread.sleep(400);

    OrchestrationItem second = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();

    assertThat(second.instance().instanceId()).isEqualTo("expiring");
    assertThat(second.messages().get(0).attemptCount()).isEqualTo(2);
    assertThat(second.messages().get(0).waitSeconds()).isGreaterThanOrEqualTo(0.09);
    assertThat(store.renewOrchestrationLock("expiring", first.lockToken(),
        Duration.ofSeconds(1))).isFalse();
    assertThat(store.ackOrchestrationItem("expiring", first.lockToken(), blocked(first)))
        .isEmpty();
    assertThat(store.ackOrchestrationItem("expiring", second.lockToken(), blocked(second)))
        .isPresent();
  }

  @Test
  void workItemsAreLockedRenewedAckedAndStolenByDeletion() {
    create("w");
    OrchestrationItem item = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    TurnCommit commit = TurnCommit.running(WaitState.WAITING_FOR_ACTIVITY)
        .counts(1, 0)
        .consumedMessageIds(item.messages().stream().map(m -> m.id()).toList())
        .workItems(List.of(new NewWorkItem(1, 1, "act", "{}"),
            new NewWorkItem(1, 2, "act", "{}")))
        .build();
    store.ackOrchestrationItem("w", item.lockToken(), commit).orElseThrow();

    List<WorkItem> mine = store.fetchWorkItems(1, Duration.ofSeconds(30));
    List<WorkItem> theirs = store.fetchWorkItems(5, Duration.ofSeconds(30));
    assertThat(mine).hasSize(1);
    assertThat(theirs).hasSize(1).allSatisfy(w -> assertThat(w.id()).isNotEqualTo(mine.get(0).id()));
    assertThat(store.renewWorkItemLock(mine.get(0), Duration.ofSeconds(30)))
        .isEqualTo(LockResult.OK);
    assertThat(store.ackWorkItem(mine.get(0), "ActivityCompleted", "{}")).isEqualTo(LockResult.OK);
    assertThat(store.ackWorkItem(mine.get(0), "ActivityCompleted", "{}"))
        .isEqualTo(LockResult.GONE);

    store.abandonWorkItem(theirs.get(0), Duration.ZERO);
    WorkItem retaken = store.fetchWorkItems(1, Duration.ofSeconds(30)).get(0);
    assertThat(retaken.attemptCount()).isEqualTo(2);
    assertThat(store.ackWorkItem(theirs.get(0), "ActivityCompleted", "{}"))
        .isEqualTo(LockResult.LOCK_LOST);
    assertThat(store.renewWorkItemLock(theirs.get(0), Duration.ofSeconds(1)))
        .isEqualTo(LockResult.LOCK_LOST);
    assertThat(store.ackWorkItem(retaken, "ActivityCompleted", "{}")).isEqualTo(LockResult.OK);
    assertThat(store.readGauges().orchestratorQueueDepth()).isEqualTo(2);
  }

  /**
   * The hand-off: a turn's ack locks the activities it scheduled for its own process, as many as
   * asked; the rest stay for any worker.
   */
  @Test
  void acksClaimTheWorkTheyMakeForTheirOwnProcess() {
    create("h");
    OrchestrationItem turn = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    TurnCommit commit = TurnCommit.running(WaitState.WAITING_FOR_ACTIVITY)
        .counts(1, 0)
        .consumedMessageIds(turn.messages().stream().map(m -> m.id()).toList())
        .workItems(List.of(new NewWorkItem(1, 1, "act", "{}"), new NewWorkItem(1, 2, "act", "{}"),
            new NewWorkItem(1, 3, "act", "{}")))
        .build();
    var acked = store.ackOrchestrationItemAndFetch("h", turn.lockToken(), commit, null,
        Claim.upTo(2, Duration.ofSeconds(30)));
    assertThat(acked.committedAt()).isPresent();
    assertThat(acked.work()).extracting(WorkItem::taskId).containsExactly(1, 2);
    assertThat(acked.work()).allSatisfy(w -> assertThat(w.attemptCount()).isEqualTo(1));
    // the third is left for any worker; the claimed two are locked
    assertThat(store.fetchWorkItems(5, Duration.ofSeconds(30))).extracting(WorkItem::taskId)
        .containsExactly(3);

    // claimed items are acked as any others
    assertThat(store.ackWorkItem(acked.work().get(0), "ActivityCompleted", "{}"))
        .isEqualTo(LockResult.OK);
  }

  /**
   * In-process continuation: a turn's ack that holds its instance keeps it locked (with the
   * same token) while no message waits; the next turn's commit with that token deletes the worker
   * item whose result it consumed; a hold asked for while a message waits is not kept, so the
   * message is fetched.
   */
  @Test
  void aHeldInstanceStaysLockedUntilItsNextTurnConsumesTheResultInProcess() {
    create("k");
    OrchestrationItem turn = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    var first = store.ackOrchestrationItemAndFetch("k", turn.lockToken(),
        oneActivity(turn, 1, 1), null, holding());
    assertThat(first.committedAt()).isPresent();
    assertThat(first.instanceHeld()).isTrue();
    assertThat(first.work()).extracting(WorkItem::taskId).containsExactly(1);

    // held: an event that arrives now waits, as the instance stays locked
    store.enqueueForInstance("k", "EventRaised", "{}");
    assertThat(store.fetchOrchestrationItem(Duration.ofSeconds(30))).isEmpty();
    assertThat(store.renewOrchestrationLock("k", turn.lockToken(), Duration.ofSeconds(30)))
        .isTrue();

    // the next turn commits activity 1's result, handed in process, and schedules activity 2
    TurnCommit second = TurnCommit.running(WaitState.WAITING_FOR_ACTIVITY)
        .counts(2, 0)
        .consumedWorkItem(first.work().get(0))
        .workItems(List.of(new NewWorkItem(1, 2, "act", "{}")))
        .build();
    var acked = store.ackOrchestrationItemAndFetch("k", turn.lockToken(), second, null,
        holding());
    assertThat(acked.committedAt()).isPresent();
    assertThat(acked.instanceHeld()).as("not held: the event waits").isFalse();
    assertThat(acked.work()).extracting(WorkItem::taskId).containsExactly(2);
    OrchestrationItem event = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    assertThat(event.instance().instanceId()).isEqualTo("k");
    assertThat(event.messages()).extracting(m -> m.kind()).containsExactly("EventRaised");
    // activity 1's item is gone with that commit; activity 2's is claimed
    assertThat(store.ackWorkItem(first.work().get(0), "ActivityCompleted", "{}"))
        .isEqualTo(LockResult.GONE);
    assertThat(workerItems()).isEqualTo(1);
  }

  /**
   * A step's first next item, claimed for this process, is written over the row of the item
   * whose result the step consumed (an update in place); any other item is a new row. The
   * consumed item reads as gone for its worker, though its row lives on.
   */
  @Test
  void aStepWritesItsClaimedNextItemOverTheConsumedItemsRowAndTheOthersAsNewRows() {
    create("r");
    OrchestrationItem turn = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    WorkItem one = store.ackOrchestrationItemAndFetch("r", turn.lockToken(),
        oneActivity(turn, 1, 1), null, holding()).work().get(0);

    var second = store.ackOrchestrationItemAndFetch("r", turn.lockToken(),
        step(2, one, 2, 3), null, holding());
    assertThat(second.committedAt()).isPresent();
    WorkItem two = second.work().get(0);
    assertThat(two.taskId()).isEqualTo(2);
    assertThat(two.id()).as("activity 1's row").isEqualTo(one.id());
    assertThat(workerRows()).containsExactly("2:locked", "3:unlocked");
    assertThat(workerRowIds().get(0)).as("activity 2's row").isEqualTo(one.id());
    assertThat(store.ackWorkItem(one, "ActivityCompleted", "{}")).isEqualTo(LockResult.GONE);
    assertThat(store.renewWorkItemLock(one, Duration.ofSeconds(30))).isEqualTo(LockResult.GONE);

    // claiming nothing, the next step inserts its item and deletes the consumed one
    var third = store.ackOrchestrationItemAndFetch("r", turn.lockToken(), step(3, two, 4),
        null, Claim.NONE);
    assertThat(third.committedAt()).isPresent();
    assertThat(third.work()).isEmpty();
    assertThat(workerRows()).containsExactly("3:unlocked", "4:unlocked");
    assertThat(workerRowIds()).doesNotContain(one.id());
  }

  /** When the consumed item's worker lock was lost, a step leaves it and inserts its next. */
  @Test
  void aStepWhoseConsumedItemWasTakenOverLeavesItAndInsertsItsNextItem() throws SQLException {
    create("s");
    OrchestrationItem turn = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    WorkItem one = store.ackOrchestrationItemAndFetch("s", turn.lockToken(),
        oneActivity(turn, 1, 1), null, holding()).work().get(0);
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      // another worker took the item over once its lock expired
      st.execute("UPDATE durobs.worker_queue SET lock_token = gen_random_uuid()");
    }

    var second = store.ackOrchestrationItemAndFetch("s", turn.lockToken(), step(2, one, 2),
        null, holding());
    assertThat(second.committedAt()).isPresent();
    assertThat(second.work()).extracting(WorkItem::taskId).containsExactly(2);
    assertThat(second.work().get(0).id()).isNotEqualTo(one.id());
    assertThat(workerRows()).containsExactly("1:locked", "2:locked");
    assertThat(workerRowIds()).containsExactly(one.id(), second.work().get(0).id());
  }

  /**
   * A step whose consumed item's row another session locks (a worker renewing it) waits for it,
   * and commits as usual once the other session lets it go.
   */
  @Test
  void aStepWhoseConsumedItemsRowIsLockedElsewhereWaitsForItAndWritesOverIt() throws Exception {
    create("w");
    OrchestrationItem turn = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    WorkItem one = store.ackOrchestrationItemAndFetch("w", turn.lockToken(),
        oneActivity(turn, 1, 1), null, holding()).work().get(0);
    try (Connection locker = db.connect(); Statement st = locker.createStatement();
        Connection observer = db.connect(); Statement watch = observer.createStatement()) {
      locker.setAutoCommit(false);
      st.execute("SELECT 1 FROM durobs.worker_queue WHERE id = " + one.id() + " FOR UPDATE");
      var second = CompletableFuture.supplyAsync(() -> store.ackOrchestrationItemAndFetch("w",
          turn.lockToken(), step(2, one, 2), null, holding()));
      // (the step's text is longer than the activity view shows: it is known by its start)
      while (!waitsForARowLock(watch, "WITH p AS")) {
        assertThat(second).isNotDone();
        Thread.sleep(10);
      }
      locker.commit();

      var acked = second.get(30, TimeUnit.SECONDS);
      assertThat(acked.committedAt()).isPresent();
      assertThat(acked.work()).extracting(WorkItem::taskId).containsExactly(2);
      assertThat(acked.work().get(0).id()).as("activity 1's row").isEqualTo(one.id());
    }
    assertThat(workerRows()).containsExactly("2:locked");
    assertThat(store.readInstance("w").orElseThrow().turnCount()).isEqualTo(2);
  }

  /** A step consuming {@code consumed} and scheduling {@code tasks}. */
  private static TurnCommit step(int turns, WorkItem consumed, int... tasks) {
    List<NewWorkItem> items = new ArrayList<>();
    for (int task : tasks) {
      items.add(new NewWorkItem(1, task, "act", "{}"));
    }
    return TurnCommit.running(WaitState.WAITING_FOR_ACTIVITY).counts(turns, 0)
        .consumedWorkItem(consumed).workItems(items).build();
  }

  /** The worker items in task order, each as {@code task:locked} or {@code task:unlocked}. */
  private static List<String> workerRows() {
    return firstColumn("SELECT task_id || ':' || CASE WHEN lock_token IS NULL THEN 'unlocked'"
        + " ELSE 'locked' END FROM durobs.worker_queue ORDER BY task_id");
  }

  /** The worker items' ids in task order. */
  private static List<Long> workerRowIds() {
    return firstColumn("SELECT id FROM durobs.worker_queue ORDER BY task_id").stream()
        .map(Long::valueOf).toList();
  }

  /** The first column of {@code query}'s rows, as text. */
  private static List<String> firstColumn(String query) {
    try (Connection c = db.connect(); Statement st = c.createStatement();
        var rs = st.executeQuery(query)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return rows;
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A turn fetched from the queue: its ack deletes the messages it consumed, keeps the hold only
   * while no other message waits, and writes nothing once its lock is lost.
   */
  @Test
  void aTurnFromTheQueueKeepsItsHoldOnlyWhileNoOtherMessageWaits() {
    create("m");
    OrchestrationItem turn = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    // an event that arrives during the turn
    store.enqueueForInstance("m", "EventRaised", "{}");

    var acked = store.ackOrchestrationItemAndFetch("m", turn.lockToken(), oneActivity(turn, 1, 1),
        null, holding());

    assertThat(acked.committedAt()).isPresent();
    assertThat(acked.instanceHeld()).as("not held: the event waits").isFalse();
    assertThat(acked.work()).extracting(WorkItem::taskId).containsExactly(1);
    OrchestrationItem next = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    assertThat(next.messages()).extracting(m -> m.kind()).containsExactly("EventRaised");
    // the first turn's token is worthless now: nothing of its second ack is written
    assertThat(store.ackOrchestrationItemAndFetch("m", turn.lockToken(),
        oneActivity(turn, 2, 2), null, holding()).committedAt()).isEmpty();
    assertThat(store.readInstance("m").orElseThrow().turnCount()).isEqualTo(1);
    assertThat(workerItems()).isEqualTo(1);
    assertThat(store.ackOrchestrationItem("m", next.lockToken(), blocked(next))).isPresent();
  }

  /**
   * A turn's events are stored as one row (V5), by both ways a turn commits (the statement of a
   * turn that writes only its own instance, and the function of any other), and read back one
   * by one exactly as they were written, after an event stored in a row of its own as every
   * event was before V5; the {@code history_events} view shows the same.
   */
  @Test
  void aTurnsEventsAreStoredInOneRowAndReadBackOneByOneAsWritten() throws SQLException {
    create("e");
    HistoryRow before = new HistoryRow(1, 1, "TurnStarted", "{\"type\":\"TurnStarted\"}");
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("INSERT INTO durobs.history VALUES ('e', 1, 1, 'TurnStarted',"
          + " '{\"type\":\"TurnStarted\"}', now())");
    }
    // spacing, number formats and JSON inside strings are kept as written
    List<HistoryRow> own = List.of(
        new HistoryRow(1, 2, "ExecutionStarted",
            "{\"type\":\"ExecutionStarted\", \"input\":\"{\\\"a\\\": [1, 2.50]}\"}"),
        new HistoryRow(1, 3, "ActivityScheduled", "{\"type\":\"ActivityScheduled\",\"n\":1.0}"));
    OrchestrationItem first = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    assertThat(store.ackOrchestrationItem("e", first.lockToken(), TurnCommit.running(
        WaitState.WAITING_FOR_EVENT).counts(1, 3).history(own)
        .consumedMessageIds(first.messages().stream().map(m -> m.id()).toList()).build()))
        .isPresent();
    List<HistoryRow> other = List.of(
        new HistoryRow(1, 4, "TurnStarted", "{\"type\":\"TurnStarted\"}"),
        new HistoryRow(1, 5, "EventRaised", "{\"type\":\"EventRaised\",\"payload\":\"[]\"}"),
        new HistoryRow(1, 6, "DetachedStarted", "{\"type\":\"DetachedStarted\"}"));
    store.enqueueForInstance("e", "EventRaised", "{}");
    OrchestrationItem second = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    assertThat(store.ackOrchestrationItem("e", second.lockToken(), TurnCommit.running(
        WaitState.WAITING_FOR_EVENT).counts(2, 6).history(other)
        .consumedMessageIds(second.messages().stream().map(m -> m.id()).toList())
        .instances(List.of(NewInstance.builder("e-child", "test-orch", "1").input("null")
            .initiatedBy("parent").startPayload("{}").build()))
        .build())).isPresent();

    List<HistoryRow> all = new ArrayList<>(List.of(before));
    all.addAll(own);
    all.addAll(other);
    assertThat(store.readHistory("e", 1)).containsExactlyElementsOf(all);
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      var rows = st.executeQuery("SELECT count(*) FROM durobs.history WHERE instance_id = 'e'");
      rows.next();
      assertThat(rows.getLong(1)).as("one row per turn, and the one from before").isEqualTo(3);
      var view = st.executeQuery("SELECT seq, event_type, payload FROM durobs.history_events"
          + " WHERE instance_id = 'e' ORDER BY seq");
      List<HistoryRow> viewed = new ArrayList<>();
      while (view.next()) {
        viewed.add(new HistoryRow(1, view.getInt(1), view.getString(2), view.getString(3)));
      }
      assertThat(viewed).containsExactlyElementsOf(all);
    }
  }

  /**
   * A schema migrated from version 4, whose engines of that version may still run (a rolling
   * upgrade) and cannot read a turn's row, gets a row per event until the operator sets
   * history_format.row_per_turn; engines started after that write a row per turn. Both read
   * back the same events.
   */
  @Test
  void anUpgradedSchemaKeepsARowPerEventUntilTheOperatorSwitchesTheFormat() throws Exception {
    TestDatabase fresh = TestPostgres.freshDatabase();
    try (Connection c = fresh.connect(); Statement st = c.createStatement()) {
      OldSchemas.create(st, "v4", 4);
    }
    List<HistoryRow> events = List.of(
        new HistoryRow(1, 1, "TurnStarted", "{\"type\":\"TurnStarted\"}"),
        new HistoryRow(1, 2, "ExecutionStarted", "{\"type\":\"ExecutionStarted\"}"));
    PostgresStore.SchemaMigration migration =
        PostgresStore.migrate(TestEngines.storeBuilder(fresh).schema("v4"));
    assertThat(migration.fromVersion()).isEqualTo(4);
    assertThat(migration.historyFormatToSwitch()).isTrue();
    try (PostgresStore upgraded = TestEngines.storeBuilder(fresh).schema("v4").build()) {
      commitOneTurn(upgraded, "before", events);
      assertThat(upgraded.readHistory("before", 1)).containsExactlyElementsOf(events);
    }
    assertThat(historyRows(fresh, "v4", "before")).as("a row per event").isEqualTo(2);

    try (Connection c = fresh.connect(); Statement st = c.createStatement()) {
      st.execute("UPDATE v4.history_format SET row_per_turn = true");
    }
    try (PostgresStore switched = TestEngines.storeBuilder(fresh).schema("v4").build()) {
      commitOneTurn(switched, "after", events);
      assertThat(switched.readHistory("after", 1)).containsExactlyElementsOf(events);
      assertThat(switched.readHistory("before", 1)).containsExactlyElementsOf(events);
    }
    assertThat(historyRows(fresh, "v4", "after")).as("a row per turn").isEqualTo(1);
    // a schema created at version 5 or later writes a row per turn from the start
    try (Connection c = db.connect(); Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT row_per_turn FROM durobs.history_format")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBoolean(1)).isTrue();
    }
  }

  private static void commitOneTurn(PostgresStore store, String id, List<HistoryRow> events) {
    assertThat(store.createInstance(NewInstance.builder(id, "test-orch", "1").input("null")
        .initiatedBy("client").startPayload("{}").build())).isTrue();
    OrchestrationItem item = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    assertThat(store.ackOrchestrationItem(id, item.lockToken(), TurnCommit.running(
        WaitState.WAITING_FOR_EVENT).counts(1, events.size()).history(events)
        .consumedMessageIds(item.messages().stream().map(m -> m.id()).toList()).build()))
        .isPresent();
  }

  private static long historyRows(TestDatabase database, String schema, String id)
      throws SQLException {
    try (Connection c = database.connect(); Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT count(*) FROM " + schema + ".history"
            + " WHERE instance_id = '" + id + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long workerItems() {
    return Long.parseLong(firstColumn("SELECT count(*) FROM durobs.worker_queue").get(0));
  }


  /**
   * A held instance whose next turn cannot run here: the worker's ack enqueues the result and
   * releases the instance in one transaction, and the result is fetched from the queue.
   */
  @Test
  void aResultThatCannotContinueInProcessGoesThroughTheQueueAndReleasesTheInstance() {
    create("q");
    OrchestrationItem turn = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    var first = store.ackOrchestrationItemAndFetch("q", turn.lockToken(),
        oneActivity(turn, 1, 1), null, holding());
    assertThat(first.instanceHeld()).isTrue();
    var acked = store.ackWorkItemAndRelease(first.work().get(0), "ActivityCompleted",
        "{\"taskId\":1}", null, turn.lockToken());
    assertThat(acked.result()).isEqualTo(LockResult.OK);
    OrchestrationItem result = store.fetchOrchestrationItem(Duration.ofSeconds(30)).orElseThrow();
    assertThat(result.messages()).extracting(m -> m.kind()).containsExactly("ActivityCompleted");
    // the old token no longer commits anything
    assertThat(store.ackOrchestrationItem("q", turn.lockToken(),
        TurnCommit.running(WaitState.RUNNING).counts(2, 0).build())).isEmpty();
  }

  /** A turn that consumes its start message and schedules one activity. */
  private static TurnCommit oneActivity(OrchestrationItem turn, int turns, int taskId) {
    return TurnCommit.running(WaitState.WAITING_FOR_ACTIVITY)
        .counts(turns, 0)
        .consumedMessageIds(turn.messages().stream().map(m -> m.id()).toList())
        .workItems(List.of(new NewWorkItem(1, taskId, "act", "{}")))
        .build();
  }

  private static Claim holding() {
    return Claim.upTo(1, Duration.ofSeconds(30)).holdingInstance(Duration.ofSeconds(30));
  }

  @Test
  void gaugesCountWaitStatesAndVisibleUnlockedMessages() {
    create("g1");
    create("g2");
    var gauges = store.readGauges();
    assertThat(gauges.active().get("test-orch")).containsEntry(WaitState.RUNNING, 2L);
    assertThat(gauges.orchestratorQueueDepth()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void errorsAreClassifiedBySqlState() throws Exception {
    assertThat(classify("SELECT 1/0")).isEqualTo(StoreErrorType.OTHER);
    assertThat(classify("SET statement_timeout = 50; SELECT pg_sleep(1)"))
        .isEqualTo(StoreErrorType.TIMEOUT);
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS uniq (id INT PRIMARY KEY)");
      st.execute("INSERT INTO uniq VALUES (1) ON CONFLICT DO NOTHING");
    }
    assertThat(classify("INSERT INTO uniq VALUES (1)")).isEqualTo(StoreErrorType.CONSTRAINT);
    assertThat(classify("SELECT pg_terminate_backend(pg_backend_pid())"))
        .isEqualTo(StoreErrorType.CONNECTION);
    assertThat(deadlock()).isEqualTo(StoreErrorType.DEADLOCK);
    assertThat(lockTimeout()).isEqualTo(StoreErrorType.TIMEOUT);
    assertThat(serializationFailure()).isEqualTo(StoreErrorType.SERIALIZATION);
    assertThat(StoreErrorType.fromSqlState("08006")).isEqualTo(StoreErrorType.CONNECTION);
    assertThat(StoreErrorType.fromSqlState(null)).isEqualTo(StoreErrorType.OTHER);
  }

  private static StoreErrorType classify(String sql) {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute(sql);
      throw new AssertionError("expected " + sql + " to fail");
    } catch (SQLException e) {
      return PostgresStore.translate("test", e).type();
    }
  }

  /** Two sessions lock two rows in opposite order: one is chosen as the deadlock victim. */
  private static StoreErrorType deadlock() throws Exception {
    try (Connection a = db.connect(); Connection b = db.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.execute("CREATE TABLE IF NOT EXISTS pair (id INT PRIMARY KEY)");
      sa.execute("INSERT INTO pair VALUES (1), (2) ON CONFLICT DO NOTHING");
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      sa.execute("SET deadlock_timeout = 50");
      sb.execute("SET deadlock_timeout = 50");
      sa.execute("SELECT * FROM pair WHERE id = 1 FOR UPDATE");
      sb.execute("SELECT * FROM pair WHERE id = 2 FOR UPDATE");
      CountDownLatch started = new CountDownLatch(1);
      CompletableFuture<StoreErrorType> other = CompletableFuture.supplyAsync(() -> {
        started.countDown();
        try {
          sa.execute("SELECT * FROM pair WHERE id = 2 FOR UPDATE");
          return null;
        } catch (SQLException e) {
          return PostgresStore.translate("a", e).type();
        }
      });
      started.await();
      Thread.sleep(20);
      StoreErrorType mine = null;
      try {
        sb.execute("SELECT * FROM pair WHERE id = 1 FOR UPDATE");
      } catch (SQLException e) {
        mine = PostgresStore.translate("b", e).type();
      }
      b.rollback();
      StoreErrorType theirs = other.get(10, TimeUnit.SECONDS);
      a.rollback();
      return Optional.ofNullable(mine).orElse(theirs);
    }
  }

  /** A session waits longer than its lock_timeout for a row another session holds. */
  private static StoreErrorType lockTimeout() throws Exception {
    try (Connection a = db.connect(); Connection b = db.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.execute("CREATE TABLE IF NOT EXISTS pair (id INT PRIMARY KEY)");
      sa.execute("INSERT INTO pair VALUES (1), (2) ON CONFLICT DO NOTHING");
      a.setAutoCommit(false);
      sa.execute("SELECT * FROM pair WHERE id = 1 FOR UPDATE");
      sb.execute("SET lock_timeout = 100");
      try {
        sb.execute("SELECT * FROM pair WHERE id = 1 FOR UPDATE");
        throw new AssertionError("expected a lock timeout");
      } catch (SQLException e) {
        return PostgresStore.translate("b", e).type();
      } finally {
        a.rollback();
      }
    }
  }

  private static StoreErrorType serializationFailure() throws Exception {
    try (Connection a = db.connect(); Connection b = db.connect();
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.execute("CREATE TABLE IF NOT EXISTS counter (id INT PRIMARY KEY, n INT)");
      sa.execute("INSERT INTO counter VALUES (1, 0) ON CONFLICT DO NOTHING");
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      sa.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      sb.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      sa.execute("SELECT n FROM counter");
      sb.execute("SELECT n FROM counter");
      sa.execute("UPDATE counter SET n = n + 1 WHERE id = 1");
      a.commit();
      try {
        sb.execute("UPDATE counter SET n = n + 1 WHERE id = 1");
        throw new AssertionError("expected a serialization failure");
      } catch (SQLException e) {
        b.rollback();
        return PostgresStore.translate("b", e).type();
      }
    }
  }

  private static void create(String id) {
    assertThat(store.createInstance(newInstance(id))).isTrue();
  }

  private static NewInstance newInstance(String id) {
    return NewInstance.builder(id, "test-orch", "1")
        .input("null")
        .initiatedBy("client")
        .startPayload("{\"executionId\":1,\"carriedEvents\":[]}")
        .build();
  }

  private static TurnCommit blocked(OrchestrationItem item) {
    return TurnCommit.running(WaitState.WAITING_FOR_EVENT)
        .counts(item.instance().turnCount() + 1, 0)
        .consumedMessageIds(item.messages().stream().map(m -> m.id()).toList())
        .build();
  }
}
