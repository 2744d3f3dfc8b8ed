package io.durobs.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.durobs.it.logs.LokiStandIn;
import io.durobs.it.support.TestPrometheus;
import io.durobs.toolkit.tools.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard CLI on dashboards written elsewhere, in the shapes Grafana users produce: the
 * seed's logs dashboard (legacy data source name {@code "Loki"}, {@code {job="toygres"}}), an
 * export with {@code __inputs}, a data source variable whose saved uid is gone, legacy name
 * strings, a mixed panel, rows (collapsed and open) and a library panel; against a real
 * Prometheus and a real log-record file (the collector's file exporter output, committed as
 * {@code logs/engine-log-records.jsonl}, all records at 2026-11-30T18:09:00Z), read directly or
 * served through {@link LokiStandIn} (Loki's documented API: the one stand-in, Loki cannot run
 * here).
 */
class ForeignDashboardsTest {

  /** A range around the committed log records. */
  private static final String[] RECORDS_RANGE = {"--from", "1796062080000", "--to", "1796062200000"};

  private static String prometheus;

  @TempDir Path tmp;

  @BeforeAll
  static void startPrometheus() {
    prometheus = TestPrometheus.shared().url();
  }

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    return runWith(Map.of(), args);
  }

  static Run runWith(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ValidateDashboards.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Path resource(String name) throws Exception {
    return Paths.get(ForeignDashboardsTest.class.getResource("/" + name).toURI());
  }

  private Map<Integer, JsonNode> panels(Path report) throws Exception {
    JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
    Map<Integer, JsonNode> panels = new LinkedHashMap<>();
    json.path("dashboards").get(0).path("panels").forEach(p -> panels.put(p.path("id").asInt(), p));
    return panels;
  }

  private static JsonNode target(Map<Integer, JsonNode> panels, int id, int index) {
    return panels.get(id).path("targets").get(index);
  }

  private static JsonNode firstFinding(JsonNode target) {
    return target.path("diagnosis").path("findings").get(0);
  }

  @Test
  void seedLogsDashboardWithoutLogRecordsSkipsItsLokiPanelsInsteadOfAborting() throws Exception {
    Run r = run("--prometheus", prometheus, "--quiet", resource("foreign/toygres-logs.json").toString());
    // before: exit 2, "match[]" error from running LogQL as PromQL, no dashboard or panel named
    assertThat(r.err()).as(r.out() + r.err()).doesNotContain("match[]");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ValidateDashboards.OK);
    assertThat(r.out()).contains("panels 0/8 with data (8 skipped: not checked or hidden)");
  }

  @Test
  void seedLogsDashboardAgainstTheRecordsThePipelineCarries() throws Exception {
    Path report = tmp.resolve("report");
    Run r = run(concat(RECORDS_RANGE, "--prometheus", prometheus, "--quiet", "--log-records",
        resource("logs/engine-log-records.jsonl").toString(), "--report", report.toString(),
        resource("foreign/toygres-logs.json").toString()));
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ValidateDashboards.EMPTY_PANELS);
    assertThat(r.out()).contains("panels 0/8 with data");
    Map<Integer, JsonNode> panels = panels(report);
    for (int id = 1; id <= 8; id++) {
      JsonNode t = target(panels, id, 0);
      assertThat(t.path("datasourceType").asText()).isEqualTo("loki");
      assertThat(t.path("diagnosis").path("kind").asText()).as("panel " + id).isEqualTo("LABEL_MISSING");
      assertThat(firstFinding(t).path("message").asText()).as("panel " + id)
          .contains("none carries the stream label `job`")
          .contains("service_name=\"duroxide-engine\"");
    }
    assertThat(r.out()).contains("Toygres Logs / Live Logs (All) / A: EMPTY - label missing:");
  }

  @Test
  void seedLogsDashboardAgainstALoki() throws Exception {
    try (LokiStandIn loki = LokiStandIn.serving(resource("logs/engine-log-records.jsonl"))) {
      Path report = tmp.resolve("report");
      Run r = run(concat(RECORDS_RANGE, "--prometheus", prometheus, "--quiet", "--loki", loki.url(),
          "--report", report.toString(), resource("foreign/toygres-logs.json").toString()));
      assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ValidateDashboards.EMPTY_PANELS);
      assertThat(r.out()).contains("panels 0/8 with data");
      Map<Integer, JsonNode> panels = panels(report);
      for (int id = 1; id <= 8; id++) {
        JsonNode t = target(panels, id, 0);
        assertThat(t.path("diagnosis").path("kind").asText()).as("panel " + id).isEqualTo("LABEL_MISSING");
        assertThat(firstFinding(t).path("message").asText()).as("panel " + id)
            .contains("none carries the stream label `job`")
            .contains("service_name=\"duroxide-engine\"");
      }
      Run own = run(concat(RECORDS_RANGE, "--prometheus", prometheus, "--quiet", "--loki", loki.url(),
          resource("foreign/engine-logs.json").toString()));
      assertThat(own.out()).as(own.out() + own.err()).contains("panels 3/4 with data");
    }
  }

  @Test
  void credentialsFromAFileOrTheEnvironmentAreSentAndNeverShown() throws Exception {
    try (LokiStandIn loki = LokiStandIn.serving(resource("logs/engine-log-records.jsonl"))) {
      String dashboard = resource("foreign/engine-logs.json").toString();
      Path file = Files.writeString(tmp.resolve("loki-credentials"), "reader:s3cret\n");
      Run fromFile = run(concat(RECORDS_RANGE, "--prometheus", prometheus, "--quiet", "--loki",
          loki.url(), "--loki-credentials-file", file.toString(), "--report",
          tmp.resolve("r1").toString(), dashboard));
      assertThat(fromFile.out()).as(fromFile.out() + fromFile.err()).contains("panels 3/4 with data");
      String basic = "Basic " + java.util.Base64.getEncoder()
          .encodeToString("reader:s3cret".getBytes(StandardCharsets.UTF_8));
      assertThat(loki.authorizations()).isNotEmpty().allMatch(basic::equals);
      assertThat(fromFile.out() + fromFile.err() + reportText(tmp.resolve("r1"))).doesNotContain("s3cret");

      int before = loki.authorizations().size();
      Run fromEnv = runWith(Map.of(ValidateDashboards.LOKI_CREDENTIALS_ENV, "Bearer t0ken"),
          concat(RECORDS_RANGE, "--prometheus", prometheus, "--quiet", "--loki", loki.url(), dashboard));
      assertThat(fromEnv.out()).as(fromEnv.out() + fromEnv.err()).contains("panels 3/4 with data");
      assertThat(loki.authorizations().subList(before, loki.authorizations().size()))
          .isNotEmpty().allMatch("Bearer t0ken"::equals);
      assertThat(fromEnv.out() + fromEnv.err()).doesNotContain("t0ken");
    }
  }

  @Test
  void badOrDoubledCredentialsAreBadInputNamingWhereNotWhat() throws Exception {
    String dashboard = resource("foreign/exported-prometheus.json").toString();
    Path file = Files.writeString(tmp.resolve("creds"), "s3cret-without-user\n");
    Run malformed = run("--prometheus", prometheus, "--prometheus-credentials-file", file.toString(), dashboard);
    assertThat(malformed).isEqualTo(new Run(ValidateDashboards.BAD_INPUT, "", "validate-dashboards: "
        + "--prometheus-credentials-file " + file + ": not USER:PASSWORD or 'Bearer TOKEN' on one line "
        + "(the content is not shown)\n"));
    Run env = runWith(Map.of(ValidateDashboards.PROMETHEUS_CREDENTIALS_ENV, "s3cret"),
        "--prometheus", prometheus, dashboard);
    assertThat(env.err()).isEqualTo("validate-dashboards: the environment variable "
        + "DUROBS_PROMETHEUS_CREDENTIALS: not USER:PASSWORD or 'Bearer TOKEN' on one line (the content "
        + "is not shown)\n");
    String port = prometheus.substring(prometheus.lastIndexOf(':') + 1);
    Run twice = run("--prometheus", "http://reader:pw@127.0.0.1:" + port,
        "--prometheus-credentials-file", file.toString(), dashboard);
    assertThat(twice.err()).isEqualTo("validate-dashboards: credentials given twice: in the URL and by "
        + "--prometheus-credentials-file; give them once\n");
  }

  private static String reportText(Path dir) throws Exception {
    return Files.readString(dir.resolve("report.json")) + Files.readString(dir.resolve("report.html"));
  }

  @Test
  void lokiAndLogRecordsTogetherOrAnUnreachableLokiAreBadInput() throws Exception {
    Run both = run("--prometheus", prometheus, "--loki", "http://127.0.0.1:3100", "--log-records",
        resource("logs/engine-log-records.jsonl").toString(), resource("foreign/toygres-logs.json").toString());
    assertThat(both.code()).isEqualTo(ValidateDashboards.BAD_INPUT);
    assertThat(both.err().lines().findFirst().orElse(""))
        .isEqualTo("validate-dashboards: give --log-records FILE or --loki URL, not both");
    String refused = "http://reader:s3cret@127.0.0.1:" + Ports.free();
    Run r = run("--prometheus", prometheus, "--quiet", "--loki", refused, resource("foreign/toygres-logs.json").toString());
    assertThat(r.code()).isEqualTo(ValidateDashboards.BAD_INPUT);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("validate-dashboards: Loki unreachable at http://reader:***@127.0.0.1:")
        .contains("connection refused").doesNotContain("s3cret");
  }

  @Test
  void logsPanelsWrittenForTheOtlpLabelsHaveData() throws Exception {
    Path report = tmp.resolve("report");
    Run r = run(concat(RECORDS_RANGE, "--prometheus", prometheus, "--quiet", "--log-records",
        resource("logs/engine-log-records.jsonl").toString(), "--report", report.toString(),
        resource("foreign/engine-logs.json").toString()));
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ValidateDashboards.EMPTY_PANELS);
    assertThat(r.out()).contains("panels 3/4 with data");
    Map<Integer, JsonNode> panels = panels(report);
    // the record backend does not group by label: no legend warning for a Loki target
    assertThat(target(panels, 2, 0).has("warnings")).isFalse();
    JsonNode errors = target(panels, 4, 0);
    assertThat(errors.path("diagnosis").path("kind").asText()).isEqualTo("LABEL_VALUE_NEVER_SEEN");
    assertThat(firstFinding(errors).path("message").asText()).contains("severity_text=\"ERROR\"")
        .contains("[INFO]");
  }

  @Test
  void exportedDashboardResolvesDataSourcesAsGrafanaDoes() throws Exception {
    Path report = tmp.resolve("report");
    Run r = run("--prometheus", prometheus, "--quiet", "--report", report.toString(),
        resource("foreign/exported-prometheus.json").toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ValidateDashboards.EMPTY_PANELS);
    Map<Integer, JsonNode> panels = panels(report);
    // export input, variable whose saved uid is gone, legacy name string: all the Prometheus
    assertThat(panels.get(1).path("status").asText()).isEqualTo("DATA");
    assertThat(panels.get(2).path("status").asText()).isEqualTo("DATA");
    assertThat(panels.get(3).path("status").asText()).isEqualTo("DATA");
    // a uid or name nothing provisions: a failing target with its own diagnosis (before: exit 0)
    for (int id : new int[] {4, 5}) {
      assertThat(panels.get(id).path("status").asText()).isEqualTo("ERROR");
      assertThat(target(panels, id, 0).path("diagnosis").path("kind").asText()).isEqualTo("DATASOURCE_UNKNOWN");
    }
    assertThat(firstFinding(target(panels, 4, 0)).path("message").asText())
        .contains("'no-such-datasource'").contains("Prometheus uid prometheus (prometheus)");
    assertThat(firstFinding(target(panels, 5, 0)).path("message").asText()).contains("'Thanos'");
    // mixed: A on Prometheus, B on Loki (skipped: no records given)
    assertThat(target(panels, 6, 0).path("status").asText()).isEqualTo("DATA");
    assertThat(target(panels, 6, 1).path("datasourceType").asText()).isEqualTo("loki");
    assertThat(target(panels, 6, 1).path("status").asText()).isEqualTo("SKIPPED");
    // panels of a collapsed row are checked, with the row named
    assertThat(panels.get(8).path("row").asText()).isEqualTo("Collapsed");
    // nameless selector: no empty match[], a label diagnosis
    assertThat(target(panels, 11, 0).path("diagnosis").path("kind").asText()).isEqualTo("LABEL_VALUE_NEVER_SEEN");
    assertThat(firstFinding(target(panels, 11, 0)).path("message").asText()).contains("job=\"toygres\"")
        .contains("`prometheus`");
    // a __name__ regex that never matched is not "outside the time range"
    assertThat(target(panels, 12, 0).path("diagnosis").path("kind").asText()).isEqualTo("METRIC_NEVER_PRESENT");
    assertThat(firstFinding(target(panels, 12, 0)).path("message").asText()).contains("__name__=~\"duroxide_.*\"");
    assertThat(panels.get(13).path("status").asText()).isEqualTo("DATA");
    // better diagnoses
    assertThat(firstFinding(target(panels, 14, 0)).path("message").asText())
        .contains("named like a recording rule").contains("may not be loaded");
    assertThat(firstFinding(target(panels, 15, 0)).path("message").asText())
        .contains("nearest seen value: `/metrics`");
    assertThat(target(panels, 16, 0).path("diagnosis").path("kind").asText()).isEqualTo("PRESENT_UNDER_OTHER_NAME");
    assertThat(firstFinding(target(panels, 16, 0)).path("message").asText())
        .contains("`prometheus_http_request_duration_seconds_bucket` does");
    assertThat(firstFinding(target(panels, 17, 0)).path("message").asText()).contains("no_such_metric_total");
    assertThat(firstFinding(target(panels, 19, 0)).path("message").asText())
        .contains("Prometheus stores as `duroxide_orchestration_starts_total`");
    // the library panel's queries are not in the JSON: skipped, never passing
    assertThat(panels.get(18).path("status").asText()).isEqualTo("SKIPPED");
  }

  @Test
  void aMetricTheSeedNamedDifferentlyPointsToTheCataloguesName() throws Exception {
    Path report = tmp.resolve("report");
    Run r = run("--prometheus", prometheus, "--quiet", "--report", report.toString(),
        resource("foreign/toygres-metrics-old-names.json").toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ValidateDashboards.EMPTY_PANELS);
    Map<Integer, JsonNode> panels = panels(report);
    // before: "didn't have any series", no pointer to the catalogue's name
    for (int id = 1; id <= 4; id++) {
      assertThat(target(panels, id, 0).path("diagnosis").path("kind").asText()).as("panel " + id)
          .isEqualTo("METRIC_RENAMED");
    }
    assertThat(firstFinding(target(panels, 2, 0)).path("message").asText())
        .contains("`duroxide_provider_infrastructure_errors_total` didn't have any series")
        .contains("catalogue metric #20, renamed: use `duroxide_provider_errors_total`");
    assertThat(firstFinding(target(panels, 3, 0)).path("message").asText())
        .contains("renamed: use `duroxide_activity_duration_seconds_bucket` (values in seconds");
    assertThat(firstFinding(target(panels, 4, 0)).path("suggestions").get(0).asText())
        .isEqualTo("duroxide_provider_operation_duration_seconds_bucket{operation=\"fetch_orchestration_item\"}");
    assertThat(panels.get(5).path("status").asText()).isEqualTo("DATA");
    // the old name as a __name__ matcher
    assertThat(target(panels, 6, 0).path("diagnosis").path("kind").asText()).isEqualTo("METRIC_RENAMED");
  }

  @Test
  void prometheusAnnotationsAndLegendLabelsAreWarningsOrWithStrictFailures() throws Exception {
    Path report = tmp.resolve("report");
    Run r = run("--prometheus", prometheus, "--report", report.toString(),
        resource("foreign/exported-prometheus.json").toString());
    Map<Integer, JsonNode> panels = panels(report);
    // rate() over a gauge: Prometheus' info annotation, before dropped
    assertThat(panels.get(8).path("status").asText()).isEqualTo("DATA");
    JsonNode rateWarning = target(panels, 8, 0).path("warnings").get(0);
    assertThat(rateWarning.path("kind").asText()).isEqualTo("PROMETHEUS_INFO");
    assertThat(rateWarning.path("message").asText()).contains("might not be a counter");
    JsonNode legend = target(panels, 9, 0).path("warnings").get(0);
    assertThat(legend.path("kind").asText()).isEqualTo("LEGEND_LABEL_MISSING");
    assertThat(legend.path("message").asText()).contains("`execution_id`").contains("the series carry: job");
    assertThat(r.err()).contains("A: warning, Prometheus info: PromQL info: metric might not be a counter");

    Path strictReport = tmp.resolve("strict");
    run("--prometheus", prometheus, "--quiet", "--strict", "--report", strictReport.toString(),
        resource("foreign/exported-prometheus.json").toString());
    Map<Integer, JsonNode> strict = panels(strictReport);
    assertThat(strict.get(8).path("status").asText()).isEqualTo("ERROR");
    assertThat(strict.get(9).path("status").asText()).isEqualTo("ERROR");
    assertThat(target(strict, 9, 0).path("diagnosis").path("kind").asText()).isEqualTo("LEGEND_LABEL_MISSING");
  }

  @Test
  void dataSourcesFromAProvisioningFileOrTheCommandLine() throws Exception {
    Path provisioning = tmp.resolve("datasources.yaml");
    // the seed's provisioning: no uids, panels reference the names
    Files.writeString(provisioning, """
        apiVersion: 1
        datasources:
          - name: Prometheus
            type: prometheus
            isDefault: true
          - name: Loki
            type: loki
        """);
    Path report = tmp.resolve("report");
    run("--prometheus", prometheus, "--quiet", "--datasources", provisioning.toString(), "--report",
        report.toString(), resource("foreign/exported-prometheus.json").toString());
    Map<Integer, JsonNode> panels = panels(report);
    assertThat(panels.get(3).path("status").asText()).isEqualTo("DATA");
    assertThat(firstFinding(target(panels, 4, 0)).path("message").asText())
        .contains("(provisioned: Prometheus (prometheus), Loki (loki))");

    Path cli = tmp.resolve("cli");
    run("--prometheus", prometheus, "--quiet", "--datasource", "Thanos=prometheus", "--report",
        cli.toString(), resource("foreign/exported-prometheus.json").toString());
    Map<Integer, JsonNode> byName = panels(cli);
    assertThat(byName.get(5).path("status").asText()).isEqualTo("DATA");
    assertThat(byName.get(3).path("status").asText()).isEqualTo("ERROR");
  }

  @Test
  void aFileThatIsNotAProvisioningFileIsBadInput() throws Exception {
    Path notProvisioning = Files.writeString(tmp.resolve("prometheus.yml"), "global: {scrape_interval: 15s}\n");
    Run r = run("--prometheus", prometheus, "--datasources", notProvisioning.toString(),
        resource("foreign/exported-prometheus.json").toString());
    assertThat(r.code()).isEqualTo(ValidateDashboards.BAD_INPUT);
    assertThat(r.err().strip()).isEqualTo("validate-dashboards: --datasources " + notProvisioning
        + ": not a Grafana data source provisioning file (no 'datasources' list)");
  }

  @Test
  void unwritableReportDirectoryIsBadInputBeforeAnyCheck() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Run r = run("--prometheus", prometheus, "--quiet", "--report", file.resolve("report").toString(),
        resource("foreign/exported-prometheus.json").toString());
    // before: a stack trace and exit 1 after all checks ran
    assertThat(r.code()).isEqualTo(ValidateDashboards.BAD_INPUT);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("validate-dashboards: cannot write the report into " + file.resolve("report"));
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aServerThatIsNotPrometheusIsNamedSo() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", x -> {
      byte[] body = "{\"status\":\"ok\",\"service\":\"something else\"}".getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      Run r = run("--prometheus", url, "--quiet", resource("foreign/exported-prometheus.json").toString());
      // before: "HTTP 200"
      assertThat(r.code()).isEqualTo(ValidateDashboards.BAD_INPUT);
      assertThat(r.err().strip()).isEqualTo("validate-dashboards: " + url + "/api/v1/status/config answered "
          + "HTTP 200 with status 'ok' and no error: is " + url + " a Prometheus server?");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void refusedConnectionAndFailedDnsLookupReadDifferently() throws Exception {
    String refused = "http://127.0.0.1:" + Ports.free();
    Run r = run("--prometheus", refused, "--quiet", resource("foreign/exported-prometheus.json").toString());
    assertThat(r.code()).isEqualTo(ValidateDashboards.BAD_INPUT);
    assertThat(r.err()).contains("Prometheus unreachable at " + refused).contains("connection refused");

    Run dns = run("--prometheus", "http://prometheus.invalid:9090", "--quiet",
        resource("foreign/exported-prometheus.json").toString());
    assertThat(dns.code()).isEqualTo(ValidateDashboards.BAD_INPUT);
    assertThat(dns.err()).contains("Prometheus unreachable at http://prometheus.invalid:9090")
        .contains("the host name does not resolve");
  }

  @Test
  void prometheusCredentialsAreSentButNeverShown() throws Exception {
    // the real Prometheus ignores basic authentication it does not require: the run works
    String port = prometheus.substring(prometheus.lastIndexOf(':') + 1);
    Run ok = run("--prometheus", "http://reader:s3cret@127.0.0.1:" + port, "--quiet",
        resource("foreign/toygres-metrics-old-names.json").toString());
    assertThat(ok.code()).as(ok.out() + ok.err()).isEqualTo(ValidateDashboards.EMPTY_PANELS);
    assertThat(ok.out() + ok.err()).doesNotContain("s3cret");
    String refused = "http://reader:s3cret@127.0.0.1:" + Ports.free();
    Run r = run("--prometheus", refused, "--quiet", resource("foreign/exported-prometheus.json").toString());
    assertThat(r.err()).startsWith("validate-dashboards: Prometheus unreachable at http://reader:***@127.0.0.1:")
        .doesNotContain("s3cret");
  }

  @Test
  void anUnknownFlagAtTheEndIsCalledUnknownNotTakenAsAValue() throws Exception {
    for (String[] args : new String[][] {{"--prometheus", prometheus, "--dashboard", "x.json", "--colour"},
        {"--prometheus", prometheus, "x.json", "--lookback", "--colour"},
        {"--prometheus", prometheus, "--dashboard", "--colour"}}) {
      Run r = run(args);
      // before: "--colour: cannot read the file", "not a Prometheus duration: '--colour'"
      assertThat(r.code()).isEqualTo(ValidateDashboards.BAD_INPUT);
      assertThat(r.err().lines().findFirst().orElse("")).as(String.join(" ", args))
          .startsWith("validate-dashboards: Unknown option: '--colour'");
    }
  }

  private static String[] concat(String[] first, String... rest) {
    String[] all = new String[first.length + rest.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }
}
