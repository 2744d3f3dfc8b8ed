package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.OrchestrationStatus;
import io.durobs.engine.api.Registry;
import io.durobs.engine.runtime.DurableRuntime;
import io.durobs.engine.telemetry.Telemetry;
import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an application does with the engine: Telemetry on (the OpenTelemetry SDK with its log
 * appender and process metrics, exporting nowhere), a runtime on PostgreSQL, one orchestration
 * calling one activity.
 */
class ConsumerTest {

  @Test
  void anOrchestrationCompletesWithTelemetryOn() {
    TestDatabase db = TestPostgres.freshDatabase();
    Registry registry = Registry.builder()
        .orchestration("greet", ctx -> ctx.callActivity("hello", ctx.input(String.class),
            String.class).await())
        .activity("hello", ctx -> "hello " + ctx.input(String.class))
        .build();
    try (Telemetry telemetry = Telemetry.builder()
            .settings(Map.of("OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none"))
            .build();
        DurableRuntime runtime = DurableRuntime.builder()
            .databaseUrl(db.jdbcUrl() + "?user=" + db.user())
            .registry(registry)
            .openTelemetry(telemetry.openTelemetry())
            .build()
            .start()) {
      assertTrue(telemetry.isEnabled());
      runtime.client().startOrchestration("greet", "greet-1", "world");
      OrchestrationStatus status = runtime.client().waitForCompletion("greet-1",
          Duration.ofSeconds(60));
      assertEquals(OrchestrationState.COMPLETED, status.state());
      assertEquals("hello world", status.output(String.class));
    }
  }

  @Test
  void theEngineJarShipsNoLoggingConfiguration() {
    // a library's logback.xml would override (or fight with) the application's own
    assertNull(DurableRuntime.class.getClassLoader().getResource("logback.xml"),
        "logback.xml on the consumer's classpath");
  }
}
