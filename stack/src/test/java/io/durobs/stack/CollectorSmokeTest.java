package io.durobs.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.collector.CollectorPipeline;
import io.durobs.toolkit.tools.ManagedProcess;
import io.durobs.toolkit.tools.NotReadyException;
import io.durobs.toolkit.tools.Ports;
import io.durobs.toolkit.tools.Readiness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built collector with the local overlay on free loopback ports and sends it OTLP/HTTP
 * data: health answers, a log record lands in the file exporter's output with the environment
 * attribute added, and metrics come out of the Prometheus exporter under the names and labels
 * the dashboards expect (job/instance from the resource, unit and _total suffixes, the rest of the
 * resource on target_info only).
 *
 * <p>The metric names here are made up for this test; they are not the engine's catalogue.
 */
class CollectorSmokeTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private StackEndpoints endpoints;
  private ManagedProcess collector;
  private Path logRecords;

  @BeforeEach
  void startCollector() throws Exception {
    endpoints = StackEndpoints.builder().allOn("127.0.0.1")
        .otlpGrpcPort(Ports.free())
        .otlpHttpPort(Ports.free())
        .collectorMetricsPort(Ports.free())
        .collectorTelemetryPort(Ports.free())
        .healthCheckPort(Ports.free())
        .build();
    StackFiles.writeTo(dir, StackFiles.render(endpoints));
    logRecords = dir.resolve("log-records.jsonl");
    List<String> command = new ArrayList<>(List.of(TestCheckout.collector().toString()));
    command.addAll(ServiceCommands.collector(dir.resolve("collector").toString(), true));
    collector = ManagedProcess.start("collector", command, dir, Map.of(
        CollectorPipeline.LOG_RECORDS_FILE_ENV, logRecords.toString(),
        CollectorPipeline.ENVIRONMENT_ENV, "smoke"), dir.resolve("collector.log"));
  }

  @AfterEach
  void stopCollector() {
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void healthLogsAndMetricsFlowThroughTheLocalPipeline() throws Exception {
    String health = awaitBody(endpoints.healthCheck().http("/"), body -> true, "health_check");
    assertThat(health).contains("Server available");

    long now = Instant.now().toEpochMilli() * 1_000_000L;
    HttpResponse<String> logs = post("/v1/logs", """
        {"resourceLogs":[{"resource":{"attributes":[%s]},"scopeLogs":[{"scope":{"name":"smoke"},"logRecords":[
          {"timeUnixNano":"%d","severityNumber":9,"severityText":"INFO",
           "body":{"stringValue":"smoke log record 7f3a"},
           "attributes":[{"key":"orchestration.name","value":{"stringValue":"Smoke"}}]}]}]}]}
        """.formatted(resource(), now));
    assertThat(logs.statusCode()).as(logs.body()).isEqualTo(200);

    HttpResponse<String> metrics = post("/v1/metrics", """
        {"resourceMetrics":[{"resource":{"attributes":[%s]},"scopeMetrics":[{"scope":{"name":"smoke"},"metrics":[
          {"name":"smoke.requests","unit":"{request}","sum":{"aggregationTemporality":2,"isMonotonic":true,
            "dataPoints":[{"attributes":[{"key":"outcome","value":{"stringValue":"ok"}}],
              "startTimeUnixNano":"%d","timeUnixNano":"%d","asInt":"3"}]}},
          {"name":"smoke.latency","unit":"s","histogram":{"aggregationTemporality":2,
            "dataPoints":[{"startTimeUnixNano":"%d","timeUnixNano":"%d","count":"2","sum":0.3,
              "bucketCounts":["1","1"],"explicitBounds":[0.1]}]}}]}]}]}
        """.formatted(resource(), now - 1_000_000_000L, now, now - 1_000_000_000L, now));
    assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);

    String line = awaitFileLine(logRecords, l -> l.contains("smoke log record 7f3a"));
    assertThat(line)
        .contains("\"service.name\"", "\"smoke-svc\"", "\"service.instance.id\"", "\"smoke-1\"")
        .contains("\"" + CollectorPipeline.ENVIRONMENT_ATTRIBUTE + "\"", "\"smoke\"")
        .contains("\"orchestration.name\"");

    String exposition = awaitBody(endpoints.collectorMetrics().http("/metrics"),
        body -> body.contains("smoke_requests_total{") && body.contains("smoke_latency_seconds_bucket{"),
        "the Prometheus exporter");
    String counter = seriesLine(exposition, "smoke_requests_total{");
    assertThat(counter)
        .contains("job=\"smoke-svc\"", "instance=\"smoke-1\"", "outcome=\"ok\"")
        .doesNotContain("deployment_environment")
        .endsWith(" 3");
    assertThat(seriesLine(exposition, "smoke_latency_seconds_bucket{"))
        .contains("job=\"smoke-svc\"", "instance=\"smoke-1\"");
    assertThat(exposition).contains("smoke_latency_seconds_bucket{").contains("le=\"+Inf\"");
    assertThat(seriesLine(exposition, "target_info{"))
        .contains("job=\"smoke-svc\"", "instance=\"smoke-1\"", "deployment_environment_name=\"smoke\"");

    String own = awaitBody(endpoints.collectorTelemetry().http("/metrics"), body -> body.contains("otelcol_"),
        "the collector's own metrics");
    assertThat(own).contains("otelcol_receiver_accepted_log_records");
  }

  private static String resource() {
    return """
        {"key":"service.name","value":{"stringValue":"smoke-svc"}},\
        {"key":"service.instance.id","value":{"stringValue":"smoke-1"}}""";
  }

  private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(endpoints.otlpHttp().http(path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The body of a 200 answer from {@code uri} that {@code ready} accepts, once there is one. */
  private String awaitBody(URI uri, Predicate<String> ready, String what) {
    AtomicReference<String> last = new AtomicReference<>("(no answer)");
    try {
      Readiness.await(what + " at " + uri, WAIT, collector, () -> {
        try {
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofString());
          last.set(response.statusCode() + " " + response.body());
          return response.statusCode() == 200 && ready.test(response.body());
        } catch (IOException notYet) {
          last.set(notYet.toString());
          return false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      });
    } catch (NotReadyException e) {
      throw new AssertionError(e.getMessage() + "\nlast answer: " + last.get(), e);
    }
    return last.get().substring("200 ".length());
  }

  /** The first line of {@code file} that {@code wanted} accepts, once there is one. */
  private String awaitFileLine(Path file, Predicate<String> wanted) {
    AtomicReference<Optional<String>> line = new AtomicReference<>(Optional.empty());
    Readiness.await("a matching line in " + file, WAIT, collector, () -> {
      try {
        line.set(Files.exists(file) ? Files.readAllLines(file).stream().filter(wanted).findFirst() : Optional.empty());
      } catch (IOException beingWritten) {
        return false;
      }
      return line.get().isPresent();
    });
    return line.get().orElseThrow();
  }

  private static String seriesLine(String exposition, String prefix) {
    List<String> lines = exposition.lines().filter(l -> l.startsWith(prefix)).toList();
    assertThat(lines).as("series starting with %s", prefix).isNotEmpty();
    return lines.get(0);
  }
}
