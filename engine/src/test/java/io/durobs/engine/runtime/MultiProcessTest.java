package io.durobs.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.testing.EngineProcess;
import io.durobs.engine.testing.EngineTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two engine processes share one database: every orchestration completes exactly once. */
class MultiProcessTest extends EngineTestBase {

  private static final int ORCHESTRATIONS = 500;
  private static final int STEPS = 2;

  @Test
  void twoProcessesRun500OrchestrationsEachExactlyOnce() throws Exception {
    EngineProcess.createLogTable(db.jdbcUrl(), db.user(), db.password());
    List<Process> engines = new ArrayList<>();
    try {
      engines.add(EngineProcess.launch(db, Duration.ofSeconds(10)));
      engines.add(EngineProcess.launch(db, Duration.ofSeconds(10)));
      DurableClient client = client(EngineProcess.registry(db.jdbcUrl(), db.user(),
          db.password()));
      long t0 = System.nanoTime();
      for (int i = 0; i < ORCHESTRATIONS; i++) {
        client.startOrchestration(EngineProcess.ORCHESTRATION, "mp-" + i,
            new int[] {STEPS, 0, 0});
      }
      awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.instances"
          + " WHERE status <> 'running'") == ORCHESTRATIONS, Duration.ofMinutes(3),
          "every orchestration ended");
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("two engine processes: %d orchestrations (%d activities each) in %.1f s"
          + " = %.0f orchestrations/s%n", ORCHESTRATIONS, STEPS + 3, seconds,
          ORCHESTRATIONS / seconds);

      for (int i = 0; i < ORCHESTRATIONS; i++) {
        ProcessesTestSupport.assertCompletedExactlyOnce(client, store, "mp-" + i,
            EngineProcess.expectedOutput(STEPS));
      }
      assertThat(client.getStatus("mp-0").orElseThrow().state())
          .isEqualTo(OrchestrationState.COMPLETED);
      // no crash, no lock expiry: every activity ran exactly once, none twice concurrently
      assertThat(queryLong("SELECT count(*) FROM activity_log"))
          .isEqualTo((long) ORCHESTRATIONS * (STEPS + 3));
      assertThat(queryLong("SELECT count(*) FROM (SELECT instance_id, task_id FROM activity_log"
          + " GROUP BY 1, 2 HAVING count(*) > 1) d")).isZero();
      // both processes did work
      assertThat(queryLong("SELECT count(DISTINCT pid) FROM activity_log")).isEqualTo(2);
      assertThat(queryLong("SELECT count(*) FROM durobs.orchestrator_queue")).isZero();
      assertThat(queryLong("SELECT count(*) FROM durobs.worker_queue")).isZero();
    } finally {
      engines.forEach(EngineProcess::kill9);
    }
  }
}
