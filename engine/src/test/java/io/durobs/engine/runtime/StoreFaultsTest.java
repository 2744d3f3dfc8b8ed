package io.durobs.engine.runtime;

import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_FAILURES;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_INFRASTRUCTURE_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_ACK_ORCHESTRATION_RETRIES;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_ERRORS;
import static io.durobs.engine.testing.CollectedMetrics.assertNotEmitted;
import static io.durobs.engine.testing.CollectedMetrics.assertThatMetric;
import static io.durobs.engine.testing.CollectedMetrics.labels;
import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.FailureType;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.OrchestrationStatus;
import io.durobs.engine.api.Registry;
import io.durobs.engine.store.postgres.PostgresStore;
import io.durobs.engine.testing.EngineTestBase;
import io.durobs.engine.testing.TestEngines;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Store failures produced by the real database: a table lock that makes acks hit the store's
 * lock timeout (retryable: the ack is retried and succeeds), and a trigger that rejects a turn
 * with a constraint violation (not retryable: the execution fails as an infrastructure error).
 */
class StoreFaultsTest extends EngineTestBase {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void lockTimeoutsDuringAckAreRetriedAndCounted() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
            .build();
        PostgresStore impatient = TestEngines.storeBuilder(db).schema("durobs").lockTimeout(
            Duration.ofMillis(100)).maxPoolSize(8).build();
        Connection blocker = db.connect()) {
      Registry registry = Registry.builder().orchestration("quick", ctx -> "done").build();
      DurableRuntime rt = TestEngines.runtime(impatient, registry).openTelemetry(sdk).build()
          .start();
      try {
        blocker.setAutoCommit(false);
        try (Statement st = blocker.createStatement()) {
          st.execute("LOCK TABLE durobs.history IN ACCESS EXCLUSIVE MODE");
        }
        DurableClient client = rt.client();
        client.startOrchestration("quick", "quick-1", null);
        awaitAsserted(WAIT, () -> assertAtLeastTwoAckRetries(reader));
        blocker.rollback(); // the lock goes away; a retry succeeds

        OrchestrationStatus status = client.waitForCompletion("quick-1", WAIT);
        assertThat(status.state()).isEqualTo(OrchestrationState.COMPLETED);
        assertAtLeastTwoAckRetries(reader);
        assertThatMetric(reader, PROVIDER_ERRORS).hasLongSumSatisfying(sum -> sum
            .containsPointsSatisfying(p -> p.hasValueSatisfying(v -> v.isGreaterThanOrEqualTo(2))
                .hasAttributesSatisfying(labels("operation", "ack_orchestration_item",
                    "error_type", "timeout"))));
        assertThatMetric(reader, ORCHESTRATION_INFRASTRUCTURE_ERRORS).hasLongSumSatisfying(
            sum -> sum.containsPointsSatisfying(p -> p
                .hasValueSatisfying(v -> v.isGreaterThanOrEqualTo(2))
                .hasAttributesSatisfying(labels("orchestration_name", "quick",
                    "operation", "ack_orchestration_item"))));
        assertThat(historyTypes("quick-1", 1)).containsExactly("TurnStarted",
            "ExecutionStarted", "ExecutionCompleted");
      } finally {
        rt.close();
      }
    }
  }

  @Test
  void turnRejectedByTheDatabaseFailsTheExecutionAsInfrastructureError() throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE OR REPLACE FUNCTION durobs.reject_forbidden() RETURNS trigger"
          + " LANGUAGE plpgsql AS $$ BEGIN"
          + " RAISE EXCEPTION 'forbidden activity' USING ERRCODE = '23514'; END $$");
      st.execute("CREATE TRIGGER reject_forbidden BEFORE INSERT ON durobs.worker_queue"
          + " FOR EACH ROW WHEN (NEW.activity_name = 'forbidden')"
          + " EXECUTE FUNCTION durobs.reject_forbidden()");
    }
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
        .build()) {
      Registry registry = Registry.builder()
          .activity("forbidden", ctx -> "never")
          .orchestration("rejected", ctx ->
              ctx.callActivity("forbidden", null, String.class).await())
          .build();
      DurableRuntime rt = start(registry, b -> b.openTelemetry(sdk));
      DurableClient client = rt.client();
      client.startOrchestration("rejected", "rejected-1", null);

      OrchestrationStatus status = client.waitForCompletion("rejected-1", WAIT);

      assertThat(status.state()).isEqualTo(OrchestrationState.FAILED);
      assertThat(status.failure().type()).isEqualTo(FailureType.INFRASTRUCTURE);
      assertThat(status.failure().kind()).isEqualTo("constraint");
      assertThat(status.failure().message()).contains("SQLSTATE 23514");
      awaitWorkInProgress(rt); // the failure is counted right after its commit
      assertThatMetric(reader, ORCHESTRATION_FAILURES).hasLongSumSatisfying(sum -> sum
          .hasPointsSatisfying(p -> p.hasValue(1).hasAttributesSatisfying(labels(
              "error_type", "infrastructure_error", "error_category", "infrastructure"))));
      assertThatMetric(reader, PROVIDER_ERRORS).hasLongSumSatisfying(sum -> sum
          .containsPointsSatisfying(p -> p.hasValue(1).hasAttributesSatisfying(labels(
              "operation", "ack_orchestration_item", "error_type", "constraint"))));
      assertNotEmitted(reader, PROVIDER_ACK_ORCHESTRATION_RETRIES);
    } finally {
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("DROP TRIGGER reject_forbidden ON durobs.worker_queue");
      }
    }
  }

  private static void assertAtLeastTwoAckRetries(InMemoryMetricReader reader) {
    assertThatMetric(reader, PROVIDER_ACK_ORCHESTRATION_RETRIES).hasLongSumSatisfying(sum -> sum
        .hasPointsSatisfying(p -> p.hasValueSatisfying(v -> v.isGreaterThanOrEqualTo(2))));
  }
}
