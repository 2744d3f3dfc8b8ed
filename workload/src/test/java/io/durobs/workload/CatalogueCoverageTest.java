package io.durobs.workload;

import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_EXECUTIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.CLIENT_ORCHESTRATION_STARTS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_COMPLETIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_CONTINUE_AS_NEW;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_HISTORY_SIZE;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_STARTS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_TURNS;
import static io.durobs.engine.catalogue.MetricCatalogue.OVERFLOW_VALUE;
import static io.durobs.engine.catalogue.MetricCatalogue.SUBORCHESTRATION_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.TELEMETRY_LABEL_OVERFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.catalogue.MetricDefinition;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the catalogue workload once (paths, store faults, healthy load) on a real PostgreSQL with
 * an in-memory metric reader and log exporter, then checks that every catalogue metric and every
 * allowed value of every enumerated label has data, and that the "once per" rules hold against
 * what the database recorded. Prints {@code catalogue: M/31 metrics, L/98 label values}.
 */
class CatalogueCoverageTest {

  private static WorkloadFixture fixture;
  private static Collection<MetricData> data;
  private static List<LogRecordData> logs;
  private static CatalogueWorkload.Stats stats;

  /** Orchestration code logs at INFO; the test logging configuration shows WARN and up. */
  private static final ch.qos.logback.classic.Logger USER_LOG =
      (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.durobs.orchestration");
  private static ch.qos.logback.classic.Level userLogLevel;

  @BeforeAll
  static void runTheWorkload() throws InterruptedException {
    userLogLevel = USER_LOG.getLevel();
    USER_LOG.setLevel(ch.qos.logback.classic.Level.INFO);
    fixture = WorkloadFixture.start(WorkloadFixture.IN_MEMORY_ONLY, b -> { });
    fixture.workload().run(Phases.catalogue(Duration.ofSeconds(2)));
    data = fixture.metrics().collectAllMetrics(); // before close: the gauges go with the runtime
    logs = fixture.logs().getFinishedLogRecordItems();
    stats = fixture.workload().stats();
  }

  @AfterAll
  static void stop() {
    USER_LOG.setLevel(userLogLevel);
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void everyMetricAndEveryEnumeratedLabelValueHasData() {
    CatalogueCoverage coverage = CatalogueCoverage.of(data);
    System.out.println(coverage.summary());
    assertThat(coverage.missing()).isEmpty();
    assertThat(coverage.summary()).isEqualTo("catalogue: 31/31 metrics, 98/98 label values");
  }

  @Test
  void everyClientStartIsCountedOnceAsAStartInitiatedByTheClient() {
    assertThat(stats.clientStarts()).isGreaterThan(50);
    assertThat(sum(ORCHESTRATION_STARTS, "initiated_by", "client")).isEqualTo(stats.clientStarts());
    assertThat(sum(CLIENT_ORCHESTRATION_STARTS)).isEqualTo(stats.clientStarts());
  }

  @Test
  void theClientWithALabelValueLimitOfOneFoldsItsSecondNameAndCountsIt() {
    assertThat(sum(TELEMETRY_LABEL_OVERFLOW, "label", "orchestration_name")).isEqualTo(1);
    assertThat(sum(CLIENT_ORCHESTRATION_STARTS, "orchestration_name", OVERFLOW_VALUE))
        .isEqualTo(1);
  }

  @Test
  void everyContinueAsNewIsCountedOnce() {
    assertThat(stats.continueAsNew()).isPositive();
    assertThat(sum(ORCHESTRATION_CONTINUE_AS_NEW)).isEqualTo(stats.continueAsNew());
    assertThat(sum(ORCHESTRATION_STARTS, "initiated_by", "continueAsNew"))
        .isEqualTo(stats.continueAsNew());
    assertThat(sum(ORCHESTRATION_COMPLETIONS, "status", "continuedAsNew"))
        .isEqualTo(stats.continueAsNew());
  }

  @Test
  void everyExecutionStartsOnceAndEndsOnceWithItsRealTurnsAndHistory() {
    long executions = db("SELECT count(*) FROM durobs.history_events WHERE event_type IN"
        + " ('ExecutionCompleted', 'ExecutionFailed', 'ExecutionCancelled', 'ContinuedAsNew')");
    long started = db("SELECT count(*) FROM durobs.history_events WHERE event_type = 'ExecutionStarted'");
    assertThat(db("SELECT count(*) FROM durobs.instances WHERE status = 'running'")).isZero();
    assertThat(started).isEqualTo(executions);
    assertThat(sum(ORCHESTRATION_STARTS)).isEqualTo(executions);
    assertThat(sum(ORCHESTRATION_COMPLETIONS)).isEqualTo(executions);

    Merged turns = merged(ORCHESTRATION_TURNS);
    assertThat(turns.count()).isEqualTo(executions);
    assertThat((long) turns.sum())
        .isEqualTo(db("SELECT count(*) FROM durobs.history_events WHERE event_type = 'TurnStarted'"));
    assertThat(turns.max()).isEqualTo(Phases.CHAIN_STEPS.get(3) + 1);
    Merged history = merged(ORCHESTRATION_HISTORY_SIZE);
    assertThat(history.count()).isEqualTo(executions);
    assertThat((long) history.sum()).isEqualTo(db("SELECT count(*) FROM durobs.history_events"));
  }

  @Test
  void durationsSpanTheWholeExecutionNotOneTurn() {
    Merged timers = merged(ORCHESTRATION_DURATION, "orchestration_name",
        CatalogueRegistry.TIMER);
    double waitSeconds = 1.5;
    double dbSeconds = dbDouble("SELECT sum(extract(epoch FROM completed_at - execution_started_at))"
        + " FROM durobs.instances WHERE orchestration_name = 'Timer'");
    long timerInstances = db("SELECT count(*) FROM durobs.instances WHERE orchestration_name = 'Timer'");
    assertThat(timers.count()).isEqualTo(timerInstances).isGreaterThanOrEqualTo(2);
    assertThat(timers.min()).isGreaterThanOrEqualTo(waitSeconds);
    assertThat(timers.sum()).isCloseTo(dbSeconds, org.assertj.core.data.Offset.offset(0.01));
    Merged child = merged(SUBORCHESTRATION_DURATION, "parent_orchestration",
        CatalogueRegistry.AWAIT_CHILD);
    assertThat(child.count()).isEqualTo(1);
    assertThat(child.min()).isGreaterThanOrEqualTo(waitSeconds);
  }

  @Test
  void raisedEventsAreCountedUnderTheirDeclaredName() {
    assertThat(sum(io.durobs.engine.catalogue.MetricCatalogue.CLIENT_EXTERNAL_EVENTS_RAISED,
        "event_name", CatalogueRegistry.APPROVAL)).isEqualTo(1);
    assertThat(sum(io.durobs.engine.catalogue.MetricCatalogue.CLIENT_EXTERNAL_EVENTS_RAISED))
        .isEqualTo(1);
  }

  @Test
  void retryAttemptsAreTheRealAttemptNumbers() {
    assertThat(sum(ACTIVITY_EXECUTIONS, "activity_name", "Flaky", "outcome", "app_error"))
        .isEqualTo(3);
    for (String attempt : List.of("0", "1", "2")) {
      assertThat(sum(ACTIVITY_EXECUTIONS, "activity_name", "Flaky", "retry_attempt", attempt))
          .isEqualTo(1);
    }
    assertThat(sum(ACTIVITY_EXECUTIONS, "activity_name", "Flaky", "outcome", "success",
        "retry_attempt", "3+")).isEqualTo(1);
  }

  @Test
  void orchestrationLogsAreWrittenOncePerRealEventWithTheirCorrelationAttributes() {
    AttributeKey<String> instance = AttributeKey.stringKey("instance_id");
    Map<String, List<String>> stepsByInstance = logs.stream()
        .filter(r -> r.getBodyValue() != null && r.getBodyValue().asString().startsWith("chain step "))
        .collect(Collectors.groupingBy(r -> r.getAttributes().get(instance),
            Collectors.mapping(r -> r.getBodyValue().asString(), Collectors.toList())));
    assertThat(stepsByInstance).isNotEmpty();
    stepsByInstance.forEach((id, steps) -> {
      List<String> expected = java.util.stream.IntStream.range(0, steps.size())
          .mapToObj(i -> "chain step " + i).toList();
      assertThat(steps).as("log records of %s", id).containsExactlyInAnyOrderElementsOf(expected);
    });
    assertThat(stepsByInstance.values()).anySatisfy(s -> assertThat(s).hasSize(55));

    List<LogRecordData> engineRecords = logs.stream()
        .filter(r -> r.getInstrumentationScopeInfo().getName().startsWith("io.durobs.orchestration")
            || r.getAttributes().get(AttributeKey.stringKey("activity_name")) != null)
        .toList();
    assertThat(engineRecords).isNotEmpty().allSatisfy(r -> {
      Attributes a = r.getAttributes();
      assertThat(a.get(instance)).isNotBlank();
      assertThat(a.get(AttributeKey.stringKey("execution_id"))).isNotBlank();
      assertThat(a.get(AttributeKey.stringKey("orchestration_name"))).isNotBlank();
      assertThat(r.getSeverity()).isNotEqualTo(Severity.UNDEFINED_SEVERITY_NUMBER);
    });
    assertThat(logs).anySatisfy(r -> {
      assertThat(r.getAttributes().get(AttributeKey.stringKey("activity_name"))).isEqualTo("Flaky");
      assertThat(r.getSeverity()).isEqualTo(Severity.WARN);
    });
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static Stream<PointData> points(MetricDefinition metric, String... labelsAndValues) {
    Map<String, String> want = new HashMap<>();
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      want.put(labelsAndValues[i], labelsAndValues[i + 1]);
    }
    return data.stream().filter(d -> d.getName().equals(metric.otelName()))
        .flatMap(d -> d.getData().getPoints().stream().map(p -> (PointData) p))
        .filter(p -> want.entrySet().stream().allMatch(e ->
            e.getValue().equals(p.getAttributes().get(AttributeKey.stringKey(e.getKey())))));
  }

  private static long sum(MetricDefinition counter, String... labelsAndValues) {
    return points(counter, labelsAndValues).mapToLong(p -> ((LongPointData) p).getValue()).sum();
  }

  /** Count, sum, min and max of the histogram series that match the labels, merged. */
  private record Merged(long count, double sum, double min, double max) {}

  private static Merged merged(MetricDefinition histogram, String... labelsAndValues) {
    List<HistogramPointData> hs = points(histogram, labelsAndValues)
        .map(p -> (HistogramPointData) p).toList();
    assertThat(hs).as("%s series", histogram.otelName()).isNotEmpty();
    return new Merged(hs.stream().mapToLong(HistogramPointData::getCount).sum(),
        hs.stream().mapToDouble(HistogramPointData::getSum).sum(),
        hs.stream().mapToDouble(HistogramPointData::getMin).min().orElseThrow(),
        hs.stream().mapToDouble(HistogramPointData::getMax).max().orElseThrow());
  }

  private static long db(String sql) {
    return (long) dbDouble(sql);
  }

  private static double dbDouble(String sql) {
    try (Connection c = fixture.db().connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getDouble(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
