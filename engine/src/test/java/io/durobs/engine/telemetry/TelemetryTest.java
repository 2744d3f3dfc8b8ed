package io.durobs.engine.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.testing.telemetry.LogCapture;
import io.durobs.testing.telemetry.OtlpTestEndpoint;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class TelemetryTest {

  /** No OTLP export: what a test reads comes from the in-memory reader or exporter. */
  private static final Map<String, String> IN_MEMORY_ONLY = Map.of(
      "OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none");

  @Test
  void defaultResourceNamesTheEngineAndAUniqueInstance() {
    try (Telemetry t = Telemetry.builder().settings(IN_MEMORY_ONLY).installLogAppender(false).build()) {
      assertThat(t.isEnabled()).isTrue();
      assertThat(t.resource().getAttribute(Telemetry.SERVICE_NAME)).isEqualTo("duroxide-engine");
      assertThat(UUID.fromString(t.serviceInstanceId().orElseThrow())).isNotNull();
      assertThat(t.resource().getAttribute(Telemetry.SERVICE_VERSION))
          .isEqualTo(Telemetry.engineVersion()).isNotEqualTo("unknown").doesNotContain("${");
      assertThat(t.metricExportInterval()).isEqualTo(Duration.ofMinutes(1));
    }
  }

  @Test
  void standardSettingsOverrideTheDefaults() {
    try (Telemetry byName = Telemetry.builder().settings(IN_MEMORY_ONLY)
        .setting("OTEL_SERVICE_NAME", "billing-engine")
        .setting("OTEL_METRIC_EXPORT_INTERVAL", "250")
        .installLogAppender(false).build();
        Telemetry byAttributes = Telemetry.builder().settings(IN_MEMORY_ONLY)
            .setting("otel.resource.attributes",
                "service.name=orders,service.instance.id=node-7,deployment.environment=ci")
            .installLogAppender(false).build()) {
      assertThat(byName.resource().getAttribute(Telemetry.SERVICE_NAME)).isEqualTo("billing-engine");
      assertThat(byName.metricExportInterval()).isEqualTo(Duration.ofMillis(250));
      assertThat(byAttributes.resource().getAttribute(Telemetry.SERVICE_NAME)).isEqualTo("orders");
      assertThat(byAttributes.serviceInstanceId()).contains("node-7");
      assertThat(byAttributes.resource().getAttribute(AttributeKey.stringKey("deployment.environment")))
          .isEqualTo("ci");
    }
  }

  @Test
  void oneSettingTurnsTelemetryOff() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (Telemetry t = Telemetry.builder().setting("OTEL_SDK_DISABLED", "true")
        .addMetricReader(reader).build()) {
      assertThat(t.isEnabled()).isFalse();
      assertThat(t.openTelemetry()).isSameAs(OpenTelemetry.noop());
      new EngineInstruments(t.openTelemetry())
          .add(MetricCatalogue.CLIENT_CANCELLATIONS, 1);
      assertThat(reader.collectAllMetrics()).isEmpty();
      assertThat(t.flush(Duration.ofSeconds(1))).isTrue();
    }
  }

  @Test
  void anInvalidSettingIsRejectedByName() {
    assertThatThrownBy(() -> Telemetry.builder()
        .setting("OTEL_EXPORTER_OTLP_PROTOCOL", "carrier-pigeon").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("carrier-pigeon");
  }

  @Test
  void theProcessGroupReachesAReaderUnderItsCatalogueNames() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (Telemetry t = Telemetry.builder().settings(IN_MEMORY_ONLY).addMetricReader(reader)
        .installLogAppender(false).build()) {
      // a collection is reported through a JMX notification after it ends: wait for it
      java.util.Set<String> names = new java.util.TreeSet<>();
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (!names.contains(MetricCatalogue.JVM_GC_DURATION.otelName())
          && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(50);
        reader.collectAllMetrics().forEach(m -> names.add(m.getName()));
      }
      assertThat(names).containsAll(MetricCatalogue.process().stream()
          .map(io.durobs.engine.catalogue.MetricDefinition::otelName).toList());
      MetricData uptime = reader.collectAllMetrics().stream()
          .filter(m -> m.getName().equals(MetricCatalogue.PROCESS_UPTIME.otelName()))
          .findFirst().orElseThrow();
      assertThat(uptime.getInstrumentationScopeInfo().getName())
          .isEqualTo(MetricCatalogue.PROCESS_METER_NAME);
      assertThat(uptime.getUnit()).isEqualTo("s");
      assertThat(uptime.getDoubleGaugeData().getPoints()).singleElement()
          .satisfies(p -> assertThat(p.getValue()).isPositive());
    }
  }

  @Test
  void catalogueMetricsReachAReaderWithTheResource() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (Telemetry t = Telemetry.builder().settings(IN_MEMORY_ONLY).addMetricReader(reader)
        .installLogAppender(false).processMetrics(false).build()) {
      EngineInstruments instruments = new EngineInstruments(t.openTelemetry());
      instruments.add(MetricCatalogue.CLIENT_ORCHESTRATION_STARTS, 2, "orchestration_name", "Greet");
      instruments.record(MetricCatalogue.CLIENT_WAIT_DURATION, 0.3, "outcome", "completed");
      List<MetricData> data = List.copyOf(reader.collectAllMetrics());
      assertThat(data).extracting(MetricData::getName).containsExactlyInAnyOrder(
          MetricCatalogue.CLIENT_ORCHESTRATION_STARTS.otelName(),
          MetricCatalogue.CLIENT_WAIT_DURATION.otelName());
      assertThat(data).allSatisfy(m -> assertThat(m.getResource()).isEqualTo(t.resource()));
      MetricData starts = data.stream()
          .filter(m -> m.getName().equals(MetricCatalogue.CLIENT_ORCHESTRATION_STARTS.otelName()))
          .findFirst().orElseThrow();
      assertThat(starts.getLongSumData().isMonotonic()).isTrue();
      assertThat(starts.getLongSumData().getPoints()).singleElement()
          .satisfies(p -> assertThat(p.getValue()).isEqualTo(2));
      MetricData wait = data.stream()
          .filter(m -> m.getName().equals(MetricCatalogue.CLIENT_WAIT_DURATION.otelName()))
          .findFirst().orElseThrow();
      assertThat(wait.getHistogramData().getPoints()).singleElement().satisfies(p ->
          assertThat(p.getBoundaries()).isEqualTo(MetricCatalogue.CLIENT_WAIT_DURATION.buckets()));
    }
  }

  @Test
  void slf4jRecordsBecomeLogRecordsWithMdcAndSeverityButSdkRecordsDoNot() throws Exception {
    InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
    ListAppender<ILoggingEvent> console = LogCapture.attach();
    try (Telemetry t = Telemetry.builder().settings(IN_MEMORY_ONLY)
        .setting("DUROBS_TELEMETRY_WARNING_INTERVAL", "1ms")
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs)).build()) {
      Thread.sleep(2); // past any earlier test's throttle interval
      Logger engineLog = LoggerFactory.getLogger("io.durobs.engine.runtime.Test");
      try (var a = MDC.putCloseable("instance_id", "order-42");
          var b = MDC.putCloseable("execution_id", "1");
          var c = MDC.putCloseable("orchestration_name", "ProcessOrder");
          var d = MDC.putCloseable("activity_name", "ChargeCard")) {
        engineLog.warn("activity failed: {}", "card declined");
      }
      java.util.logging.Logger.getLogger("io.opentelemetry.exporter.Test")
          .severe("Failed to export metrics (test)");
      List<LogRecordData> records = logs.getFinishedLogRecordItems();
      assertThat(records).singleElement().satisfies(r -> {
        assertThat(r.getBodyValue().asString()).isEqualTo("activity failed: card declined");
        assertThat(r.getSeverity()).isEqualTo(Severity.WARN);
        assertThat(r.getAttributes().get(AttributeKey.stringKey("instance_id"))).isEqualTo("order-42");
        assertThat(r.getAttributes().get(AttributeKey.stringKey("execution_id"))).isEqualTo("1");
        assertThat(r.getAttributes().get(AttributeKey.stringKey("orchestration_name")))
            .isEqualTo("ProcessOrder");
        assertThat(r.getAttributes().get(AttributeKey.stringKey("activity_name")))
            .isEqualTo("ChargeCard");
        assertThat(r.getAttributes().get(AttributeKey.stringKey("code.function.name"))).isNull();
        assertThat(r.getResource()).isEqualTo(t.resource());
      });
      assertThat(LogCapture.messages(console, "io.opentelemetry.exporter.Test"))
          .as("the SDK record reached the console").containsExactly("Failed to export metrics (test)");
    } finally {
      LogCapture.detach(console);
    }
  }

  @Test
  void httpProtobufAndGrpcExportToTheConfiguredEndpoint() throws Exception {
    try (OtlpTestEndpoint http = OtlpTestEndpoint.start(OtlpTestEndpoint.Mode.ACCEPT);
        OtlpTestEndpoint grpc = OtlpTestEndpoint.start(OtlpTestEndpoint.Mode.HANG)) {
      try (Telemetry t = exportingTo(http.url(), "http/protobuf")) {
        new EngineInstruments(t.openTelemetry()).add(MetricCatalogue.CLIENT_CANCELLATIONS, 1);
        LoggerFactory.getLogger(TelemetryTest.class).info("hello over OTLP/HTTP");
        assertThat(t.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(http.posts("/v1/metrics")).isPositive();
        assertThat(http.posts("/v1/logs")).isPositive();
        assertThat(http.firstLines()).allMatch(l -> l.startsWith("POST /v1/") && l.endsWith("HTTP/1.1"));
        assertThat(t.exportHealth().snapshot().metricSuccesses()).isPositive();
        assertThat(t.exportHealth().isFailing()).isFalse();
      }
      ListAppender<ILoggingEvent> console = LogCapture.attach();
      try (Telemetry t = exportingTo(grpc.url(), "grpc")) {
        new EngineInstruments(t.openTelemetry()).add(MetricCatalogue.CLIENT_CANCELLATIONS, 1);
        assertThat(t.flush(Duration.ofSeconds(5))).isFalse(); // the endpoint never answers
        assertThat(grpc.firstLines()).isNotEmpty().allMatch(l -> l.equals("PRI * HTTP/2.0"));
        assertThat(t.exportHealth().snapshot().metricFailures()).isPositive();
        assertThat(t.exportHealth().isFailing()).isTrue();
        // the timeout is reported once, naming where the export was going
        assertThat(LogCapture.messages(console, ExportHealth.class.getName())).singleElement()
            .asString().startsWith("telemetry export failing: ")
            .contains(" to " + grpc.url() + " (grpc): ");
      } finally {
        LogCapture.detach(console);
      }
    }
  }

  @Test
  void exportHealthReportsWhenExportResumes() throws Exception {
    ListAppender<ILoggingEvent> console = LogCapture.attach();
    try (OtlpTestEndpoint receiver = OtlpTestEndpoint.start(OtlpTestEndpoint.Mode.ACCEPT)) {
      ExportHealth health = new ExportHealth();
      String endpoint = "http://collector:4318/v1/metrics (http/protobuf)";
      health.onResult(ExportHealth.Signal.METRICS, false, endpoint,
          new java.net.SocketTimeoutException("timeout"));
      health.onResult(ExportHealth.Signal.LOGS, false, endpoint, null);
      assertThat(health.isFailing()).isTrue();
      health.onResult(ExportHealth.Signal.METRICS, true, endpoint, null);
      assertThat(health.isFailing()).isFalse();
      assertThat(health.snapshot()).isEqualTo(new ExportHealth.Snapshot(1, 1, 0, 1));
      assertThat(LogCapture.messages(console, ExportHealth.class.getName())).containsExactly(
          "telemetry export failing: metrics to " + endpoint + ": timeout; a line follows when"
              + " it resumes",
          "telemetry export to " + endpoint + " resumed after 2 failed exports");
    } finally {
      LogCapture.detach(console);
    }
  }

  private static Telemetry exportingTo(String endpoint, String protocol) {
    return Telemetry.builder()
        .setting("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
        .setting("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
        .setting("OTEL_EXPORTER_OTLP_TIMEOUT", "1000")
        .setting("OTEL_JAVA_EXPORTER_OTLP_RETRY_DISABLED", "true")
        .build();
  }
}
