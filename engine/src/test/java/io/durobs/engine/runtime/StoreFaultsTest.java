package io.durobs.engine.runtime;

import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_FAILURES;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_INFRASTRUCTURE_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_ACK_ORCHESTRATION_RETRIES;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_ERRORS;
import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.FailureType;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.OrchestrationStatus;
import io.durobs.engine.api.Registry;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.engine.store.postgres.PostgresStore;
import io.durobs.engine.testing.EngineTestBase;
import io.durobs.engine.testing.MetricReading;
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
        awaitTrue(() -> sum(reader, PROVIDER_ACK_ORCHESTRATION_RETRIES) >= 2, WAIT,
            "two ack retries");
        blocker.rollback(); // the lock goes away; a retry succeeds

        OrchestrationStatus status = client.waitForCompletion("quick-1", WAIT);
        assertThat(status.state()).isEqualTo(OrchestrationState.COMPLETED);
        assertThat(sum(reader, PROVIDER_ACK_ORCHESTRATION_RETRIES)).isGreaterThanOrEqualTo(2);
        assertThat(sum(reader, PROVIDER_ERRORS, "operation", "ack_orchestration_item",
            "error_type", "timeout")).isGreaterThanOrEqualTo(2);
        assertThat(sum(reader, ORCHESTRATION_INFRASTRUCTURE_ERRORS, "orchestration_name",
            "quick", "operation", "ack_orchestration_item")).isGreaterThanOrEqualTo(2);
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
      DurableClient client = start(registry, b -> b.openTelemetry(sdk)).client();
      client.startOrchestration("rejected", "rejected-1", null);

      OrchestrationStatus status = client.waitForCompletion("rejected-1", WAIT);

      assertThat(status.state()).isEqualTo(OrchestrationState.FAILED);
      assertThat(status.failure().type()).isEqualTo(FailureType.INFRASTRUCTURE);
      assertThat(status.failure().kind()).isEqualTo("constraint");
      assertThat(status.failure().message()).contains("SQLSTATE 23514");
      awaitTrue(() -> sum(reader, ORCHESTRATION_FAILURES) > 0, WAIT, "the failure is counted");
      assertThat(sum(reader, ORCHESTRATION_FAILURES, "error_type", "infrastructure_error",
          "error_category", "infrastructure")).isEqualTo(1);
      assertThat(sum(reader, PROVIDER_ERRORS, "operation", "ack_orchestration_item",
          "error_type", "constraint")).isEqualTo(1);
      assertThat(sum(reader, PROVIDER_ACK_ORCHESTRATION_RETRIES)).isZero();
    } finally {
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("DROP TRIGGER reject_forbidden ON durobs.worker_queue");
      }
    }
  }

  private static long sum(InMemoryMetricReader reader, MetricDefinition metric,
      String... labelsAndValues) {
    return new MetricReading(reader).sum(metric, labelsAndValues);
  }
}
