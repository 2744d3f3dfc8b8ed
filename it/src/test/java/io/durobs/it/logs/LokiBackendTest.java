package io.durobs.it.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.durobs.it.check.PreparedQuery;
import io.durobs.it.check.QueryOutcome;
import io.durobs.it.diagnosis.Diagnosis;
import io.durobs.it.grafana.QueryTiming;
import io.durobs.toolkit.grafana.read.QueryTarget;
import io.durobs.toolkit.tools.Ports;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Loki backend against {@link LokiStandIn} (Loki's documented API over the log records the
 * collector exported, {@code logs/engine-log-records.jsonl}, all at 2026-11-30T18:09:00Z): same
 * answers and the same diagnosis shape as the file backend over the same records.
 */
class LokiBackendTest {

  private static final Instant FROM = Instant.ofEpochMilli(1796062080000L);
  private static final Instant TO = Instant.ofEpochMilli(1796062200000L);

  private static Path recordsFile;
  private static LokiStandIn standIn;
  private static LokiBackend loki;
  private static LogRecordBackend file;

  @BeforeAll
  static void start() throws Exception {
    recordsFile = Paths.get(LokiBackendTest.class.getResource("/logs/engine-log-records.jsonl").toURI());
    standIn = LokiStandIn.serving(recordsFile);
    loki = new LokiBackend(new LokiClient(URI.create(standIn.url()), Duration.ofSeconds(10), 1 << 20));
    List<LogRecord> records = FileExporterRecords.read(recordsFile);
    file = new LogRecordBackend(() -> records);
  }

  @AfterAll
  static void stop() {
    standIn.close();
  }

  private static PreparedQuery query(String expr) {
    QueryTiming timing = QueryTiming.compute(FROM, TO, 1000, null, "15s", null, 0);
    return new PreparedQuery(QueryTarget.rangeQuery("A", expr), "loki", expr, expr, timing, 1000);
  }

  private static Diagnosis explain(io.durobs.it.check.QueryBackend backend, String expr) {
    QueryOutcome o = backend.run(query(expr));
    assertThat(o.failed()).as(o.error()).isFalse();
    assertThat(o.result().hasData()).as(expr).isFalse();
    return backend.explainEmpty(query(expr), o);
  }

  @Test
  void logAndMetricQueriesHaveTheDataTheRecordsHold() {
    for (String expr : List.of("{service_name=\"duroxide-engine\"}",
        "{service_name=\"duroxide-engine\"} |= \"greeting\" | orchestration_name!=\"\"",
        "sum(count_over_time({service_name=~\"duroxide.*\"} |~ \"chain step [0-9]\" [1m]))",
        // Grafana's $__auto, replaced by the step as the Loki data source does (before: a parse error)
        "sum by (orchestration_name) (count_over_time({service_name=\"duroxide-engine\"} [$__auto]))")) {
      QueryOutcome fromLoki = loki.run(query(expr));
      assertThat(fromLoki.failed()).as(fromLoki.error()).isFalse();
      assertThat(fromLoki.result().sampleCount()).as(expr).isPositive()
          .isEqualTo(file.run(query(expr)).result().sampleCount());
    }
    assertThat(loki.run(query("{service_name=\"duroxide-engine\"}")).result().resultType()).isEqualTo("streams");
  }

  @Test
  void emptyPanelsAreDiagnosedInTheFileBackendsShape() {
    // the seed's selector: a stream label the OTLP records never carry
    Diagnosis seed = explain(loki, "{job=\"toygres\"}");
    assertThat(seed.kind()).isEqualTo(explain(file, "{job=\"toygres\"}").kind()).hasToString("LABEL_MISSING");
    assertThat(seed.findings().get(0).message()).contains("none carries the stream label `job` (job=\"toygres\")")
        .contains("service_name=\"duroxide-engine\"");
    // a typo'd stream label value: the nearest value Loki has
    Diagnosis typo = explain(loki, "{service_name=\"duroxide-engin\"}");
    assertThat(typo.kind()).hasToString("LABEL_VALUE_NEVER_SEEN");
    assertThat(typo.findings().get(0).message()).contains("nearest seen value: `duroxide-engine`");
    // the filter stages, judged on the stream's lines
    for (String expr : List.of("{service_name=\"duroxide-engine\"} |= \"no such text\"",
        "{service_name=\"duroxide-engine\"} | severity_text=\"ERROR\"",
        "{service_name=\"duroxide-engine\"} | no_such_attribute=\"x\"")) {
      Diagnosis fromLoki = explain(loki, expr);
      Diagnosis fromFile = explain(file, expr);
      assertThat(fromLoki.kind()).as(expr).isEqualTo(fromFile.kind());
      assertThat(fromLoki.findings().get(0).message()).as(expr).isEqualTo(fromFile.findings().get(0).message());
    }
  }

  @Test
  void aQueryLokiRejectsIsAFailedTargetWithLokisMessage() {
    QueryOutcome o = loki.run(query("{service_name=\"duroxide-engine\"} |= unquoted"));
    assertThat(o.failed()).isTrue();
    assertThat(o.error()).startsWith("parse error at line 1").doesNotContain("\n");
  }

  @Test
  void refusedUnresolvableAndNotLokiReadDifferently() throws Exception {
    String refused = "http://127.0.0.1:" + Ports.free();
    assertThatThrownBy(() -> client(refused).labels(FROM, TO)).isInstanceOf(LokiException.class)
        .hasMessage("Loki unreachable at " + refused + "/loki/api/v1/labels: connection refused (nothing "
            + "listens on that port)")
        .matches(e -> ((LokiException) e).isUnreachable());
    assertThatThrownBy(() -> client("http://loki.invalid:3100").labels(FROM, TO))
        .hasMessageContaining("the host name does not resolve");
    HttpServer notLoki = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    notLoki.createContext("/", x -> {
      byte[] body = "<html>Grafana</html>".getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    notLoki.start();
    try {
      String url = "http://127.0.0.1:" + notLoki.getAddress().getPort();
      assertThatThrownBy(() -> client(url).labels(FROM, TO)).hasMessage(url + "/loki/api/v1/labels answered "
          + "HTTP 200 but not with Loki's API (body starts '<html>Grafana</html>'): is " + url + " a Loki server?");
    } finally {
      notLoki.stop(0);
    }
  }

  @Test
  void anAnswerOverTheLimitIsRefusedNotRead() {
    LokiClient small = new LokiClient(URI.create(standIn.url()), Duration.ofSeconds(10), 1000);
    assertThatThrownBy(() -> small.entries("{service_name=\"duroxide-engine\"}", FROM, TO, 1000))
        .isInstanceOf(LokiException.class).hasMessageContaining("answered more than 1000 bytes")
        .matches(e -> !((LokiException) e).isUnreachable());
  }

  @Test
  void credentialsInTheUrlAreSentButNeverShown() {
    String port = standIn.url().substring(standIn.url().lastIndexOf(':') + 1);
    LokiClient withAuth = client("http://reader:s3cr%40t@127.0.0.1:" + port);
    assertThat(withAuth.shownUrl()).isEqualTo("http://reader:***@127.0.0.1:" + port);
    int before = standIn.authorizations().size();
    assertThat(withAuth.labels(FROM, TO)).contains("service_name");
    assertThat(standIn.authorizations().get(before)).isEqualTo("Basic "
        + java.util.Base64.getEncoder().encodeToString("reader:s3cr@t".getBytes(StandardCharsets.UTF_8)));
    LokiClient refused = client("http://reader:s3cr%40t@127.0.0.1:" + Ports.free());
    assertThatThrownBy(() -> refused.labels(FROM, TO)).hasMessageContaining("reader:***@")
        .hasMessageNotContaining("s3cr");
  }

  private static LokiClient client(String url) {
    return new LokiClient(URI.create(url), Duration.ofSeconds(10), 1 << 20);
  }
}
