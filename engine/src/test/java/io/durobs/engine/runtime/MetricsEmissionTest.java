package io.durobs.engine.runtime;

import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVE_ORCHESTRATIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_EXECUTIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.CLIENT_CANCELLATIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.CLIENT_EXTERNAL_EVENTS_RAISED;
import static io.durobs.engine.catalogue.MetricCatalogue.CLIENT_ORCHESTRATION_STARTS;
import static io.durobs.engine.catalogue.MetricCatalogue.CLIENT_WAIT_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_ITEMS_FETCHED;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_SLOTS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_COMPLETIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_CONFIGURATION_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_CONTINUE_AS_NEW;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_FAILURES;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_HISTORY_SIZE;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_STARTS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_TURNS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATOR_QUEUE_DEPTH;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_OPERATION_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.QUEUE_WAIT_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.SUBORCHESTRATION_CALLS;
import static io.durobs.engine.catalogue.MetricCatalogue.SUBORCHESTRATION_DURATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.Registry;
import io.durobs.engine.api.RetryPolicy;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.engine.testing.EngineTestBase;
import io.durobs.engine.testing.MetricReading;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's "once per ..." meanings, proven with the OTel SDK's in-memory reader: each
 * metric is emitted at the right point, the right number of times, with the right labels.
 */
class MetricsEmissionTest extends EngineTestBase {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private MetricReading metrics;
  private OpenTelemetrySdk sdk;

  @BeforeEach
  void sdk() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    metrics = new MetricReading(reader);
    sdk = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
        .build();
  }

  @AfterEach
  void closeSdk() {
    sdk.close();
  }

  private DurableClient startWithMetrics(Registry registry) {
    return start(registry, b -> b.openTelemetry(sdk)).client();
  }

  @Test
  void executionStartsAndEndsAreCountedOncePerExecutionWithHowTheyBegan() {
    Registry registry = Registry.builder()
        .activity("step", ctx -> ctx.input(Integer.class) + 1)
        .orchestration("child", ctx -> "child done")
        .orchestration("detached", ctx -> "detached done")
        .orchestration("looper", ctx -> {
          int n = ctx.input(Integer.class);
          for (int i = 0; i < 6; i++) {
            n = ctx.callActivity("step", n, Integer.class).await();
          }
          if (ctx.executionId() < 3) {
            ctx.continueAsNew(n);
          }
          ctx.callSubOrchestration("child", null, String.class).await();
          ctx.startOrchestration("detached", ctx.instanceId() + "-d", null);
          return n;
        })
        .build();
    DurableClient client = startWithMetrics(registry);
    client.startOrchestration("looper", "loop-m", 0);
    client.waitForCompletion("loop-m", WAIT);
    client.waitForCompletion("loop-m-d", WAIT);
    awaitEnded(3); // looper, child and detached: emitted right after their commits

    assertThat(sum(ORCHESTRATION_STARTS, "orchestration_name", "looper",
        "initiated_by", "client")).isEqualTo(1);
    assertThat(sum(ORCHESTRATION_STARTS, "orchestration_name", "looper",
        "initiated_by", "continueAsNew")).isEqualTo(2);
    assertThat(sum(ORCHESTRATION_STARTS, "orchestration_name", "child",
        "initiated_by", "suborchestration")).isEqualTo(1);
    assertThat(sum(ORCHESTRATION_STARTS, "orchestration_name", "detached",
        "initiated_by", "detached")).isEqualTo(1);
    assertThat(sum(CLIENT_ORCHESTRATION_STARTS, "orchestration_name", "looper")).isEqualTo(1);
    // executions 1 and 2: 7 turns each (first + 6 activity results)
    assertThat(sum(ORCHESTRATION_COMPLETIONS, "orchestration_name", "looper",
        "status", "continuedAsNew", "final_turn_count", "6-10")).isEqualTo(2);
    assertThat(sum(ORCHESTRATION_CONTINUE_AS_NEW, "orchestration_name", "looper")).isEqualTo(2);
    // execution 3: 7 turns + the sub-orchestration's result
    assertThat(sum(ORCHESTRATION_COMPLETIONS, "orchestration_name", "looper",
        "status", "success", "final_turn_count", "6-10", "version", "1")).isEqualTo(1);
    assertThat(sum(ORCHESTRATION_COMPLETIONS, "orchestration_name", "child",
        "status", "success", "final_turn_count", "1-5")).isEqualTo(1);
    assertThat(histogram(ORCHESTRATION_TURNS, "orchestration_name", "looper"))
        .extracting(MetricReading.Histogram::count, MetricReading.Histogram::sum)
        .containsExactly(3L, 7.0 + 7.0 + 8.0);
    assertThat(histogram(ORCHESTRATION_HISTORY_SIZE, "orchestration_name", "looper").count())
        .isEqualTo(3);
    assertThat(histogram(ORCHESTRATION_DURATION, "orchestration_name", "looper",
        "status", "success").count()).isEqualTo(1);
    assertThat(sum(SUBORCHESTRATION_CALLS, "parent_orchestration", "looper",
        "child_orchestration", "child", "outcome", "success")).isEqualTo(1);
    assertThat(histogram(SUBORCHESTRATION_DURATION, "parent_orchestration", "looper").count())
        .isEqualTo(1);
    assertThat(sum(ACTIVITY_EXECUTIONS, "activity_name", "step", "outcome", "success",
        "retry_attempt", "0")).isEqualTo(18);
    assertThat(sum(ORCHESTRATION_FAILURES)).isZero();
  }

  @Test
  void durationComesFromDurableTimestampsAcrossARestart() throws Exception {
    Registry registry = Registry.builder()
        .orchestration("patient", ctx -> ctx.waitForEvent("go", String.class).await())
        .event("go")
        .build();
    var first = start(registry, b -> b.openTelemetry(sdk));
    first.client().startOrchestration("patient", "patient-1", null);
    awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.instances WHERE instance_id ="
        + " 'patient-1' AND wait_state = 'waiting_for_event'") == 1, "patient-1 waits");
    stop(first);
    Thread.sleep(1200);

    DurableClient client = startWithMetrics(registry);
    client.raiseEvent("patient-1", "go", "now");
    client.waitForCompletion("patient-1", WAIT);
    client.cancel("patient-1", "too late"); // ended: not a cancel request that was accepted
    awaitEnded(1);

    MetricReading.Histogram duration = histogram(ORCHESTRATION_DURATION,
        "orchestration_name", "patient");
    assertThat(duration.count()).isEqualTo(1);
    assertThat(duration.sum()).isGreaterThan(1.2);
    assertThat(sum(CLIENT_EXTERNAL_EVENTS_RAISED, "event_name", "go")).isEqualTo(1);
    assertThat(sum(CLIENT_CANCELLATIONS)).isZero();
    assertThat(histogram(CLIENT_WAIT_DURATION, "outcome", "completed").count())
        .isEqualTo(1);
  }

  @Test
  void activityAttemptsCarryTheirRealRetryAttemptAndOutcome() {
    AtomicInteger tries = new AtomicInteger();
    Registry registry = Registry.builder()
        .activity("flaky", ctx -> {
          if (tries.incrementAndGet() < 4) {
            throw new IllegalStateException("try " + tries.get());
          }
          return "ok";
        })
        .activity("slow", ctx -> {
          Thread.sleep(3_000);
          return null;
        })
        .orchestration("retries", ctx -> {
          ctx.callActivity("flaky", null, String.class, RetryPolicy.builder(5)
              .fixed(Duration.ofMillis(10)).build()).await();
          try {
            ctx.callActivity("slow", null, Void.class, RetryPolicy.builder(1)
                .attemptTimeout(Duration.ofMillis(100)).build()).await();
          } catch (io.durobs.engine.api.TaskFailedException e) {
            return "timed out";
          }
          return "not timed out?";
        })
        .build();
    DurableClient client = startWithMetrics(registry);
    client.startOrchestration("retries", "retries-1", null);
    client.waitForCompletion("retries-1", WAIT);
    awaitEnded(1);

    for (String attempt : List.of("0", "1", "2")) {
      assertThat(sum(ACTIVITY_EXECUTIONS, "activity_name", "flaky", "outcome", "app_error",
          "retry_attempt", attempt)).isEqualTo(1);
    }
    assertThat(sum(ACTIVITY_EXECUTIONS, "activity_name", "flaky", "outcome", "success",
        "retry_attempt", "3+")).isEqualTo(1);
    assertThat(sum(ACTIVITY_EXECUTIONS, "activity_name", "slow", "outcome", "timeout",
        "retry_attempt", "0")).isEqualTo(1);
    assertThat(histogram(ACTIVITY_DURATION, "activity_name", "slow", "outcome", "timeout")
        .sum()).isBetween(0.09, 2.0);
    assertThat(sum(ACTIVITY_EXECUTIONS)).isEqualTo(5);
  }

  @Test
  void failuresAreCountedOnceWithTheirClass() {
    Registry registry = Registry.builder()
        .orchestration("thrower", ctx -> {
          throw new IllegalStateException("app");
        })
        .orchestration("crasher", ctx -> {
          throw new AssertionError("crash");
        })
        .orchestration("calls-missing", ctx ->
            ctx.callSubOrchestration("missing", null, String.class).await())
        .build();
    DurableClient client = start(registry, b -> b.openTelemetry(sdk).maxAttempts(2)).client();
    client.startOrchestration("thrower", "f-app", null);
    client.startOrchestration("crasher", "f-poison", null);
    client.startOrchestration("calls-missing", "f-config", null);
    client.waitForCompletion("f-app", WAIT);
    client.waitForCompletion("f-poison", WAIT);
    client.waitForCompletion("f-config", WAIT);
    awaitEnded(4);

    assertThat(sum(ORCHESTRATION_FAILURES, "orchestration_name", "thrower",
        "error_type", "app_error", "error_category", "application")).isEqualTo(1);
    assertThat(sum(ORCHESTRATION_FAILURES, "orchestration_name", "crasher",
        "error_type", "poison", "error_category", "poison")).isEqualTo(1);
    assertThat(sum(ORCHESTRATION_POISON, "orchestration_name", "crasher")).isEqualTo(1);
    assertThat(sum(ORCHESTRATION_FAILURES, "orchestration_name", "unregistered",
        "error_type", "config_error", "error_category", "configuration")).isEqualTo(1);
    assertThat(sum(ORCHESTRATION_CONFIGURATION_ERRORS, "orchestration_name", "unregistered",
        "error_kind", "unregistered_orchestration")).isEqualTo(1);
    assertThat(sum(SUBORCHESTRATION_CALLS, "parent_orchestration", "calls-missing",
        "outcome", "failed")).isEqualTo(1);
    // calls-missing failed because its await threw: an application failure of the parent
    assertThat(sum(ORCHESTRATION_FAILURES)).isEqualTo(4);
    assertThat(sum(ORCHESTRATION_COMPLETIONS, "status", "failed")).isEqualTo(4);
  }

  @Test
  void capacityAndStoreMetricsAndClusterGaugesAreReported() {
    Registry registry = Registry.builder()
        .activity("noop", ctx -> null)
        .orchestration("waiter", ctx -> {
          ctx.callActivity("noop", null, Void.class).await();
          return ctx.waitForEvent("go", String.class).await();
        })
        .build();
    DurableClient client = startWithMetrics(registry);
    for (int i = 0; i < 3; i++) {
      client.startOrchestration("waiter", "waiter-" + i, null);
    }
    awaitTrue(() -> gauge(ACTIVE_ORCHESTRATIONS, "orchestration_name", "waiter",
        "state", "waiting_for_event") == 3, "three waiters in the gauge");
    assertThat(gauge(ACTIVE_ORCHESTRATIONS, "orchestration_name", "waiter",
        "state", "waiting_for_activity")).isZero();
    assertThat(gauge(ORCHESTRATOR_QUEUE_DEPTH)).isZero();
    assertThat(gauge(DISPATCHER_SLOTS, "dispatcher", "worker", "state", "idle")).isEqualTo(6);
    assertThat(gauge(DISPATCHER_SLOTS, "dispatcher", "orchestration", "state", "busy"))
        .isZero();
    assertThat(sum(DISPATCHER_ITEMS_FETCHED, "dispatcher", "worker")).isEqualTo(3);
    assertThat(sum(DISPATCHER_ITEMS_FETCHED, "dispatcher", "orchestration"))
        .isGreaterThanOrEqualTo(3);
    assertThat(histogram(QUEUE_WAIT_DURATION, "queue", "worker").count()).isEqualTo(3);
    for (String op : List.of("fetch_orchestration_item", "ack_orchestration_item",
        "fetch_work_item", "ack_work_item", "enqueue_orchestrator", "refresh_gauges")) {
      assertThat(histogram(PROVIDER_OPERATION_DURATION, "operation", op, "status", "success")
          .count()).as(op).isPositive();
    }
    client.raiseEvent("waiter-0", "undeclared", null);
    assertThat(sum(CLIENT_EXTERNAL_EVENTS_RAISED, "event_name", "unregistered")).isEqualTo(1);
    client.getStatus("waiter-0");
    assertThat(histogram(PROVIDER_OPERATION_DURATION, "operation", "read_status").count())
        .isPositive();
  }

  private long sum(MetricDefinition metric, String... labelsAndValues) {
    return metrics.sum(metric, labelsAndValues);
  }

  private long gauge(MetricDefinition metric, String... labelsAndValues) {
    return metrics.gauge(metric, labelsAndValues);
  }

  private MetricReading.Histogram histogram(MetricDefinition metric, String... labelsAndValues) {
    return metrics.histogram(metric, labelsAndValues);
  }

  /** Waits until {@code n} executions ended with a final (non continue-as-new) status. */
  private void awaitEnded(long n) {
    awaitTrue(() -> sum(ORCHESTRATION_COMPLETIONS) - sum(ORCHESTRATION_COMPLETIONS,
        "status", "continuedAsNew") >= n, n + " executions ended");
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    EngineTestBase.awaitTrue(condition, WAIT, what);
  }
}
