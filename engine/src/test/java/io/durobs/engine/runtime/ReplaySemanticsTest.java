package io.durobs.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.DurableTask;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.OrchestrationStatus;
import io.durobs.engine.api.Registry;
import io.durobs.engine.api.TaskFailedException;
import io.durobs.engine.store.HistoryRow;
import io.durobs.engine.testing.EngineTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The orchestration API under replay: each feature over several real turns. */
class ReplaySemanticsTest extends EngineTestBase {

  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Input and output of the typed test orchestration. */
  public record Order(String item, int quantity) {}

  @Test
  void chainsActivitiesWithTypedJsonInputAndOutput() {
    Registry registry = Registry.builder()
        .activity("price", ctx -> ctx.input(Order.class).quantity() * 3)
        .activity("describe", ctx -> "total " + ctx.input(Integer.class))
        .orchestration("order", ctx -> {
          Order order = ctx.input(Order.class);
          int total = ctx.callActivity("price", order, Integer.class).await();
          String text = ctx.callActivity("describe", total, String.class).await();
          return Map.of("item", order.item(), "text", text);
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("order", "order-1", new Order("pen", 4));

    OrchestrationStatus status = client.waitForCompletion("order-1", WAIT);

    assertThat(status.state()).isEqualTo(OrchestrationState.COMPLETED);
    assertThat(status.outputJson()).contains("\"item\":\"pen\"").contains("\"text\":\"total 12\"");
    assertThat(status.inputJson()).isEqualTo("{\"item\":\"pen\",\"quantity\":4}");
    assertThat(historyTypes("order-1", 1)).containsExactly("TurnStarted", "ExecutionStarted",
        "ActivityScheduled", "TurnStarted", "ActivityCompleted", "ActivityScheduled",
        "TurnStarted", "ActivityCompleted", "ExecutionCompleted");
  }

  @Test
  void fansOutAndInWithAllOf() {
    Registry registry = Registry.builder()
        .activity("square", ctx -> {
          int n = ctx.input(Integer.class);
          return n * n;
        })
        .orchestration("fan", ctx -> {
          List<DurableTask<Integer>> tasks = new ArrayList<>();
          for (int i = 1; i <= 10; i++) {
            tasks.add(ctx.callActivity("square", i, Integer.class));
          }
          return ctx.allOf(tasks).await().stream().mapToInt(Integer::intValue).sum();
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("fan", "fan-1", null);

    assertThat(client.waitForCompletion("fan-1", WAIT).output(Integer.class)).isEqualTo(385);
    assertThat(historyTypes("fan-1", 1).stream().filter("ActivityScheduled"::equals))
        .hasSize(10);
  }

  @Test
  void allOfFailsWithTheFirstFailureInListOrderAfterAllAreDone() {
    AtomicInteger finished = new AtomicInteger();
    Registry registry = Registry.builder()
        .activity("maybe", ctx -> {
          int n = ctx.input(Integer.class);
          finished.incrementAndGet();
          if (n % 2 == 1) {
            throw new IllegalArgumentException("odd " + n);
          }
          return n;
        })
        .orchestration("fan-fail", ctx -> {
          List<DurableTask<Integer>> tasks = new ArrayList<>();
          for (int i = 0; i < 4; i++) {
            tasks.add(ctx.callActivity("maybe", i, Integer.class));
          }
          try {
            ctx.allOf(tasks).await();
            return "no failure?";
          } catch (TaskFailedException e) {
            return e.details().message() + " after " + tasks.stream().filter(DurableTask::isDone)
                .count() + " done, failed: " + tasks.stream().filter(DurableTask::isFailed)
                .count();
          }
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("fan-fail", "fan-fail-1", null);

    assertThat(client.waitForCompletion("fan-fail-1", WAIT).output(String.class))
        .isEqualTo("odd 1 after 4 done, failed: 2");
    assertThat(finished).hasValue(4);
  }

  @Test
  void startingAChildWhoseIdIsTakenFailsTheCallButNotADetachedStart() {
    Registry registry = Registry.builder()
        .orchestration("noop", ctx -> "first")
        .orchestration("clasher", ctx -> {
          ctx.startOrchestration("noop", "taken-id", null); // already exists: nothing happens
          try {
            return ctx.callSubOrchestration("noop", null, "taken-id", null, String.class)
                .await();
          } catch (TaskFailedException e) {
            return e.details().kind();
          }
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("noop", "taken-id", null);
    client.waitForCompletion("taken-id", WAIT);
    client.startOrchestration("clasher", "clasher-1", null);

    assertThat(client.waitForCompletion("clasher-1", WAIT).output(String.class))
        .isEqualTo("instance_exists");
    assertThat(client.getStatus("taken-id").orElseThrow().output(String.class))
        .isEqualTo("first");
    assertThat(queryStrings("SELECT initiated_by FROM durobs.instances WHERE instance_id = ?",
        "taken-id")).containsExactly("client");
  }

  @Test
  void durableTimerFiresAfterItsDelayAndAdvancesDeterministicTime() {
    Registry registry = Registry.builder()
        .orchestration("sleeper", ctx -> {
          Instant before = ctx.currentTime();
          ctx.createTimer(Duration.ofMillis(400)).await();
          return Duration.between(before, ctx.currentTime()).toMillis();
        })
        .build();
    DurableClient client = start(registry).client();
    long t0 = System.nanoTime();
    client.startOrchestration("sleeper", "sleep-1", null);

    long deterministicMillis = client.waitForCompletion("sleep-1", WAIT).output(Long.class);

    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(400);
    assertThat(deterministicMillis).isGreaterThanOrEqualTo(400);
    assertThat(historyTypes("sleep-1", 1)).contains("TimerCreated", "TimerFired");
  }

  @Test
  void externalEventsAreBufferedUntilWaitedForAndMatchedInOrder() {
    Registry registry = Registry.builder()
        .orchestration("listener", ctx -> {
          ctx.createTimer(Duration.ofMillis(300)).await();
          String first = ctx.waitForEvent("go", String.class).await();
          String second = ctx.waitForEvent("go", String.class).await();
          return first + "," + second;
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("listener", "listen-1", null);
    client.raiseEvent("listen-1", "go", "a"); // raised before the wait: buffered

    awaitState("listen-1", client);
    client.raiseEvent("listen-1", "go", "b");

    assertThat(client.waitForCompletion("listen-1", WAIT).output(String.class)).isEqualTo("a,b");
  }

  @Test
  void anyOfTimerVersusEventTakesWhicheverComesFirst() {
    Registry registry = Registry.builder()
        .orchestration("race", ctx -> {
          DurableTask<String> approval = ctx.waitForEvent("approve", String.class);
          DurableTask<Void> timeout = ctx.createTimer(Duration.ofMillis(
              ctx.input(Integer.class)));
          DurableTask<?> winner = ctx.anyOf(approval, timeout).await();
          return winner == approval ? "approved " + approval.await() : "timed out";
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("race", "race-event", 20_000);
    client.startOrchestration("race", "race-timer", 300);
    client.raiseEvent("race-event", "approve", "by ann");

    assertThat(client.waitForCompletion("race-event", WAIT).output(String.class))
        .isEqualTo("approved by ann");
    assertThat(client.waitForCompletion("race-timer", WAIT).output(String.class))
        .isEqualTo("timed out");
  }

  @Test
  void waitForEventWithTimeoutWithdrawsTheWaitAndContinueAsNewCarriesLaterEvents() {
    Registry registry = Registry.builder()
        .orchestration("loop", ctx -> {
          int round = ctx.input(Integer.class);
          Optional<String> msg = ctx.waitForEvent("msg", String.class, Duration.ofMillis(300))
              .await();
          if (msg.isPresent()) {
            return "round " + round + ": " + msg.get();
          }
          ctx.continueAsNew(round + 1);
          return null;
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("loop", "loop-1", 0);
    awaitExecution(client, "loop-1", 3);

    client.raiseEvent("loop-1", "msg", "hello");

    OrchestrationStatus done = client.waitForCompletion("loop-1", WAIT);
    assertThat(done.output(String.class)).endsWith(": hello");
    assertThat(done.executionId()).isGreaterThanOrEqualTo(3);
    assertThat(historyTypes("loop-1", 1)).last().isEqualTo("ContinuedAsNew");
    assertThat(queryLong("SELECT count(*) FROM durobs.history_events WHERE instance_id = 'loop-1'"
        + " AND event_type = 'EventRaised'")).isEqualTo(1);
  }

  @Test
  void continueAsNewStartsFreshExecutionsWithEmptyHistory() {
    Registry registry = Registry.builder()
        .activity("inc", ctx -> ctx.input(Integer.class) + 1)
        .orchestration("counter", ctx -> {
          int n = ctx.callActivity("inc", ctx.input(Integer.class), Integer.class).await();
          if (n < 5) {
            ctx.continueAsNew(n);
          }
          return n;
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("counter", "count-1", 0);

    OrchestrationStatus status = client.waitForCompletion("count-1", WAIT);

    assertThat(status.output(Integer.class)).isEqualTo(5);
    assertThat(status.executionId()).isEqualTo(5);
    for (long e = 1; e <= 4; e++) {
      assertThat(historyTypes("count-1", e)).first().isEqualTo("TurnStarted");
      assertThat(historyTypes("count-1", e)).last().isEqualTo("ContinuedAsNew");
    }
    assertThat(historyTypes("count-1", 5)).hasSize(6).last().isEqualTo("ExecutionCompleted");
    assertThat(queryStrings("SELECT initiated_by FROM durobs.instances WHERE instance_id = ?",
        "count-1")).containsExactly("continueAsNew");
  }

  @Test
  void subOrchestrationResultsAndFailuresReachTheParent() {
    Registry registry = Registry.builder()
        .orchestration("child", ctx -> {
          int n = ctx.input(Integer.class);
          if (n < 0) {
            throw new IllegalArgumentException("negative: " + n);
          }
          return n * 10;
        })
        .orchestration("parent", ctx -> {
          int ok = ctx.callSubOrchestration("child", 4, Integer.class).await();
          try {
            ctx.callSubOrchestration("child", null, "explicit-child", -1, Integer.class).await();
            return "no failure?";
          } catch (TaskFailedException e) {
            return ok + " / " + e.details().message();
          }
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("parent", "parent-1", null);

    assertThat(client.waitForCompletion("parent-1", WAIT).output(String.class))
        .isEqualTo("40 / negative: -1");
    assertThat(client.getStatus("explicit-child").orElseThrow().state())
        .isEqualTo(OrchestrationState.FAILED);
    assertThat(client.getStatus("parent-1:1:1").orElseThrow().output(Integer.class))
        .isEqualTo(40);
    assertThat(queryStrings("SELECT initiated_by FROM durobs.instances WHERE instance_id = ?",
        "explicit-child")).containsExactly("suborchestration");
  }

  @Test
  void detachedOrchestrationRunsOnItsOwn() {
    Registry registry = Registry.builder()
        .orchestration("worker", ctx -> {
          ctx.createTimer(Duration.ofMillis(200)).await();
          return "worked";
        })
        .orchestration("launcher", ctx -> {
          ctx.startOrchestration("worker", "detached-1", null);
          return "launched";
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("launcher", "launcher-1", null);

    assertThat(client.waitForCompletion("launcher-1", WAIT).output(String.class))
        .isEqualTo("launched");
    assertThat(client.waitForCompletion("detached-1", WAIT).output(String.class))
        .isEqualTo("worked");
    assertThat(queryStrings("SELECT initiated_by FROM durobs.instances WHERE instance_id = ?",
        "detached-1")).containsExactly("detached");
    assertThat(queryLong("SELECT count(*) FROM durobs.instances WHERE parent_instance_id"
        + " = 'launcher-1'")).isZero();
  }

  @Test
  void timeAndIdsAreDeterministicAcrossReplays() {
    Registry registry = Registry.builder()
        .activity("echo", ctx -> ctx.inputJson())
        .orchestration("deterministic", ctx -> {
          String id = ctx.newUuid().toString();
          String time = ctx.currentTime().toString();
          // the values reach the history in turn 1, and are recomputed by every replay
          String echoed = ctx.callActivity("echo", List.of(id, time), String.class).await();
          ctx.createTimer(Duration.ofMillis(100)).await();
          ctx.callActivity("echo", "again", String.class).await();
          return echoed.equals(io.durobs.engine.api.JsonCodec.encode(List.of(id, time), "x"));
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("deterministic", "det-1", null);

    assertThat(client.waitForCompletion("det-1", WAIT).output(Boolean.class)).isTrue();
  }

  @Test
  void replaySafeLoggerAndIsReplayingSeeEachEventOnce() {
    AtomicInteger liveVisits = new AtomicInteger();
    AtomicInteger allVisits = new AtomicInteger();
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger)
        LoggerFactory.getLogger("io.durobs.orchestration");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.INFO);
    try {
      Registry registry = Registry.builder()
          .activity("noop", ctx -> null)
          .orchestration("logs", ctx -> {
            allVisits.incrementAndGet();
            if (!ctx.isReplaying()) {
              liveVisits.incrementAndGet();
            }
            ctx.logger().info("starting {}", ctx.instanceId());
            for (int i = 0; i < 3; i++) {
              ctx.callActivity("noop", i, Void.class).await();
            }
            return null;
          })
          .build();
      DurableClient client = start(registry).client();
      client.startOrchestration("logs", "logs-1", null);
      client.waitForCompletion("logs-1", WAIT);

      assertThat(allVisits.get()).isEqualTo(4); // one per turn
      assertThat(liveVisits.get()).isEqualTo(1);
      assertThat(appender.list).filteredOn(e -> e.getFormattedMessage().equals(
          "starting logs-1")).hasSize(1)
          .allSatisfy(e -> assertThat(e.getMDCPropertyMap())
              .containsEntry("instance_id", "logs-1")
              .containsEntry("orchestration_name", "logs")
              .containsEntry("execution_id", "1"));
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(null);
    }
  }

  @Test
  void historyHasNoDuplicateTaskEvents() {
    Registry registry = Registry.builder()
        .activity("a", ctx -> ctx.input(Integer.class))
        .orchestration("many", ctx -> {
          List<DurableTask<Integer>> t = new ArrayList<>();
          for (int i = 0; i < 5; i++) {
            t.add(ctx.callActivity("a", i, Integer.class));
          }
          ctx.allOf(t).await();
          return null;
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("many", "many-1", null);
    client.waitForCompletion("many-1", WAIT);

    List<HistoryRow> rows = store.readHistory("many-1", 1);
    List<Integer> completedTasks = rows.stream().map(r -> Messages.decodeEvent(r.payload()))
        .filter(e -> e instanceof HistoryEvent.ActivityCompleted).map(HistoryEvent::taskId)
        .toList();
    assertThat(completedTasks).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
  }

  @Test
  void messagesForAnEndedExecutionAreDroppedWithoutATurn() {
    Registry registry = Registry.builder()
        .orchestration("hopper", ctx -> {
          if (ctx.input(Integer.class) == 0) {
            // this timer outlives execution 1; its firing must not cost execution 2 a turn. An
            // hour, made due by the test once execution 2 runs: a short one raced the event
            // (on a loaded machine it fired in execution 1, before "next" arrived)
            ctx.createTimer(Duration.ofHours(1));
            ctx.waitForEvent("next", String.class).await();
            ctx.continueAsNew(1);
          }
          return ctx.waitForEvent("done", String.class).await();
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("hopper", "hopper-1", 0);
    awaitState("hopper-1", client);
    client.raiseEvent("hopper-1", "next", null);
    awaitExecution(client, "hopper-1", 2);
    assertThat(queryLong("WITH t AS (UPDATE durobs.orchestrator_queue SET visible_at = now()"
        + " WHERE instance_id = 'hopper-1' AND execution_id = 1 AND kind = 'TimerFired'"
        + " RETURNING 1) SELECT count(*) FROM t")).as("execution 1's timer, made due").isEqualTo(1);
    awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.orchestrator_queue"
        + " WHERE instance_id = 'hopper-1'") == 0, WAIT, "the stale timer was consumed");
    List<String> before = historyTypes("hopper-1", 2);

    client.raiseEvent("hopper-1", "done", "ok");

    assertThat(client.waitForCompletion("hopper-1", WAIT).output(String.class)).isEqualTo("ok");
    assertThat(before).containsExactly("TurnStarted", "ExecutionStarted");
    assertThat(historyTypes("hopper-1", 1)).contains("TimerCreated").doesNotContain("TimerFired");
  }

  private static void awaitState(String id, DurableClient client) {
    awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.instances WHERE instance_id = ?"
        + " AND wait_state = 'waiting_for_event'", id) == 1, WAIT, id + " waits for an event");
  }

  private static void awaitExecution(DurableClient client, String id, long execution) {
    awaitTrue(() -> client.getStatus(id).orElseThrow().executionId() >= execution, WAIT,
        id + " reaches execution " + execution);
  }
}
