package io.durobs.it.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.dashboards.rules.CollectorSelfMetrics;
import io.durobs.engine.catalogue.MetricKind;
import io.durobs.engine.catalogue.PrometheusNaming;
import io.durobs.it.check.PreparedQuery;
import io.durobs.it.check.QueryOutcome;
import io.durobs.it.grafana.QueryTiming;
import io.durobs.it.logs.LogRecord;
import io.durobs.it.logs.LogRecordBackend;
import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.stack.PrometheusConfig;
import io.durobs.toolkit.grafana.read.QueryTarget;
import io.durobs.toolkit.tools.Checkout;
import io.durobs.toolkit.tools.Readiness;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local launcher end to end without the engine: real collector, Prometheus and Alertmanager
 * from the rendered files; an OTLP counter and log record go through the pipeline; everything is
 * stopped and removed at the end.
 */
class LocalStackTest {

  @Test
  void metricsAndLogsGoThroughThePipelineAndEverythingIsCleanedUp() throws Exception {
    LocalStack stack = LocalStack.builder(Checkout.tools()).rules(Map.of()).build();
    Path runDir;
    try {
      stack.start();
      runDir = stack.runDirectory();
      assertThat(stack.prometheusUrl()).startsWith("http://127.0.0.1:");
      assertThat(Readiness.httpOk(stack.alertmanagerUrl() + "/-/ready")).isTrue();

      Resource resource = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "durobs-smoke",
          AttributeKey.stringKey("service.instance.id"), "smoke-1"));
      try (SdkMeterProvider meters = SdkMeterProvider.builder().setResource(resource)
              .registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
                  .setEndpoint(stack.otlpEndpoint() + "/v1/metrics").build()).setInterval(Duration.ofMillis(500)).build())
              .build();
           SdkLoggerProvider logs = SdkLoggerProvider.builder().setResource(resource)
              .addLogRecordProcessor(SimpleLogRecordProcessor.create(OtlpHttpLogRecordExporter.builder()
                  .setEndpoint(stack.otlpEndpoint() + "/v1/logs").build()))
              .build()) {
        meters.get("smoke").counterBuilder("durobs.smoke.events").setUnit("{event}").build().add(3);
        logs.get("smoke").logRecordBuilder().setBody("smoke record")
            .setAttribute(AttributeKey.stringKey("instance_id"), "abc").emit();

        String name = PrometheusNaming.metricName("durobs.smoke.events", MetricKind.COUNTER, "{event}");
        PrometheusClient prometheus = PrometheusClient.of(stack.prometheusUrl());
        Readiness.await(name + " in Prometheus", Duration.ofSeconds(60), null,
            () -> prometheus.query(name + "{job=\"durobs-smoke\"}", Instant.now()).hasData());
        Readiness.await("the log record in the file exporter's output", Duration.ofSeconds(30), null,
            () -> stack.logRecords().stream().anyMatch(r -> r.body().equals("smoke record")));
        // the production Loki exporter delivers to Loki's stand-in, and fails while it is down
        awaitCollectorCounter(prometheus, CollectorSelfMetrics.SENT_LOG_RECORDS);
        stack.interruptLogsBackend();
        assertThat(stack.diagnostics()).doesNotContain("logs-backend (running)");
        logs.get("smoke").logRecordBuilder().setBody("lost record").emit();
        awaitCollectorCounter(prometheus, CollectorSelfMetrics.SEND_FAILED_LOG_RECORDS);
        stack.resumeLogsBackend();
        assertThat(stack.diagnostics()).contains("logs-backend (running)");
      }
      LogRecord r = stack.logRecords().stream().filter(x -> x.body().equals("smoke record")).findFirst().orElseThrow();
      assertThat(r.attributes()).containsEntry("instance_id", "abc");
      assertThat(r.resource()).containsEntry("service.name", "durobs-smoke");
      assertLogPanels(stack);
      assertThat(stack.diagnostics()).contains("collector (running)").contains("prometheus (running)");
      assertThatThrownBy(stack::database).hasMessageContaining("without a database");
    } finally {
      stack.close();
    }
    assertThat(runDir).doesNotExist();
    assertThat(Readiness.httpOk(stack.prometheusUrl() + "/-/ready")).isFalse();
    assertThat(Readiness.httpOk(stack.alertmanagerUrl() + "/-/ready")).isFalse();
  }

  /** Waits until a collector counter of its Loki exporter counts a log record. */
  private static void awaitCollectorCounter(PrometheusClient prometheus, String counter) {
    String query = counter + "{job=\"" + PrometheusConfig.COLLECTOR_JOB + "\",exporter=\"" + HarnessCollector.LOKI_EXPORTER + "\"} > 0";
    Readiness.await(query + " in Prometheus", Duration.ofSeconds(60), null,
        () -> prometheus.query(query, Instant.now()).hasData());
  }

  /** Log panel queries against the exported records: a match, a line filter and a wrong stream. */
  private static void assertLogPanels(LocalStack stack) {
    LogRecordBackend logs = new LogRecordBackend(stack::logRecords);
    Instant to = Instant.now();
    QueryTiming timing = QueryTiming.compute(to.minus(Duration.ofMinutes(5)), to, 1000, null, "5s", null, 0);
    java.util.function.Function<String, PreparedQuery> q = expr -> new PreparedQuery(
        QueryTarget.rangeQuery("A", expr), "loki", expr, expr, timing, 1000);

    PreparedQuery match = q.apply("{service_name=\"durobs-smoke\"} |= \"smoke\" | instance_id=\"abc\"");
    assertThat(logs.run(match).result().hasData()).isTrue();

    PreparedQuery filtered = q.apply("sum(count_over_time({service_name=\"durobs-smoke\"} |= \"boom\" [1m]))");
    QueryOutcome none = logs.run(filtered);
    assertThat(none.result().hasData()).isFalse();
    assertThat(logs.explainEmpty(filtered, none).headline()).contains("none passes the line filter |= \"boom\"");

    PreparedQuery wrongStream = q.apply("{service_name=\"other\"}");
    assertThat(logs.explainEmpty(wrongStream, logs.run(wrongStream)).findings().get(0).message())
        .contains("none with service_name=\"other\"").contains("durobs-smoke");
  }

  @Test
  void aRuleFilePrometheusRejectsFailsTheStartAndLeavesNothingBehind() {
    LocalStack stack = LocalStack.builder(Checkout.tools())
        .rules(Map.of("broken.yaml", "groups:\n  - name: broken\n    rules:\n      - alert: Broken\n        expr: rate(up[\n")).build();
    assertThatThrownBy(stack::start).isInstanceOf(StackStartException.class)
        .hasMessageContaining("prometheus exited").hasMessageContaining("broken.yaml");
    assertThat(Files.exists(stack.runDirectory())).isFalse();
    assertThat(Readiness.httpOk(stack.alertmanagerUrl() + "/-/ready")).isFalse();
  }

  @Test
  void ruleFileNamesArePlainYamlNames() {
    assertThatThrownBy(() -> LocalStack.builder(Checkout.tools()).rules(Map.of("../x.yaml", "")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../x.yaml'");
  }
}
