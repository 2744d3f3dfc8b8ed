package io.durobs.engine.runtime;

import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_EXECUTIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.OPERATION;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_OPERATION_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.QUEUE_WAIT_DURATION;
import static io.durobs.engine.testing.CollectedMetrics.assertThatMetric;
import static io.durobs.engine.testing.CollectedMetrics.longPoint;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.DurableTask;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.Registry;
import io.durobs.engine.store.InstrumentedStore;
import io.durobs.engine.store.postgres.PostgresStore;
import io.durobs.engine.testing.EngineTestBase;
import io.durobs.engine.testing.TestEngines;
import io.durobs.testing.telemetry.LogCapture;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.slf4j.LoggerFactory;

/**
 * A turn that schedules one activity this process starts keeps its instance locked, and the
 * activity's result goes straight to the next turn: no message in the orchestrator queue, one
 * commit per step. Events and cancel requests that arrive meanwhile still get through, and a
 * result that cannot continue in process goes through the queue. The orchestrator queue's id
 * sequence counts every message ever enqueued, which is what these tests read.
 */
class InProcessContinuationTest extends EngineTestBase {

  private static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * Pollers that fetch only when woken (by a start, a timer, work left for them) or once a
   * minute: a hold is then never refused because a periodic poll holds the idle slots, which the
   * exact message counts below would see.
   */
  private DurableRuntime start(Registry registry, Duration hold) {
    return start(registry, hold, Duration.ofMinutes(1));
  }

  /** A runtime whose pollers look every {@code poll}, e.g. to find a message once a hold ends. */
  private DurableRuntime start(Registry registry, Duration hold, Duration poll) {
    return start(registry, b -> b.continuationHold(hold).pollInterval(poll, poll));
  }

  private static Registry chain(int steps) {
    return Registry.builder()
        .activity("inc", ctx -> ctx.input(Integer.class) + 1)
        .orchestration("chain", ctx -> {
          int n = 0;
          for (int i = 0; i < steps; i++) {
            n = ctx.callActivity("inc", n, Integer.class).await();
          }
          return n;
        })
        .build();
  }

  @Test
  void eachActivityResultIsCommittedWithTheNextTurnWithoutTheQueue() {
    DurableClient client = start(chain(5), Duration.ofSeconds(5)).client();
    client.startOrchestration("chain", "c-1", null);

    assertThat(client.waitForCompletion("c-1", WAIT).output(Integer.class)).isEqualTo(5);
    assertThat(historyTypes("c-1", 1)).containsExactly("TurnStarted", "ExecutionStarted",
        "ActivityScheduled", "TurnStarted", "ActivityCompleted", "ActivityScheduled",
        "TurnStarted", "ActivityCompleted", "ActivityScheduled",
        "TurnStarted", "ActivityCompleted", "ActivityScheduled",
        "TurnStarted", "ActivityCompleted", "ActivityScheduled",
        "TurnStarted", "ActivityCompleted", "ExecutionCompleted");
    assertThat(messagesEverEnqueued()).as("only the start message").isEqualTo(1);
    assertThat(queryLong("SELECT count(*) FROM durobs.worker_queue")).isZero();
    assertThat(queryLong("SELECT count(*) FROM durobs.instances WHERE lock_token IS NOT NULL"))
        .isZero();
  }

  /**
   * The runtime's own client starts an instance on an idle orchestration slot of its process:
   * created locked for it, its first turn runs there, and its start message never waits in the
   * queue for a fetch (its queue wait is recorded as exactly 0; any fetch's is above 0).
   */
  @Test
  void aStartOnAnIdleSlotRunsItsFirstTurnWithoutAFetch() {
    assertThat(startAndTakeTheLeastQueueWait(2, "s-1")).isZero();
    assertThat(messagesEverEnqueued()).as("only the start message").isEqualTo(1);
  }

  /**
   * The poller keeps an idle slot from hand-offs only while the queue may have work: once its
   * look found the queue drained, a start takes even the last idle slot, and its first turn runs
   * there without a fetch.
   */
  @Test
  void aStartTakesTheLastIdleSlotOnceThePollersLookFoundTheQueueDrained() {
    assertThat(startAndTakeTheLeastQueueWait(1, "q-1")).isZero();
    assertThat(messagesEverEnqueued()).as("only the start message").isEqualTo(1);
  }

  /**
   * Starts a chain of two activities on a runtime of {@code slots} orchestration slots, waits for
   * it, and returns the least wait in the orchestrator queue the runtime recorded.
   */
  private double startAndTakeTheLeastQueueWait(int slots, String id) {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
        .build()) {
      DurableClient client = startAfterThePollersFirstLook(sdk, reader,
          b -> b.orchestrationConcurrency(slots));
      client.startOrchestration("chain", id, null);

      assertThat(client.waitForCompletion(id, WAIT).output(Integer.class)).isEqualTo(2);
      return reader.collectAllMetrics().stream()
          .filter(m -> m.getName().equals(QUEUE_WAIT_DURATION.otelName()))
          .flatMap(m -> m.getHistogramData().getPoints().stream())
          .filter(p -> "orchestrator".equals(
              p.getAttributes().get(AttributeKey.stringKey("queue"))))
          .mapToDouble(HistogramPointData::getMin).min().orElseThrow();
    }
  }

  /**
   * Once a fetch has found the queue drained, a turn's ack looks for no next item with it: on an
   * engine whose work all comes to it in process (starts on idle slots, held instances) every
   * such look found nothing, a statement per turn. Only the poller's first look remains here;
   * without the rule the acks of these 30 turns looked 19 times.
   */
  @Test
  void acksLookForNoNextItemOnceAFetchFoundTheQueueDrained() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
        .build()) {
      DurableClient client = startAfterThePollersFirstLook(sdk, reader, b -> { });

      for (int i = 0; i < 10; i++) {
        client.startOrchestration("chain", "d-" + i, null);
        assertThat(client.waitForCompletion("d-" + i, WAIT).output(Integer.class)).isEqualTo(2);
      }

      assertThat(messagesEverEnqueued()).as("only the start messages").isEqualTo(10);
      assertThat(fetchesOfOrchestrationItems(reader)).as("the poller's first look").isEqualTo(1);
    }
  }

  /**
   * A runtime of {@code chain(2)} whose metrics go to {@code sdk}, {@code tune} applied, once
   * its orchestration poller's first look has ended. The poller looks once when started, then
   * once a minute unless woken: no look of its own takes the idle slots at a start. And a start
   * whose insert shared a group commit with that first look's fetch would be taken by it in the
   * same transaction, having waited exactly 0.
   */
  private DurableClient startAfterThePollersFirstLook(OpenTelemetrySdk sdk,
      InMemoryMetricReader reader, Consumer<DurableRuntime.Builder> tune) {
    DurableClient client = start(chain(2), b -> tune.accept(b.openTelemetry(sdk)
        .continuationHold(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMinutes(1), Duration.ofMinutes(1)))).client();
    awaitTrue(() -> fetchesOfOrchestrationItems(reader) > 0, WAIT,
        "the orchestration poller's first look has ended");
    return client;
  }

  /** How many fetches of orchestration items the store recorded, whatever they found. */
  private static long fetchesOfOrchestrationItems(InMemoryMetricReader reader) {
    return reader.collectAllMetrics().stream()
        .filter(m -> m.getName().equals(PROVIDER_OPERATION_DURATION.otelName()))
        .flatMap(m -> m.getHistogramData().getPoints().stream())
        .filter(p -> InstrumentedStore.FETCH_ORCHESTRATION_ITEM.equals(
            p.getAttributes().get(AttributeKey.stringKey(OPERATION.name()))))
        .mapToLong(HistogramPointData::getCount).sum();
  }

  /**
   * A continued turn that ends its instance while an earlier activity is still pending (its
   * worker item queued or running) removes that item in the same commit: nothing is left for a
   * worker to run for an ended instance.
   */
  @Test
  void aContinuedTurnThatEndsTheInstanceRemovesItsOtherPendingWork() throws Exception {
    CountDownLatch slowRunning = new CountDownLatch(1);
    Registry registry = Registry.builder()
        .activity("inc", ctx -> ctx.input(Integer.class) + 1)
        .activity("slow", ctx -> {
          slowRunning.countDown();
          while (!ctx.isCancelled()) {
            Thread.sleep(10);
          }
          return null;
        })
        .orchestration("race", ctx -> {
          // two activities in one turn: both through the queue
          DurableTask<String> slow = ctx.callActivity("slow", null, String.class);
          int n = ctx.callActivity("inc", 0, Integer.class).await();
          // one activity in a turn: held, its result continues in process
          DurableTask<Integer> fast = ctx.callActivity("inc", n, Integer.class);
          ctx.anyOf(slow, fast).await();
          return fast.await();
        })
        .build();
    DurableClient client = start(registry, Duration.ofMinutes(5), Duration.ofMillis(100))
        .client();
    client.startOrchestration("race", "r-1", null);

    assertThat(client.waitForCompletion("r-1", WAIT).output(Integer.class)).isEqualTo(2);
    assertThat(slowRunning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(messagesEverEnqueued()).as("the start message and the first result")
        .isEqualTo(2);
    assertThat(queryLong("SELECT count(*) FROM durobs.worker_queue")).as("the slow activity's item")
        .isZero();
  }

  @Test
  void withTheHoldOffEveryResultGoesThroughTheQueue() {
    DurableClient client = start(chain(5), Duration.ZERO).client();
    client.startOrchestration("chain", "c-2", null);

    assertThat(client.waitForCompletion("c-2", WAIT).output(Integer.class)).isEqualTo(5);
    assertThat(messagesEverEnqueued()).as("the start message and five results").isEqualTo(6);
  }

  @Test
  void anEventThatArrivesWhileTheInstanceIsHeldIsDeliveredAfterTheActivity() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Registry registry = gateThenEvent(running, finish);
    // held far longer than the test: only the event itself can end the hold
    DurableClient client = start(registry, Duration.ofMinutes(5)).client();
    client.startOrchestration("gated", "g-1", null);
    assertThat(running.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(isHeld("g-1")).as("held while the activity runs").isTrue();

    client.raiseEvent("g-1", "go", "now");
    finish.countDown();

    assertThat(client.waitForCompletion("g-1", WAIT).outputJson()).isEqualTo("\"done now\"");
  }

  @Test
  void aCancelRequestWhileTheInstanceIsHeldEndsItOnceTheHoldExpires() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    Registry registry = Registry.builder()
        .activity("forever", ctx -> {
          running.countDown();
          while (!ctx.isCancelled()) {
            Thread.sleep(10);
          }
          return null;
        })
        .orchestration("long", ctx -> ctx.callActivity("forever", null, String.class).await())
        .build();
    // polls that find the request once the hold has expired
    DurableClient client = start(registry, Duration.ofMillis(300), Duration.ofMillis(100))
        .client();
    client.startOrchestration("long", "l-1", null);
    assertThat(running.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(isHeld("l-1")).as("held while the activity runs").isTrue();

    assertThat(client.cancel("l-1", "stop")).isTrue();

    assertThat(client.waitForCompletion("l-1", WAIT).state())
        .isEqualTo(OrchestrationState.CANCELLED);
  }

  /**
   * The attempt whose result was handed to its held instance is counted by that result's fate,
   * as a worker's ack would count it: "success" once the next turn committed it, "cancelled"
   * when a cancel request ended the instance meanwhile (the result then finds its item gone).
   */
  @Test
  void aHandedResultIsCountedByItsFateSuccessWhenCommittedCancelledWhenTheInstanceEnded()
      throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Registry registry = Registry.builder()
        .activity("wait", ctx -> {
          running.countDown();
          finish.await(); // ends only when told, whatever the lock renewals say
          return "done";
        })
        .activity("quick", ctx -> "quick")
        .orchestration("waits", ctx -> ctx.callActivity("wait", null, String.class).await())
        .orchestration("quick", ctx -> ctx.callActivity("quick", null, String.class).await())
        .build();
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
        .build()) {
      Duration poll = Duration.ofMillis(100);
      DurableClient client = start(registry, b -> b.openTelemetry(sdk)
          .continuationHold(Duration.ofMillis(300)).pollInterval(poll, poll)).client();
      client.startOrchestration("quick", "q-1", null);
      assertThat(client.waitForCompletion("q-1", WAIT).state())
          .isEqualTo(OrchestrationState.COMPLETED);

      client.startOrchestration("waits", "c-1", null);
      assertThat(running.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(isHeld("c-1")).as("held while the activity runs").isTrue();
      assertThat(client.cancel("c-1", "stop")).isTrue();
      assertThat(client.waitForCompletion("c-1", WAIT).state())
          .isEqualTo(OrchestrationState.CANCELLED);
      finish.countDown(); // its result now reaches the held turn, which finds the instance ended

      awaitAsserted(WAIT, () -> assertThatMetric(reader, ACTIVITY_EXECUTIONS)
          .hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
              longPoint(1, "activity_name", "quick", "outcome", "success"),
              longPoint(1, "activity_name", "wait", "outcome", "cancelled"))));
    }
  }

  /**
   * The only orchestration slot is busy when the activity ends: the result waits in process for
   * that slot, ahead of anything queued in the store, and never goes through the queue.
   */
  @Test
  void aResultWaitsInProcessForABusySlot() throws Throwable {
    resultWaitsBehindABusySlot(b -> { }, () -> { });
  }

  /**
   * A result that waits in process for a busy slot longer than the worker lock keeps its worker
   * item locked meanwhile: no other worker fetches the activity again, and the result still
   * reaches its turn in process.
   */
  @Test
  void aResultWaitingLongerThanTheWorkerLockKeepsItsItemLocked() throws Throwable {
    Duration workerLock = Duration.ofSeconds(1);
    resultWaitsBehindABusySlot(b -> b.workerLockTimeout(workerLock), () -> {
      Thread.sleep(workerLock.multipliedBy(3).toMillis()); // the result waits, three locks long
      assertThat(store.fetchWorkItems(5, WAIT)).as("what another worker finds").isEmpty();
    });
  }

  /**
   * Runs "gated", whose activity ends when told, while "blocker" holds the only orchestration
   * slot: the activity's result then waits in process for that slot, and {@code whileWaiting}
   * runs. Both instances end as they would have anyway, through the two start messages only.
   */
  private void resultWaitsBehindABusySlot(Consumer<DurableRuntime.Builder> tune,
      Executable whileWaiting) throws Throwable {
    CountDownLatch activityRunning = new CountDownLatch(1);
    CountDownLatch activityFinish = new CountDownLatch(1);
    CountDownLatch blockerRunning = new CountDownLatch(1);
    CountDownLatch blockerFinish = new CountDownLatch(1);
    Registry registry = Registry.builder()
        .activity("gate", ctx -> {
          activityRunning.countDown();
          activityFinish.await(WAIT.toSeconds(), TimeUnit.SECONDS);
          return "passed";
        })
        .orchestration("gated", ctx -> ctx.callActivity("gate", null, String.class).await())
        .orchestration("blocker", ctx -> {
          // holds the only slot, as a long turn would (test only: real code must not block)
          blockerRunning.countDown();
          blockerFinish.await(WAIT.toSeconds(), TimeUnit.SECONDS);
          return "unblocked";
        })
        .build();
    DurableRuntime rt = start(registry, b -> tune.accept(b.orchestrationConcurrency(1)
        .continuationHold(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMinutes(1), Duration.ofMinutes(1))));
    DurableClient client = rt.client();
    client.startOrchestration("gated", "q-1", null);
    assertThat(activityRunning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    client.startOrchestration("blocker", "b-1", null);
    assertThat(blockerRunning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    activityFinish.countDown();
    // the worker slot is done once it has handed the result on, while the blocker runs
    awaitTrue(() -> rt.workers().busySlots() == 0, WAIT, "the activity ended");
    assertThat(rt.orchestrations().busySlots()).isEqualTo(1);
    whileWaiting.execute();
    blockerFinish.countDown();

    assertThat(client.waitForCompletion("q-1", WAIT).outputJson()).isEqualTo("\"passed\"");
    assertThat(client.waitForCompletion("b-1", WAIT).outputJson()).isEqualTo("\"unblocked\"");
    assertThat(messagesEverEnqueued()).as("the two start messages only").isEqualTo(2);
  }

  /**
   * The hold expired and another turn took the instance (for an event) while the activity ran:
   * the held turn's commit finds its lock gone, writes nothing, and the result goes through the
   * queue to the instance's new holder.
   */
  @Test
  void aResultWhoseHoldWasTakenOverGoesThroughTheQueue() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Registry registry = gateThenEvent(running, finish);
    DurableClient client = start(registry, Duration.ofMillis(300), Duration.ofMillis(100))
        .client();
    client.startOrchestration("gated", "t-1", null);
    assertThat(running.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(isHeld("t-1")).as("held while the activity runs").isTrue();

    client.raiseEvent("t-1", "go", "now");
    awaitTrue(() -> historyTypes("t-1", 1).contains("EventRaised"), WAIT,
        "a turn after the hold expired took the event");
    finish.countDown();

    assertThat(client.waitForCompletion("t-1", WAIT).outputJson()).isEqualTo("\"done now\"");
    assertThat(messagesEverEnqueued()).as("start, event, and the result").isEqualTo(3);
  }

  /**
   * Another session holds the held instance's row (a hung process, a forgotten transaction)
   * when its activity ends: the next turn does not wait for the row, which would hold a slot and
   * a commit lane; the result goes through the queue, other instances go on meanwhile, and the
   * instance completes once the row is free.
   */
  @Test
  void aRowLockedByAnotherSessionDoesNotWedgeTheEngine() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Registry registry = Registry.builder()
        .activity("gate", ctx -> {
          if ("wait".equals(ctx.input(String.class))) {
            running.countDown();
            finish.await(WAIT.toSeconds(), TimeUnit.SECONDS);
          }
          return "passed";
        })
        .orchestration("gated", ctx -> ctx.callActivity("gate", ctx.input(String.class),
            String.class).await())
        .build();
    // a lock_timeout far above this test's waits: only not waiting for the row gets through
    PostgresStore patient = TestEngines.storeBuilder(db).lockTimeout(Duration.ofMinutes(5))
        .build();
    ListAppender<ILoggingEvent> logs = LogCapture.attach();
    Logger dispatcherLog = (Logger) LoggerFactory.getLogger(OrchestrationDispatcher.class);
    Level configured = dispatcherLog.getLevel();
    dispatcherLog.setLevel(Level.INFO); // the tests' configuration keeps it at WARN
    DurableRuntime rt = start(registry, b -> b.store(patient)
        .continuationHold(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(100), Duration.ofMillis(100)));
    DurableClient client = rt.client();
    client.startOrchestration("gated", "r-1", "wait");
    assertThat(running.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(isHeld("r-1")).as("held while the activity runs").isTrue();
    try (Connection other = db.connect()) {
      other.setAutoCommit(false);
      try (Statement st = other.createStatement()) {
        st.execute("SELECT 1 FROM durobs.instances WHERE instance_id = 'r-1' FOR UPDATE");
      }
      finish.countDown();
      awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.orchestrator_queue"
          + " WHERE instance_id = 'r-1' AND kind = 'ActivityCompleted'") == 1, WAIT,
          "the result enqueued while the row is locked");
      // the turn did not wait for the row: it found it taken and handed the result on
      assertThat(LogCapture.messages(logs, OrchestrationDispatcher.class.getName()))
          .contains("instance r-1: its hold was taken over or its row is locked by another"
              + " session; the activity's result goes through the queue");
      client.startOrchestration("gated", "r-2", "go");
      assertThat(client.waitForCompletion("r-2", WAIT).outputJson()).isEqualTo("\"passed\"");
      other.rollback();
    }

    assertThat(client.waitForCompletion("r-1", WAIT).outputJson()).isEqualTo("\"passed\"");
    stop(rt); // before its store
    patient.close();
    LogCapture.detach(logs);
    dispatcherLog.setLevel(configured);
  }

  /** An activity that waits for {@code finish}, then an event "go"; the output joins both. */
  private static Registry gateThenEvent(CountDownLatch running, CountDownLatch finish) {
    return Registry.builder()
        .activity("gate", ctx -> {
          running.countDown();
          return finish.await(WAIT.toSeconds(), TimeUnit.SECONDS) ? "done" : "timed out";
        })
        .orchestration("gated", ctx -> {
          String gate = ctx.callActivity("gate", null, String.class).await();
          return gate + " " + ctx.waitForEvent("go", String.class).await();
        })
        .build();
  }

  private static boolean isHeld(String instanceId) {
    return queryLong("SELECT count(*) FROM durobs.instances WHERE instance_id = ?"
        + " AND lock_token IS NOT NULL", instanceId) == 1;
  }

  private static long messagesEverEnqueued() {
    return queryLong("SELECT CASE WHEN is_called THEN last_value ELSE 0 END"
        + " FROM durobs.orchestrator_queue_id_seq");
  }
}
