package io.durobs.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.testing.EngineProcess;
import io.durobs.engine.testing.EngineTestBase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An engine in a child JVM is killed with SIGKILL in the middle of activities and in the middle
 * of turns (held there by the workload's gates, so each kill lands inside them), several times; after a restart every orchestration completes exactly once, with
 * every activity result (activities ran at least once).
 */
class CrashSafetyTest extends EngineTestBase {

  private static final int ORCHESTRATIONS = 20;
  private static final int STEPS = 4;
  private static final Duration LOCK = Duration.ofMillis(1500);

  @Test
  void killedEnginesLoseNothingAndCompleteEachOrchestrationOnce() throws Exception {
    EngineProcess.createLogTable(db.jdbcUrl(), db.user(), db.password());
    DurableClient client = client(EngineProcess.registry(db.jdbcUrl(), db.user(),
        db.password()));
    for (int i = 0; i < ORCHESTRATIONS; i++) {
      // activities take 150 ms and each live turn 60 ms, so kills land inside both
      client.startOrchestration(EngineProcess.ORCHESTRATION, "crash-" + i,
          new int[] {STEPS, 150, 60});
    }
    // Each round closes a gate (EngineProcess) so the activities (or live turns) that start
    // cannot finish; the kill therefore lands inside them, never after their acknowledgement.
    List<String> killedActivities = new ArrayList<>();
    List<Long> killedTurns = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      boolean turnRound = round % 2 == 1;
      try (Connection gate = EngineProcess.closeGate(db,
          turnRound ? EngineProcess.TURN_GATE : EngineProcess.ACTIVITY_GATE)) {
        Process engine = EngineProcess.launch(db, LOCK);
        long pid = engine.pid();
        awaitTrue(() -> queryLong(turnRound ? "SELECT count(*) FROM turn_log WHERE pid = ?"
                : "SELECT count(*) FROM activity_log WHERE pid = ?", pid) > 0,
            Duration.ofSeconds(30), turnRound ? "a turn is in progress" : "an activity is running");
        EngineProcess.kill9(engine);
        // measured once the process is dead and before the next one starts: nothing moves
        if (turnRound) {
          killedTurns.add(queryLong("SELECT count(*) FROM durobs.instances"
              + " WHERE lock_token IS NOT NULL"));
        } else {
          killedActivities.addAll(queryStrings("SELECT DISTINCT w.instance_id || '/' || w.task_id"
              + " FROM durobs.worker_queue w JOIN activity_log a ON a.instance_id = w.instance_id"
              + " AND a.task_id = w.task_id WHERE a.pid = ?", pid));
        }
      }
    }

    Process survivor = EngineProcess.launch(db, LOCK);
    try {
      awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.instances WHERE status <> 'running'")
          == ORCHESTRATIONS, Duration.ofSeconds(120), "every orchestration ended");
    } finally {
      EngineProcess.kill9(survivor);
    }

    assertThat(killedTurns).as("instances locked by a turn killed in each turn round")
        .hasSize(2).allSatisfy(n -> assertThat(n).isPositive());
    assertThat(killedActivities).as("activities killed before their acknowledgement").isNotEmpty();
    for (int i = 0; i < ORCHESTRATIONS; i++) {
      ProcessesTestSupport.assertCompletedExactlyOnce(client, store, "crash-" + i,
          EngineProcess.expectedOutput(STEPS));
    }
    long activities = (long) ORCHESTRATIONS * (STEPS + 3);
    // at least once: every activity ran; some ran again after a kill
    assertThat(queryLong("SELECT count(*) FROM (SELECT DISTINCT instance_id, task_id"
        + " FROM activity_log) t")).isEqualTo(activities);
    long runs = queryLong("SELECT count(*) FROM activity_log");
    System.out.printf("crash test: %d activity runs for %d activities (%d re-runs after kills)%n",
        runs, activities, runs - activities);
    for (String key : killedActivities) {
      assertThat(queryLong("SELECT count(*) FROM activity_log WHERE instance_id || '/' || task_id"
          + " = ?", key)).as("runs of activity %s, killed mid-run", key).isGreaterThanOrEqualTo(2);
    }
    assertThat(queryLong("SELECT count(*) FROM durobs.orchestrator_queue")).isZero();
    assertThat(queryLong("SELECT count(*) FROM durobs.worker_queue")).isZero();
  }

  /**
   * Killed inside turn chains ({@link DurableRuntime.Builder#chainBudget}): once the workload's
   * activity has been quick, a turn that waits on it alone runs it inline and goes on without
   * committing. The gate holds those activities inside their chains (they have no worker item:
   * their turns were not committed), the kill loses the chains, and after a restart every
   * orchestration still completes exactly once, each activity killed inside a chain run again.
   */
  @Test
  void enginesKilledInsideTurnChainsLoseNothing() throws Exception {
    EngineProcess.createLogTable(db.jdbcUrl(), db.user(), db.password());
    DurableClient client = client(EngineProcess.registry(db.jdbcUrl(), db.user(),
        db.password()));
    int[] quick = {STEPS, 0, 0}; // activities without a sleep, turns without one
    Process engine = EngineProcess.launch(db, LOCK, Duration.ofSeconds(2));
    List<String> killedInChains;
    try {
      for (int i = 0; i < 3; i++) {
        client.startOrchestration(EngineProcess.ORCHESTRATION, "warm-" + i, quick);
      }
      // 21 quick attempts: the activity is quick in this process from the eighth on
      awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.instances WHERE status <> 'running'"
          + " AND instance_id LIKE 'warm-%'") == 3, Duration.ofSeconds(60), "the warm-up ended");
      try (Connection gate = EngineProcess.closeGate(db, EngineProcess.ACTIVITY_GATE)) {
        for (int i = 0; i < ORCHESTRATIONS; i++) {
          client.startOrchestration(EngineProcess.ORCHESTRATION, "chain-" + i, quick);
        }
        awaitTrue(() -> !inlineAttempts(engine.pid()).isEmpty(), Duration.ofSeconds(30),
            "an activity runs inside a turn chain");
        EngineProcess.kill9(engine);
        // measured once the process is dead: nothing moves
        killedInChains = inlineAttempts(engine.pid());
      }
    } finally {
      EngineProcess.kill9(engine);
    }

    Process survivor = EngineProcess.launch(db, LOCK);
    try {
      awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.instances WHERE status <> 'running'")
          == ORCHESTRATIONS + 3, Duration.ofSeconds(120), "every orchestration ended");
    } finally {
      EngineProcess.kill9(survivor);
    }

    for (int i = 0; i < ORCHESTRATIONS; i++) {
      ProcessesTestSupport.assertCompletedExactlyOnce(client, store, "chain-" + i,
          EngineProcess.expectedOutput(STEPS));
    }
    assertThat(killedInChains).as("activities killed inside a chain").isNotEmpty();
    for (String key : killedInChains) {
      assertThat(queryLong("SELECT count(*) FROM activity_log WHERE instance_id || '/' || task_id"
          + " = ?", key)).as("runs of activity %s, killed inside a chain", key)
          .isGreaterThanOrEqualTo(2);
    }
    assertThat(queryLong("SELECT count(*) FROM durobs.orchestrator_queue")).isZero();
    assertThat(queryLong("SELECT count(*) FROM durobs.worker_queue")).isZero();
  }

  /**
   * The activities process {@code pid} started for the gated instances that have no worker item:
   * run inline, in a turn chain (an attempt on a worker slot keeps its item until its ack, which
   * the closed gate holds back).
   */
  private static List<String> inlineAttempts(long pid) {
    return queryStrings("SELECT DISTINCT a.instance_id || '/' || a.task_id FROM activity_log a"
        + " WHERE a.pid = ? AND a.instance_id LIKE 'chain-%' AND NOT EXISTS (SELECT 1 FROM"
        + " durobs.worker_queue w WHERE w.instance_id = a.instance_id AND w.task_id = a.task_id)",
        pid);
  }
}
