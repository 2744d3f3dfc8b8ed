package io.durobs.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.Registry;
import io.durobs.engine.testing.EngineTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Turn chains ({@link DurableRuntime.Builder#chainBudget}): once an activity has been quick
 * {@value QuickActivities#STREAK} times in a row, a turn that waits on it alone runs it at once
 * and goes on to the next turn, committing the chain's turns together, within the budget. The
 * history is the same event for event; what changes is how many commits wrote it, which these
 * tests read from the history table's rows (one per commit) and the worker queue's id sequence
 * (one per worker item ever written). What a process killed inside a chain leaves is
 * {@link CrashSafetyTest}'s.
 */
class TurnChainTest extends EngineTestBase {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> FIVE_STEPS = List.of("TurnStarted", "ExecutionStarted",
      "ActivityScheduled", "TurnStarted", "ActivityCompleted", "ActivityScheduled",
      "TurnStarted", "ActivityCompleted", "ActivityScheduled",
      "TurnStarted", "ActivityCompleted", "ActivityScheduled",
      "TurnStarted", "ActivityCompleted", "ActivityScheduled",
      "TurnStarted", "ActivityCompleted", "ExecutionCompleted");

  /** Runs of the {@code inc} activity by instance. */
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  /** How long each {@code inc} attempt sleeps, in milliseconds. */
  private final AtomicLong sleepMillis = new AtomicLong();

  private Registry sequence(int steps) {
    return Registry.builder()
        .activity("inc", ctx -> {
          runs.computeIfAbsent(ctx.instanceId(), k -> new AtomicInteger()).incrementAndGet();
          long ms = sleepMillis.get();
          if (ms > 0) {
            Thread.sleep(ms);
          }
          return ctx.input(Integer.class) + 1;
        })
        .orchestration("seq", ctx -> {
          int n = 0;
          for (int i = 0; i < steps; i++) {
            n = ctx.callActivity("inc", n, Integer.class).await();
          }
          return n;
        })
        .build();
  }

  /** Runs {@code id} to its end and returns its output. */
  private static int run(DurableClient client, String id) {
    client.startOrchestration("seq", id, null);
    return client.waitForCompletion(id, WAIT).output(Integer.class);
  }

  @Test
  void aQuickActivitysTurnsAreCommittedTogetherWithTheSameHistory() {
    DurableClient client = start(sequence(5), b -> b.chainBudget(Duration.ofSeconds(5)))
        .client();
    // ten attempts, each far under a quarter of the budget: quick from the eighth on
    run(client, "warm-1");
    run(client, "warm-2");
    long workItemsBefore = workItemsEverWritten();

    assertThat(run(client, "c-1")).isEqualTo(5);
    assertThat(historyTypes("c-1", 1)).containsExactlyElementsOf(FIVE_STEPS);
    assertThat(turnsPerCommit("c-1")).as("all six turns in one commit").containsExactly(6);
    assertThat(queryLong("SELECT turn_count FROM durobs.instances WHERE instance_id = 'c-1'"))
        .isEqualTo(6);
    assertThat(workItemsEverWritten()).as("no worker item").isEqualTo(workItemsBefore);
    assertThat(runs.get("c-1")).as("each activity ran once").hasValue(5);
    assertThat(turnsPerCommit("warm-1")).as("not quick yet: a commit per turn")
        .containsExactly(1, 1, 1, 1, 1, 1);
  }

  @Test
  void withoutABudgetEachTurnCommitsOnItsOwn() {
    DurableClient client = start(sequence(5), b -> b.chainBudget(Duration.ZERO)).client();
    run(client, "warm-1");
    run(client, "warm-2");

    assertThat(run(client, "c-1")).isEqualTo(5);
    assertThat(historyTypes("c-1", 1)).containsExactlyElementsOf(FIVE_STEPS);
    assertThat(turnsPerCommit("c-1")).containsExactly(1, 1, 1, 1, 1, 1);
  }

  /**
   * An attempt over a quarter of the budget ends the activity's streak: the chain commits with
   * the next call scheduled in the worker queue, and the calls after it go through the queue
   * until the activity has been quick eight times again.
   */
  @Test
  void anActivityThatTurnsSlowGoesBackToTheWorkerQueue() {
    DurableClient client = start(sequence(5), b -> b.chainBudget(Duration.ofMillis(400)))
        .client();
    run(client, "warm-1");
    run(client, "warm-2");
    sleepMillis.set(150); // over the 100 ms a quick attempt may take

    assertThat(run(client, "c-1")).isEqualTo(5);
    assertThat(historyTypes("c-1", 1)).containsExactlyElementsOf(FIVE_STEPS);
    // the first turn ran the (then quick) first call inline, and its result's turn committed
    // with it; the other four went through the worker queue, a commit per turn
    assertThat(turnsPerCommit("c-1")).containsExactly(2, 1, 1, 1, 1);
  }

  /**
   * A chain commits once it has run for its budget: with attempts of at least 30 ms and a
   * budget of 300 ms, no commit holds more than the first turn and ten chained ones.
   */
  @Test
  void aChainCommitsWhenItsBudgetIsSpent() {
    sleepMillis.set(30);
    DurableClient client = start(sequence(30), b -> b.chainBudget(Duration.ofMillis(300)))
        .client();
    run(client, "warm-1");

    assertThat(run(client, "c-1")).isEqualTo(30);
    List<Integer> commits = turnsPerCommit("c-1");
    assertThat(commits.stream().mapToInt(Integer::intValue).sum()).isEqualTo(31);
    assertThat(commits).allSatisfy(turns -> assertThat(turns).isLessThanOrEqualTo(11));
    assertThat(commits).as("chained at all").anySatisfy(turns -> assertThat(turns).isGreaterThan(1));
  }

  /**
   * A chain's activity inputs and results are bounded at one payload's limit: with results of
   * 402 characters and a limit of 1,000 bytes, the chain commits after its third activity's
   * result, and the next chain starts from the fourth activity, which went through the queue.
   */
  @Test
  void aChainCommitsWhenItsResultsReachOnePayloadsLimit() {
    Registry registry = Registry.builder()
        .activity("pad", ctx -> "x".repeat(400))
        .orchestration("padded", ctx -> {
          for (int i = 0; i < 6; i++) {
            ctx.callActivity("pad", i, String.class).await();
          }
          return "done";
        })
        .build();
    DurableClient client = start(registry, b -> b.chainBudget(Duration.ofSeconds(5))
        .maxPayloadBytes(1_000)).client();
    for (String id : List.of("warm-1", "warm-2", "c-1")) {
      client.startOrchestration("padded", id, null);
      assertThat(client.waitForCompletion(id, WAIT).outputJson()).isEqualTo("\"done\"");
    }

    assertThat(turnsPerCommit("c-1")).containsExactly(4, 3);
  }

  /** The turns each history row of {@code instanceId} holds: one row per commit, in order. */
  private static List<Integer> turnsPerCommit(String instanceId) {
    return queryStrings("SELECT (SELECT count(*) FROM durobs.history_events e"
        + " WHERE e.instance_id = h.instance_id AND e.execution_id = h.execution_id"
        + " AND e.event_type = 'TurnStarted' AND e.seq >= h.seq AND e.seq < COALESCE("
        + "(SELECT min(n.seq) FROM durobs.history n WHERE n.instance_id = h.instance_id"
        + " AND n.execution_id = h.execution_id AND n.seq > h.seq), 2147483647))::text"
        + " FROM durobs.history h WHERE h.instance_id = ? ORDER BY h.execution_id, h.seq",
        instanceId).stream().map(Integer::valueOf).toList();
  }

  private static long workItemsEverWritten() {
    return queryLong("SELECT CASE WHEN is_called THEN last_value ELSE 0 END"
        + " FROM durobs.worker_queue_id_seq");
  }
}
