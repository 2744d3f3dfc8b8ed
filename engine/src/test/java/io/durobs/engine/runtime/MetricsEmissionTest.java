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
import static io.durobs.engine.testing.CollectedMetrics.histogramPoint;
import static io.durobs.engine.testing.CollectedMetrics.labels;
import static io.durobs.engine.testing.CollectedMetrics.longPoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.Registry;
import io.durobs.engine.api.RetryPolicy;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.engine.testing.CollectedMetrics;
import io.durobs.engine.testing.EngineTestBase;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.assertj.MetricAssert;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's "once per ..." meanings, proven with the OTel SDK's in-memory reader: each
 * metric is emitted at the right point, the right number of times, with the right labels.
 */
class MetricsEmissionTest extends EngineTestBase {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private InMemoryMetricReader reader;
  private OpenTelemetrySdk sdk;

  @BeforeEach
  void sdk() {
    reader = InMemoryMetricReader.create();
    sdk = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
        .build();
  }

  @AfterEach
  void closeSdk() {
    sdk.close();
  }

  private DurableRuntime startWithMetrics(Registry registry) {
    return start(registry, b -> b.openTelemetry(sdk));
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
    DurableRuntime rt = startWithMetrics(registry);
    DurableClient client = rt.client();
    client.startOrchestration("looper", "loop-m", 0);
    client.waitForCompletion("loop-m", WAIT);
    client.waitForCompletion("loop-m-d", WAIT);
    awaitWorkInProgress(rt); // looper, child and detached: emitted right after their commits

    metric(ORCHESTRATION_STARTS).hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
        longPoint(1, "orchestration_name", "looper", "initiated_by", "client"),
        longPoint(2, "orchestration_name", "looper", "initiated_by", "continueAsNew"),
        longPoint(1, "orchestration_name", "child", "initiated_by", "suborchestration"),
        longPoint(1, "orchestration_name", "detached", "initiated_by", "detached")));
    metric(CLIENT_ORCHESTRATION_STARTS).hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
        longPoint(1, "orchestration_name", "looper")));
    metric(ORCHESTRATION_COMPLETIONS).hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
        // executions 1 and 2: 7 turns each (first + 6 activity results)
        longPoint(2, "orchestration_name", "looper", "status", "continuedAsNew",
            "final_turn_count", "6-10"),
        // execution 3: 7 turns + the sub-orchestration's result
        longPoint(1, "orchestration_name", "looper", "status", "success", "final_turn_count",
            "6-10", "version", "1"),
        longPoint(1, "orchestration_name", "child", "status", "success", "final_turn_count", "1-5"),
        longPoint(1, "orchestration_name", "detached", "status", "success", "final_turn_count",
            "1-5")));
    metric(ORCHESTRATION_CONTINUE_AS_NEW).hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
        longPoint(2, "orchestration_name", "looper")));
    metric(ORCHESTRATION_TURNS).hasHistogramSatisfying(h -> h.hasPointsSatisfying(
        p -> p.hasCount(3).hasSum(7.0 + 7.0 + 8.0)
            .hasAttributesSatisfying(labels("orchestration_name", "looper")),
        p -> p.hasCount(1).hasSum(1).hasAttributesSatisfying(labels("orchestration_name", "child")),
        p -> p.hasCount(1).hasSum(1)
            .hasAttributesSatisfying(labels("orchestration_name", "detached"))));
    metric(ORCHESTRATION_HISTORY_SIZE).hasHistogramSatisfying(h -> h.hasPointsSatisfying(
        histogramPoint(3, "orchestration_name", "looper"),
        histogramPoint(1, "orchestration_name", "child"),
        histogramPoint(1, "orchestration_name", "detached")));
    metric(ORCHESTRATION_DURATION).hasHistogramSatisfying(h -> h.hasPointsSatisfying(
        histogramPoint(1, "orchestration_name", "looper", "status", "success"),
        histogramPoint(2, "orchestration_name", "looper", "status", "continuedAsNew"),
        histogramPoint(1, "orchestration_name", "child", "status", "success"),
        histogramPoint(1, "orchestration_name", "detached", "status", "success")));
    metric(SUBORCHESTRATION_CALLS).hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
        longPoint(1, "parent_orchestration", "looper", "child_orchestration", "child", "outcome",
            "success")));
    metric(SUBORCHESTRATION_DURATION).hasHistogramSatisfying(h -> h.hasPointsSatisfying(
        histogramPoint(1, "parent_orchestration", "looper")));
    metric(ACTIVITY_EXECUTIONS).hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
        longPoint(18, "activity_name", "step", "outcome", "success", "retry_attempt", "0")));
    CollectedMetrics.assertNotEmitted(reader, ORCHESTRATION_FAILURES);
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
        + " 'patient-1' AND wait_state = 'waiting_for_event'") == 1, WAIT, "patient-1 waits");
    stop(first);
    Thread.sleep(1200);

    DurableRuntime second = startWithMetrics(registry);
    DurableClient client = second.client();
    client.raiseEvent("patient-1", "go", "now");
    client.waitForCompletion("patient-1", WAIT);
    client.cancel("patient-1", "too late"); // ended: not a cancel request that was accepted
    awaitWorkInProgress(second);

    metric(ORCHESTRATION_DURATION).hasHistogramSatisfying(h -> h.hasPointsSatisfying(
        p -> p.hasCount(1).hasSumGreaterThan(1.2)
            .hasAttributesSatisfying(labels("orchestration_name", "patient"))));
    metric(CLIENT_EXTERNAL_EVENTS_RAISED).hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
        longPoint(1, "event_name", "go")));
    CollectedMetrics.assertNotEmitted(reader, CLIENT_CANCELLATIONS);
    metric(CLIENT_WAIT_DURATION).hasHistogramSatisfying(h -> h.hasPointsSatisfying(
        histogramPoint(1, "outcome", "completed")));
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
    DurableRuntime rt = startWithMetrics(registry);
    rt.client().startOrchestration("retries", "retries-1", null);
    rt.client().waitForCompletion("retries-1", WAIT);
    awaitWorkInProgress(rt);

    metric(ACTIVITY_EXECUTIONS).hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
        longPoint(1, "activity_name", "flaky", "outcome", "app_error", "retry_attempt", "0"),
        longPoint(1, "activity_name", "flaky", "outcome", "app_error", "retry_attempt", "1"),
        longPoint(1, "activity_name", "flaky", "outcome", "app_error", "retry_attempt", "2"),
        longPoint(1, "activity_name", "flaky", "outcome", "success", "retry_attempt", "3+"),
        longPoint(1, "activity_name", "slow", "outcome", "timeout", "retry_attempt", "0")));
    metric(ACTIVITY_DURATION).hasHistogramSatisfying(h -> h.hasPointsSatisfying(
        histogramPoint(3, "activity_name", "flaky", "outcome", "app_error"),
        histogramPoint(1, "activity_name", "flaky", "outcome", "success"),
        p -> p.hasCount(1).hasAttributesSatisfying(labels("activity_name", "slow",
            "outcome", "timeout")).satisfies(t -> assertThat(t.getSum()).isBetween(0.09, 2.0))));
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
    DurableRuntime rt = start(registry, b -> b.openTelemetry(sdk).maxAttempts(2));
    DurableClient client = rt.client();
    client.startOrchestration("thrower", "f-app", null);
    client.startOrchestration("crasher", "f-poison", null);
    client.startOrchestration("calls-missing", "f-config", null);
    client.waitForCompletion("f-app", WAIT);
    client.waitForCompletion("f-poison", WAIT);
    client.waitForCompletion("f-config", WAIT);
    awaitWorkInProgress(rt);

    // calls-missing failed because its await threw: an application failure of the parent
    metric(ORCHESTRATION_FAILURES).hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
        longPoint(1, "orchestration_name", "thrower", "error_type", "app_error", "error_category",
            "application"),
        longPoint(1, "orchestration_name", "crasher", "error_type", "poison", "error_category",
            "poison"),
        longPoint(1, "orchestration_name", "unregistered", "error_type", "config_error",
            "error_category", "configuration"),
        longPoint(1, "orchestration_name", "calls-missing", "error_type", "app_error",
            "error_category", "application")));
    metric(ORCHESTRATION_POISON).hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
        longPoint(1, "orchestration_name", "crasher")));
    metric(ORCHESTRATION_CONFIGURATION_ERRORS).hasLongSumSatisfying(sum -> sum
        .hasPointsSatisfying(longPoint(1, "orchestration_name", "unregistered", "error_kind",
            "unregistered_orchestration")));
    metric(SUBORCHESTRATION_CALLS).hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
        longPoint(1, "parent_orchestration", "calls-missing", "child_orchestration",
            "unregistered", "outcome", "failed")));
    metric(ORCHESTRATION_COMPLETIONS).hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
        longPoint(1, "orchestration_name", "thrower", "status", "failed"),
        longPoint(1, "orchestration_name", "crasher", "status", "failed"),
        longPoint(1, "orchestration_name", "unregistered", "status", "failed"),
        longPoint(1, "orchestration_name", "calls-missing", "status", "failed")));
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
    DurableClient client = startWithMetrics(registry).client();
    for (int i = 0; i < 3; i++) {
      client.startOrchestration("waiter", "waiter-" + i, null);
    }
    awaitAsserted(WAIT, () -> metric(ACTIVE_ORCHESTRATIONS).hasLongGaugeSatisfying(g -> g
        .containsPointsSatisfying(longPoint(3, "orchestration_name", "waiter", "state",
            "waiting_for_event"))));
    // every state of every registered orchestration is reported, the empty ones as 0
    metric(ACTIVE_ORCHESTRATIONS).hasLongGaugeSatisfying(g -> g.hasPointsSatisfying(
        longPoint(3, "state", "waiting_for_event"),
        longPoint(0, "state", "waiting_for_activity"),
        longPoint(0, "state", "waiting_for_timer"),
        longPoint(0, "state", "waiting_for_suborchestration"),
        longPoint(0, "state", "running")));
    metric(ORCHESTRATOR_QUEUE_DEPTH).hasLongGaugeSatisfying(g -> g.hasPointsSatisfying(
        p -> p.hasValue(0)));
    metric(DISPATCHER_SLOTS).hasLongGaugeSatisfying(g -> g.hasPointsSatisfying(
        longPoint(0, "dispatcher", "orchestration", "state", "busy"),
        longPoint(4, "dispatcher", "orchestration", "state", "idle"),
        longPoint(0, "dispatcher", "worker", "state", "busy"),
        longPoint(6, "dispatcher", "worker", "state", "idle")));
    metric(DISPATCHER_ITEMS_FETCHED).hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
        longPoint(3, "dispatcher", "worker"),
        p -> p.hasValueSatisfying(v -> v.isGreaterThanOrEqualTo(3))
            .hasAttributesSatisfying(labels("dispatcher", "orchestration"))));
    metric(QUEUE_WAIT_DURATION).hasHistogramSatisfying(h -> h.hasPointsSatisfying(
        histogramPoint(3, "queue", "worker"),
        // three starts and three activity results, each waited for once
        histogramPoint(6, "queue", "orchestrator")));
    for (String op : List.of("fetch_orchestration_item", "ack_orchestration_item",
        "fetch_work_item", "ack_work_item", "enqueue_orchestrator", "refresh_gauges")) {
      metric(PROVIDER_OPERATION_DURATION).as(op).hasHistogramSatisfying(h -> h
          .containsPointsSatisfying(p -> p.hasAttributesSatisfying(labels("operation", op,
              "status", "success")).satisfies(t -> assertThat(t.getCount()).isPositive())));
    }
    client.raiseEvent("waiter-0", "undeclared", null);
    metric(CLIENT_EXTERNAL_EVENTS_RAISED).hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
        longPoint(1, "event_name", "unregistered")));
    client.getStatus("waiter-0");
    metric(PROVIDER_OPERATION_DURATION).hasHistogramSatisfying(h -> h.containsPointsSatisfying(
        p -> p.hasAttributesSatisfying(labels("operation", "read_status"))
            .satisfies(t -> assertThat(t.getCount()).isPositive())));
  }

  @Test
  void awaitingWorkInProgressWaitsForTheActivityRunningAndItsMetrics() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    Registry registry = Registry.builder()
        .activity("nap", ctx -> {
          running.countDown();
          Thread.sleep(500);
          return null;
        })
        .orchestration("napper", ctx -> ctx.callActivity("nap", null, Void.class).await())
        .build();
    DurableRuntime rt = startWithMetrics(registry);
    rt.client().startOrchestration("napper", "napper-1", null);
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(rt.awaitWorkInProgress(Duration.ofMillis(50))).as("the nap still runs").isFalse();
    assertThat(rt.awaitWorkInProgress(WAIT)).isTrue();

    // recorded after the attempt's ack, yet there without polling
    metric(ACTIVITY_EXECUTIONS).hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
        longPoint(1, "activity_name", "nap", "outcome", "success")));
  }

  private MetricAssert metric(MetricDefinition metric) {
    return CollectedMetrics.assertThatMetric(reader, metric);
  }
}
