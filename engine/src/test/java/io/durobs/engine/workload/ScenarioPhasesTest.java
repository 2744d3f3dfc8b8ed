package io.durobs.engine.workload;

import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_SLOTS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_FAILURES;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_ACK_ORCHESTRATION_RETRIES;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_ERRORS;
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
    assertThat(failed).isEqualTo(r.completed() * 2 / 3);
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
      fixture.workload().run(Phases.backlog(Duration.ofSeconds(1)));
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
  void phasesAreFoundByNameAndUnknownNamesAreRejected() {
    assertThat(Phases.parse("catalogue,failures", Duration.ofSeconds(1)))
        .extracting(Phase::name)
        .containsExactly("paths", "store-faults", "healthy", "failures");
    assertThatThrownBy(() -> Phases.parse("healthy,meltdown", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown phase 'meltdown' (known: catalogue, paths,");
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
