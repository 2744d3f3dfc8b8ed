package io.durobs.engine.telemetry;

import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_EXECUTIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_ITEMS_FETCHED;
import static io.durobs.engine.testing.CollectedMetrics.assertNotEmitted;
import static io.durobs.engine.testing.CollectedMetrics.assertThatMetric;
import static io.durobs.engine.testing.CollectedMetrics.histogramPoint;
import static io.durobs.engine.testing.CollectedMetrics.longPoint;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EngineInstruments#batchCounters}: a thread's counter additions reach the SDK when its
 * batch closes, each series' sum once; histograms, other threads and later additions are not
 * held back.
 */
class CounterBatchTest {

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();
  private final EngineInstruments instruments = new EngineInstruments(sdk);

  @AfterEach
  void closeSdk() {
    sdk.close();
  }

  private void attempt(String outcome) {
    instruments.add(ACTIVITY_EXECUTIONS, 1, "activity_name", "step", "outcome", outcome,
        "retry_attempt", "0");
  }

  @Test
  void additionsInABatchReachTheSdkWhenItClosesEachSeriesSummed() {
    try (EngineInstruments.CounterBatch batch = instruments.batchCounters()) {
      for (int i = 0; i < 5; i++) {
        attempt("success");
        instruments.add(DISPATCHER_ITEMS_FETCHED, 1, "dispatcher", "worker");
      }
      attempt("app_error");
      instruments.record(ACTIVITY_DURATION, 0.001, "activity_name", "step", "outcome", "success");

      assertNotEmitted(reader, ACTIVITY_EXECUTIONS);
      assertNotEmitted(reader, DISPATCHER_ITEMS_FETCHED);
      assertThatMetric(reader, ACTIVITY_DURATION).hasHistogramSatisfying(h -> h.hasPointsSatisfying(
          histogramPoint(1, "activity_name", "step")));
    }

    assertThatMetric(reader, ACTIVITY_EXECUTIONS).hasLongSumSatisfying(s -> s.hasPointsSatisfying(
        longPoint(5, "outcome", "success"), longPoint(1, "outcome", "app_error")));
    assertThatMetric(reader, DISPATCHER_ITEMS_FETCHED).hasLongSumSatisfying(s ->
        s.hasPointsSatisfying(longPoint(5, "dispatcher", "worker")));
  }

  @Test
  void afterTheBatchAdditionsGoStraightToTheSdk() {
    try (EngineInstruments.CounterBatch batch = instruments.batchCounters()) {
      attempt("success");
    }
    attempt("success");

    assertThatMetric(reader, ACTIVITY_EXECUTIONS).hasLongSumSatisfying(s -> s.hasPointsSatisfying(
        longPoint(2, "outcome", "success")));
  }

  @Test
  void aBatchOpenedInsideAnotherJoinsItAndOnlyTheOuterOneAdds() {
    try (EngineInstruments.CounterBatch outer = instruments.batchCounters()) {
      try (EngineInstruments.CounterBatch inner = instruments.batchCounters()) {
        attempt("success");
      }
      assertNotEmitted(reader, ACTIVITY_EXECUTIONS);
      attempt("success");
    }

    assertThatMetric(reader, ACTIVITY_EXECUTIONS).hasLongSumSatisfying(s -> s.hasPointsSatisfying(
        longPoint(2, "outcome", "success")));
  }

  @Test
  void anotherThreadsAdditionsAreNotHeldBack() throws Exception {
    try (EngineInstruments.CounterBatch batch = instruments.batchCounters()) {
      Thread other = new Thread(() -> attempt("success"));
      other.start();
      other.join();

      assertThatMetric(reader, ACTIVITY_EXECUTIONS).hasLongSumSatisfying(s ->
          s.hasPointsSatisfying(longPoint(1, "outcome", "success")));
    }
  }
}
