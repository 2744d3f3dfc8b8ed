package io.durobs.workload;

import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVE_ORCHESTRATIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_CONFIGURATION_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_ITEMS_FETCHED;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_SLOTS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_COMPLETIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_CONFIGURATION_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_FAILURES;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATOR_QUEUE_DEPTH;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_ACK_ORCHESTRATION_RETRIES;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_OPERATION_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.QUEUE_WAIT_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.WORKER_QUEUE_DEPTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.engine.catalogue.MetricDefinition;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault-scenario phases a harness strings together to make alerts fire really produce their
 * signal, and phases are found by name.
 */
class ScenarioPhasesTest {

  private static WorkloadFixture fixture;

  @BeforeAll
  static void start() {
    fixture = WorkloadFixture.start(WorkloadFixture.IN_MEMORY_ONLY, b -> { });
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void failuresPhaseFailsMostOrchestrationsWithApplicationErrors() throws InterruptedException {
    long before = sum(ORCHESTRATION_FAILURES, "error_type", "app_error");
    PhaseResult r = fixture.workload().run(Phases.failures(Duration.ofSeconds(1))).get(0);
    long failed = sum(ORCHESTRATION_FAILURES, "error_type", "app_error") - before;
    assertThat(r.completed()).isPositive();
    assertThat(failed).isEqualTo(r.completed() * 4 / 5);
  }

  @Test
  void storeErrorsPhaseMakesStoreCallsFailAndCommitsRetry() throws InterruptedException {
    long errors = sum(PROVIDER_ERRORS, "error_type", "serialization");
    long retries = sum(PROVIDER_ACK_ORCHESTRATION_RETRIES);
    fixture.workload().run(Phases.storeErrors(Duration.ofSeconds(1)));
    assertThat(sum(PROVIDER_ERRORS, "error_type", "serialization") - errors).isPositive();
    assertThat(sum(PROVIDER_ERRORS, "operation", "ack_work_item", "error_type", "deadlock"))
        .isPositive();
    assertThat(sum(PROVIDER_ACK_ORCHESTRATION_RETRIES) - retries).isPositive();
  }

  @Test
  void poisonPhasePoisonsOrchestrationsAndActivities() throws InterruptedException {
    long orchestrations = sum(ORCHESTRATION_POISON);
    long activities = sum(ACTIVITY_POISON);
    PhaseResult r = fixture.workload().run(Phases.poison(Duration.ofMillis(100))).get(0);
    assertThat(sum(ORCHESTRATION_POISON) - orchestrations).isEqualTo(r.clientStarts() / 2);
    assertThat(sum(ACTIVITY_POISON) - activities).isEqualTo(r.clientStarts() / 2);
  }

  @Test
  void backlogPhaseFillsTheWorkerQueueAndEveryWorkerSlot() throws InterruptedException {
    AtomicLong deepest = new AtomicLong();
    AtomicLong busiest = new AtomicLong();
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    watcher.scheduleAtFixedRate(() -> {
      Collection<MetricData> data = fixture.metrics().collectAllMetrics();
      deepest.accumulateAndGet(gauge(data, WORKER_QUEUE_DEPTH), Math::max);
      busiest.accumulateAndGet(gauge(data, DISPATCHER_SLOTS, "dispatcher", "worker",
          "state", "busy"), Math::max);
    }, 100, 100, TimeUnit.MILLISECONDS);
    try {
      fixture.workload().run(Phases.workerBacklog(Duration.ofSeconds(1)));
    } finally {
      watcher.shutdownNow();
    }
    assertThat(deepest.get()).isGreaterThanOrEqualTo(8);
    assertThat(busiest.get()).isEqualTo(8);
    double slowestWait = fixture.metrics().collectAllMetrics().stream()
        .filter(m -> m.getName().equals(QUEUE_WAIT_DURATION.otelName()))
        .flatMap(m -> m.getHistogramData().getPoints().stream())
        .filter(p -> "worker".equals(p.getAttributes().get(AttributeKey.stringKey("queue"))))
        .mapToDouble(HistogramPointData::getMax).max().orElse(0);
    assertThat(slowestWait).isGreaterThan(0.5);
  }

  @Test
  void configErrorsPhaseHitsNondeterminismAndUnregisteredCode() throws InterruptedException {
    long nondeterminism = sum(ORCHESTRATION_CONFIGURATION_ERRORS, "error_kind", "nondeterminism");
    long activities = sum(ACTIVITY_CONFIGURATION_ERRORS);
    PhaseResult r = fixture.workload().run(Phases.configErrors(Duration.ofMillis(100))).get(0);
    int batches = r.clientStarts() / 3;
    assertThat(sum(ORCHESTRATION_CONFIGURATION_ERRORS, "error_kind", "nondeterminism")
        - nondeterminism).isEqualTo(batches);
    assertThat(sum(ACTIVITY_CONFIGURATION_ERRORS) - activities).isEqualTo(batches);
  }

  @Test
  void slowActivitiesPhaseRecordsActivitiesAsLongAsAskedOnEveryWorker() throws InterruptedException {
    AtomicLong busiest = new AtomicLong();
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    watcher.scheduleAtFixedRate(() -> busiest.accumulateAndGet(gauge(fixture.metrics().collectAllMetrics(),
        DISPATCHER_SLOTS, "dispatcher", "worker", "state", "busy"), Math::max), 100, 100, TimeUnit.MILLISECONDS);
    try {
      fixture.workload().run(Phases.slowActivities(Duration.ofMillis(100), Duration.ofMillis(1300)));
    } finally {
      watcher.shutdownNow();
    }
    assertThat(histogramMax(ACTIVITY_DURATION, "activity_name", "Sleep")).isGreaterThan(1.3);
    assertThat(busiest.get()).isEqualTo(fixture.workload().workerSlots());
  }

  @Test
  void storeLatencyPhaseMakesStoreCallsWaitForRealLocks() throws InterruptedException {
    fixture.workload().run(Phases.storeLatency(Duration.ofSeconds(2)));
    assertThat(histogramMax(PROVIDER_OPERATION_DURATION, "operation", "enqueue_orchestrator"))
        .isGreaterThan(0.5);
  }

  @Test
  void orchestratorBacklogPhaseGrowsTheOrchestratorQueue() throws InterruptedException {
    AtomicLong deepest = new AtomicLong();
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    watcher.scheduleAtFixedRate(() -> deepest.accumulateAndGet(
        gauge(fixture.metrics().collectAllMetrics(), ORCHESTRATOR_QUEUE_DEPTH), Math::max),
        100, 100, TimeUnit.MILLISECONDS);
    try {
      fixture.workload().run(Phases.orchestratorBacklog(Duration.ofSeconds(3)));
    } finally {
      watcher.shutdownNow();
    }
    assertThat(deepest.get()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void stuckPhaseKeepsInstancesActiveWithNothingFetchedUntilStopped() throws Exception {
    CatalogueWorkload w = fixture.workload();
    CatalogueWorkload.Background stuck = w.runInBackground(Phases.stuck(Duration.ofMinutes(5)));
    try {
      assertStuck(w);
    } finally {
      PhaseResult r = stuck.stop();
      assertThat(r.completed()).isEqualTo(r.clientStarts()).isEqualTo(4);
    }
  }

  private void assertStuck(CatalogueWorkload w) throws InterruptedException {
    Thread.sleep(2_500); // the starts, the one-second activities, then several gauge refreshes
    long fetched = sum(DISPATCHER_ITEMS_FETCHED);
    Thread.sleep(600);
    Collection<MetricData> data = fixture.metrics().collectAllMetrics();
    assertThat(sum(DISPATCHER_ITEMS_FETCHED)).isEqualTo(fetched);
    assertThat(points(data, DISPATCHER_SLOTS, "state", "busy").stream()
        .mapToLong(LongPointData::getValue).sum()).isZero();
    assertThat(points(data, ACTIVE_ORCHESTRATIONS, "orchestration_name", "SlowActivity",
        "state", "waiting_for_activity").stream().mapToLong(LongPointData::getValue).sum())
        .isGreaterThanOrEqualTo(4);
    assertThat(gauge(data, ORCHESTRATOR_QUEUE_DEPTH)).as("the activities' results wait")
        .isGreaterThanOrEqualTo(4);
    assertThatThrownBy(() -> w.runInBackground(Phases.healthy(Duration.ofSeconds(1))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("stuck");
  }

  @Test
  void queueWaitPhaseKeepsTheWaitGrowingPastItsFirstWaveAndDropsItsBacklogAtTheEnd()
      throws InterruptedException {
    long cancelled = sum(ORCHESTRATION_COMPLETIONS, "status", "cancelled");
    long waitedPastTheWave = workerWaitsAtLeast(2.5);
    // the first wave keeps the slots busy 2.5 s; arrivals for 4 s at twice the drain rate
    PhaseResult r = fixture.workload().run(Phases.queueWait(Duration.ofSeconds(4),
        Duration.ofMillis(2500), Duration.ofMillis(250))).get(0);
    assertThat(r.completed()).isEqualTo(r.clientStarts());
    // fetched after the first wave ran out, every activity had waited longer than it lasted
    assertThat(workerWaitsAtLeast(2.5) - waitedPastTheWave)
        .isGreaterThanOrEqualTo(fixture.workload().workerSlots());
    // what was still queued at the end was cancelled, not drained
    assertThat(sum(ORCHESTRATION_COMPLETIONS, "status", "cancelled") - cancelled).isPositive();
  }

  /** Worker-queue waits recorded in the buckets from {@code seconds} up (a bucket boundary). */
  private static long workerWaitsAtLeast(double seconds) {
    return fixture.metrics().collectAllMetrics().stream()
        .filter(m -> m.getName().equals(QUEUE_WAIT_DURATION.otelName()))
        .flatMap(m -> m.getHistogramData().getPoints().stream())
        .filter(p -> "worker".equals(p.getAttributes().get(AttributeKey.stringKey("queue"))))
        .mapToLong(p -> {
          int from = p.getBoundaries().indexOf(seconds) + 1;
          if (from == 0) {
            throw new IllegalArgumentException(seconds + " is not a bucket boundary: " + p.getBoundaries());
          }
          return p.getCounts().subList(from, p.getCounts().size()).stream().mapToLong(Long::longValue).sum();
        }).sum();
  }

  @Test
  void phasesAreFoundByNameAndUnknownNamesAreRejected() {
    assertThat(Phases.parse("catalogue,failures", Duration.ofSeconds(1)))
        .extracting(Phase::name)
        .containsExactly("paths", "store-faults", "healthy", "failures");
    assertThat(Phases.parse("stuck, worker-backlog,orchestrator-backlog,store-latency,"
        + "slow-activities,queue-wait,config-errors,poison,store-errors", Duration.ofSeconds(1)))
        .hasSize(9);
    assertThatThrownBy(() -> Phases.parse("healthy,meltdown", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown phase 'meltdown' (known: catalogue, paths,");
  }

  private static double histogramMax(MetricDefinition histogram, String label, String value) {
    return fixture.metrics().collectAllMetrics().stream()
        .filter(m -> m.getName().equals(histogram.otelName()))
        .flatMap(m -> m.getHistogramData().getPoints().stream())
        .filter(p -> value.equals(p.getAttributes().get(AttributeKey.stringKey(label))))
        .mapToDouble(HistogramPointData::getMax).max().orElse(0);
  }

  private static long sum(MetricDefinition counter, String... labelsAndValues) {
    return points(fixture.metrics().collectAllMetrics(), counter, labelsAndValues).stream()
        .mapToLong(LongPointData::getValue).sum();
  }

  private static long gauge(Collection<MetricData> data, MetricDefinition gauge,
      String... labelsAndValues) {
    return points(data, gauge, labelsAndValues).stream().mapToLong(LongPointData::getValue)
        .max().orElse(0);
  }

  private static List<LongPointData> points(Collection<MetricData> data, MetricDefinition metric,
      String... labelsAndValues) {
    return data.stream().filter(m -> m.getName().equals(metric.otelName()))
        .flatMap(m -> (metric.kind() == io.durobs.engine.catalogue.MetricKind.GAUGE
            ? m.getLongGaugeData().getPoints() : m.getLongSumData().getPoints()).stream())
        .filter(p -> {
          for (int i = 0; i < labelsAndValues.length; i += 2) {
            if (!labelsAndValues[i + 1].equals(
                p.getAttributes().get(AttributeKey.stringKey(labelsAndValues[i])))) {
              return false;
            }
          }
          return true;
        })
        .toList();
  }
}
