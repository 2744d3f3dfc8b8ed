package io.durobs.engine.runtime;

import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVE_ORCHESTRATIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.CLIENT_ORCHESTRATION_STARTS;
import static io.durobs.engine.catalogue.MetricCatalogue.FINAL_TURN_COUNT;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_COMPLETIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.OVERFLOW_VALUE;
import static io.durobs.engine.catalogue.MetricCatalogue.STATUS;
import static io.durobs.engine.catalogue.MetricCatalogue.TELEMETRY_LABEL_OVERFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.Registry;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.engine.telemetry.EngineInstruments;
import io.durobs.engine.telemetry.Telemetry;
import io.durobs.engine.testing.EngineTestBase;
import io.durobs.testing.telemetry.LogCapture;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reproduction: 500 orchestration names pushed the active-orchestrations gauge (500
 * names × 5 states) past the OpenTelemetry SDK's 2,000-series limit, and the SDK folded series
 * into {@code otel.metric.overflow} without telling anyone. With the label value limit, the first
 * 100 names keep their series, the rest are one visible overflow series (their values summed),
 * counted by a catalogue counter and warned about once.
 */
class MetricCardinalityTest extends EngineTestBase {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AttributeKey<String> NAME = AttributeKey.stringKey("orchestration_name");
  private static final AttributeKey<Boolean> SDK_OVERFLOW =
      AttributeKey.booleanKey("otel.metric.overflow");

  @Test
  void fiveHundredOrchestrationNamesStayWithinTheLabelLimitVisiblyCountedAndWarnedOnce() {
    Registry.Builder code = Registry.builder().event("go");
    for (int i = 0; i < 500; i++) {
      code.orchestration(String.format("o%03d", i),
          ctx -> ctx.waitForEvent("go", String.class).await());
    }
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    ListAppender<ILoggingEvent> logs = LogCapture.attach();
    try (Telemetry telemetry = Telemetry.builder()
        .settings(Map.of("OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none"))
        .installLogAppender(false).processMetrics(false).addMetricReader(reader).build()) {
      DurableRuntime rt = start(code.build(), b -> b.openTelemetry(telemetry.openTelemetry()));
      DurableClient client = rt.client();
      // the gauge reports every registered name once the store has been read: o000..o099
      // (sorted) are admitted first
      awaitAsserted(WAIT, () -> assertThat(points(reader, ACTIVE_ORCHESTRATIONS)).isNotEmpty());

      for (String name : List.of("o499", "o499", "o499", "o300", "o300", "o007")) {
        client.startOrchestration(name, name + "-" + System.nanoTime(), null);
      }
      awaitAsserted(WAIT, () -> assertThat(active(reader)).containsEntry(OVERFLOW_VALUE, 5L)
          .containsEntry("o007", 1L));

      List<LongPointData> gauge = points(reader, ACTIVE_ORCHESTRATIONS);
      assertThat(gauge).hasSize((EngineInstruments.DEFAULT_LABEL_VALUE_LIMIT + 1) * 5);
      assertThat(gauge).noneMatch(p -> p.getAttributes().get(SDK_OVERFLOW) != null);
      assertThat(gauge.stream().map(p -> p.getAttributes().get(NAME)).distinct())
          .hasSize(EngineInstruments.DEFAULT_LABEL_VALUE_LIMIT + 1)
          .contains("o000", "o099", OVERFLOW_VALUE).doesNotContain("o100", "o499");
      assertThat(points(reader, CLIENT_ORCHESTRATION_STARTS).stream()
          .collect(Collectors.toMap(p -> p.getAttributes().get(NAME), LongPointData::getValue)))
          .containsOnly(Map.entry(OVERFLOW_VALUE, 5L), Map.entry("o007", 1L));
      List<LongPointData> overflow = points(reader, TELEMETRY_LABEL_OVERFLOW);
      assertThat(overflow).singleElement().satisfies(p -> {
        assertThat(p.getAttributes().get(AttributeKey.stringKey("label")))
            .isEqualTo("orchestration_name");
        // 400 names × 5 states per collection, plus the 5 client starts
        assertThat(p.getValue()).isGreaterThanOrEqualTo(2 * 400 * 5 + 5);
      });
      assertThat(LogCapture.messages(logs, EngineInstruments.class.getName()))
          .containsExactly("metric label orchestration_name has reached the label value limit"
              + " (100) in this process; further values are reported as __overflow__ and"
              + " counted by duroxide.telemetry.label_overflow (raise it with"
              + " DurableRuntime.Builder.metricLabelValueLimit)");
    } finally {
      LogCapture.detach(logs);
    }
  }

  /**
   * Within the label value limit a metric may still have more than the SDK's default 2,000
   * attribute sets (here 100 names × 2 versions × 4 statuses × 4 turn buckets = 3,200): the
   * telemetry raises each catalogue instrument's SDK limit to its series budget, so none is
   * folded into {@code otel.metric.overflow}.
   */
  @Test
  void theSdkKeepsEverySeriesWithinTheCatalogueBudget() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (Telemetry telemetry = Telemetry.builder()
        .settings(Map.of("OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none"))
        .installLogAppender(false).processMetrics(false).addMetricReader(reader).build()) {
      EngineInstruments instruments = new EngineInstruments(telemetry.openTelemetry());
      for (int i = 0; i < 100; i++) {
        for (String version : List.of("1", "2")) {
          for (String status : STATUS.allowedValues()) {
            for (String turns : FINAL_TURN_COUNT.allowedValues()) {
              instruments.add(ORCHESTRATION_COMPLETIONS, 1, "orchestration_name", "o" + i,
                  "version", version, "status", status, "final_turn_count", turns);
            }
          }
        }
      }
      List<LongPointData> points = points(reader, ORCHESTRATION_COMPLETIONS);
      assertThat(points).hasSize(3200)
          .noneMatch(p -> p.getAttributes().get(SDK_OVERFLOW) != null);
    }
  }

  /** Waiting instances by orchestration_name (summed over states) at one collection. */
  private static Map<String, Long> active(InMemoryMetricReader reader) {
    return points(reader, ACTIVE_ORCHESTRATIONS).stream()
        .filter(p -> p.getValue() > 0)
        .collect(Collectors.toMap(p -> p.getAttributes().get(NAME), LongPointData::getValue,
            Long::sum));
  }

  private static List<LongPointData> points(InMemoryMetricReader reader, MetricDefinition m) {
    Collection<MetricData> all = reader.collectAllMetrics();
    return all.stream().filter(d -> d.getName().equals(m.otelName()))
        .flatMap(d -> d.getData().getPoints().stream())
        .map(p -> (LongPointData) (PointData) p).toList();
  }
}
