package io.durobs.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.OrchestrationStatus;
import io.durobs.engine.store.HistoryRow;
import io.durobs.engine.store.Store;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks shared by the multi-process and crash tests. */
final class ProcessesTestSupport {

  private ProcessesTestSupport() {}

  /**
   * Asserts that an instance completed with {@code expectedOutput}, that its history has exactly
   * one terminal event, and that no task was scheduled or completed twice.
   */
  static void assertCompletedExactlyOnce(DurableClient client, Store store, String id,
      int expectedOutput) {
    OrchestrationStatus status = client.getStatus(id).orElseThrow();
    assertThat(status.state()).as(id).isEqualTo(OrchestrationState.COMPLETED);
    assertThat(status.output(Integer.class)).as(id).isEqualTo(expectedOutput);
    List<HistoryRow> rows = store.readHistory(id, status.executionId());
    assertThat(rows.stream().filter(r -> r.type().equals("ExecutionCompleted"))).as(id)
        .hasSize(1);
    assertThat(rows.get(rows.size() - 1).type()).as(id).isEqualTo("ExecutionCompleted");
    Set<String> seen = new HashSet<>();
    for (HistoryRow r : rows) {
      HistoryEvent e = Messages.decodeEvent(r.payload());
      if (e.taskId() >= 0) {
        assertThat(seen.add(e.typeName() + "#" + e.taskId())).as(id + " " + e.typeName()
            + " task " + e.taskId() + " appears once").isTrue();
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).seq()).isEqualTo(i + 1);
    }
  }
}
