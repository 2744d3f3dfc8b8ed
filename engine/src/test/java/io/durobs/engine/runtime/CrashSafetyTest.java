package io.durobs.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.testing.EngineProcess;
import io.durobs.engine.testing.EngineTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An engine in a child JVM is killed with SIGKILL in the middle of activities and in the middle
 * of turns, several times; after a restart every orchestration completes exactly once, with
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
    int midActivity = 0;
    int midTurn = 0;
    for (int round = 0; round < 4; round++) {
      Process engine = EngineProcess.launch(db, LOCK);
      boolean turnRound = round % 2 == 1;
      // a locked instance row is a turn in progress; a locked worker row an activity running
      awaitTrue(turnRound
          ? () -> queryLong("SELECT count(*) FROM durobs.instances WHERE locked_until > now()") > 0
          : () -> queryLong("SELECT count(*) FROM durobs.worker_queue w JOIN activity_log a"
              + " ON a.instance_id = w.instance_id AND a.task_id = w.task_id"
              + " WHERE w.locked_until > now()") > 0, Duration.ofSeconds(30),
          turnRound ? "a turn is in progress" : "an activity is running");
      EngineProcess.kill9(engine);
      if (turnRound) {
        midTurn++;
      } else {
        midActivity++;
      }
    }
    long lockedAfterKills = queryLong("SELECT count(*) FROM durobs.instances"
        + " WHERE locked_until > now()") + queryLong("SELECT count(*) FROM durobs.worker_queue"
        + " WHERE locked_until > now()");

    Process survivor = EngineProcess.launch(db, LOCK);
    try {
      awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.instances WHERE status <> 'running'")
          == ORCHESTRATIONS, Duration.ofSeconds(120), "every orchestration ended");
    } finally {
      EngineProcess.kill9(survivor);
    }

    assertThat(midActivity).isEqualTo(2);
    assertThat(midTurn).isEqualTo(2);
    assertThat(lockedAfterKills).as("the kills left locks behind that had to expire")
        .isPositive();
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
    assertThat(runs).as("activities killed mid-run ran again").isGreaterThanOrEqualTo(
        activities + midActivity);
    assertThat(queryLong("SELECT count(*) FROM durobs.orchestrator_queue")).isZero();
    assertThat(queryLong("SELECT count(*) FROM durobs.worker_queue")).isZero();
  }
}
