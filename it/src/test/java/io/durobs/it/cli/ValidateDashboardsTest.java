package io.durobs.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durobs.it.support.TestPrometheus;
import io.durobs.toolkit.tools.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard CLI against a real Prometheus that scrapes itself. */
class ValidateDashboardsTest {

  private static String prometheus;

  @TempDir Path tmp;

  @BeforeAll
  static void startPrometheus() {
    prometheus = TestPrometheus.shared().url();
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ValidateDashboards.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Path resource(String name) throws Exception {
    return Paths.get(ValidateDashboardsTest.class.getResource("/dashboards/" + name).toURI());
  }

  @Test
  void userDashboardIsDiagnosedPanelByPanel() throws Exception {
    Path report = tmp.resolve("report");
    Run r = run("--prometheus", prometheus, "--dashboard", resource("user-style.json").toString(),
        "--report", report.toString());

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ValidateDashboards.EMPTY_PANELS);
    assertThat(r.out()).contains("panels 2/11 with data (1 skipped: not checked or hidden)");

    JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
    Map<Integer, JsonNode> panels = new HashMap<>();
    json.path("dashboards").get(0).path("panels").forEach(p -> panels.put(p.path("id").asInt(), p));
    assertThat(status(panels, 1)).isEqualTo("DATA");
    assertThat(panels.get(1).path("targets").get(1).path("status").asText()).isEqualTo("SKIPPED");
    assertThat(kind(panels, 2)).isEqualTo("PRESENT_UNDER_OTHER_NAME");
    assertThat(finding(panels, 2).path("message").asText()).contains("prometheus_http_requests_total")
        .contains("with `_total`");
    assertThat(kind(panels, 3)).isEqualTo("LABEL_VALUE_NEVER_SEEN");
    assertThat(finding(panels, 3).path("message").asText()).contains("handler=\"/no-such-handler\"")
        .contains("values seen for `handler`: `/`, `/-/healthy`").containsPattern("\\(\\d+ in all\\)");
    assertThat(kind(panels, 4)).isEqualTo("LABEL_MISSING");
    assertThat(finding(panels, 4).path("message").asText()).contains("no `colour` label").contains("`job`");
    assertThat(kind(panels, 5)).isEqualTo("RANGE_TOO_SHORT");
    assertThat(finding(panels, 5).path("message").asText()).contains("2s apart");
    assertThat(kind(panels, 6)).isEqualTo("METRIC_NEVER_PRESENT");
    assertThat(status(panels, 7)).isEqualTo("ERROR");
    assertThat(kind(panels, 7)).isEqualTo("QUERY_ERROR");
    assertThat(kind(panels, 8)).isEqualTo("PRESENT_UNDER_OTHER_NAME");
    assertThat(finding(panels, 8).path("message").asText())
        .contains("prometheus_http_request_duration_seconds_bucket").contains("with the unit suffix `_seconds`");
    assertThat(kind(panels, 9)).isEqualTo("PRESENT_UNDER_OTHER_NAME");
    assertThat(finding(panels, 9).path("message").asText()).contains("with underscores instead of dots");
    assertThat(status(panels, 11)).isEqualTo("DATA");
    assertThat(status(panels, 12)).isEqualTo("SKIPPED");

    String html = Files.readString(report.resolve("report.html"));
    assertThat(html).contains("uPlot").contains("Requests per second").contains("label missing")
        .doesNotContain("src=\"http");
    // one line per failing target on stdout, naming the panel and the diagnosis
    assertThat(r.out()).contains("Label missing / A: EMPTY - label missing:");
  }

  @Test
  void dashboardWithDataExitsZero() throws Exception {
    Path good = tmp.resolve("good.json");
    Files.writeString(good, """
        {"title": "good", "time": {"from": "now-5m", "to": "now"},
         "panels": [{"id": 1, "type": "timeseries", "title": "up",
                     "targets": [{"refId": "A", "expr": "up"}]}]}
        """);
    Run r = run("--prometheus", prometheus, "--dashboard", good.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ValidateDashboards.OK);
    assertThat(r.out()).contains("panels 1/1 with data");
  }

  @Test
  void oldSchemaRowsAndStaleVariableSelection() throws Exception {
    Run r = run("--prometheus", prometheus, "--dashboard", resource("old-schema.json").toString());
    // $instance was saved as a value Prometheus no longer has: Grafana selects the first option
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ValidateDashboards.OK);
    assertThat(r.out()).contains("panels 2/2 with data");
    assertThat(r.err()).contains("Server / Scrape duration");
  }

  @Test
  void unreadableFileIsBadInput() {
    Path missing = tmp.resolve("missing.json");
    Run r = run("--prometheus", prometheus, "--dashboard", missing.toString());
    assertThat(r.code()).isEqualTo(ValidateDashboards.BAD_INPUT);
    assertThat(r.err().strip()).startsWith("validate-dashboards: " + missing + ": cannot read the file");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void jsonThatIsNotADashboardIsBadInput() throws Exception {
    Path notDashboard = tmp.resolve("alertmanager-config.json");
    Files.writeString(notDashboard, "{\"route\": {\"receiver\": \"x\"}}");
    Run r = run("--prometheus", prometheus, "--dashboard", notDashboard.toString());
    assertThat(r.code()).isEqualTo(ValidateDashboards.BAD_INPUT);
    assertThat(r.err()).contains(notDashboard + ": not a Grafana dashboard");
  }

  @Test
  void brokenJsonIsBadInputWithItsPosition() throws Exception {
    Path broken = tmp.resolve("broken.json");
    Files.writeString(broken, "{\"panels\": [\n  {\"id\": 1,,}\n]}");
    Run r = run("--prometheus", prometheus, "--dashboard", broken.toString());
    assertThat(r.code()).isEqualTo(ValidateDashboards.BAD_INPUT);
    assertThat(r.err()).contains(broken + ": not JSON (line 2");
  }

  @Test
  void unreachablePrometheusIsBadInput() throws Exception {
    String nowhere = "http://127.0.0.1:" + Ports.free();
    Run r = run("--prometheus", nowhere, "--dashboard", resource("user-style.json").toString());
    assertThat(r.code()).isEqualTo(ValidateDashboards.BAD_INPUT);
    assertThat(r.err()).contains("Prometheus unreachable at " + nowhere);
  }

  private static final String HINT = "Try 'validate-dashboards --help' for more information.";

  @Test
  void badOptionsAreBadInputWithOneLineAndAHint() {
    Map<String, Run> runs = new LinkedHashMap<>();
    runs.put("validate-dashboards: Missing required option: '--prometheus=URL'",
        run("--dashboard", "x.json"));
    runs.put("validate-dashboards: no dashboard given (--dashboard FILE)",
        run("--prometheus", prometheus));
    runs.put("validate-dashboards: Invalid value for option '--prometheus': 'ftp://x' is not an http(s) URL",
        run("--prometheus", "ftp://x", "--dashboard", "x.json"));
    runs.put("validate-dashboards: Unknown option: '--colour'",
        run("--prometheus", prometheus, "--dashboard", "x.json", "--colour", "red"));
    runs.put("validate-dashboards: Missing required parameter for option '--dashboard' (FILE|DIR)",
        run("--prometheus", prometheus, "--dashboard"));
    runs.put("validate-dashboards: Invalid value for option '--lookback': not a Prometheus duration: 'a week'",
        run("--prometheus", prometheus, "--dashboard", "x.json", "--lookback", "a week"));
    runs.put("validate-dashboards: Invalid value for option '--scrape-interval': ",
        run("--prometheus", prometheus, "--dashboard", "x.json", "--scrape-interval", "often"));
    runs.forEach((message, r) -> {
      assertThat(r.code()).as(message).isEqualTo(ValidateDashboards.BAD_INPUT);
      List<String> lines = r.err().lines().toList();
      assertThat(lines).as(message).hasSize(2);
      assertThat(lines.get(0)).startsWith(message);
      assertThat(lines.get(1)).isEqualTo(HINT);
      assertThat(r.out()).isEmpty();
    });
  }

  @Test
  void helpListsTheOptionsAndExitCodes() {
    Run r = run("--help");
    assertThat(r.code()).isEqualTo(ValidateDashboards.OK);
    assertThat(r.out()).startsWith("Usage: validate-dashboards [-h] --prometheus=URL\n"
            + "                           [--prometheus-credentials-file=FILE]\n"
            + "                           [--dashboard=FILE|DIR]...")
        .contains("--dashboard=FILE|DIR", "--loki-credentials-file=FILE", "--from=TIME", "--to=TIME", "--scrape-interval=INTERVAL",
            "--lookback=DURATION", "--report=DIR", "--quiet", "-h, --help", "Exit codes:",
            "1   some panel is empty or failing");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void dashboardsMayAlsoBeGivenWithoutTheOption() throws Exception {
    Run r = run("--prometheus", prometheus, "--quiet", resource("old-schema.json").toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ValidateDashboards.OK);
    assertThat(r.out()).contains("panels 2/2 with data");
    assertThat(r.err()).isEmpty();
  }

  private static String status(Map<Integer, JsonNode> panels, int id) {
    return panels.get(id).path("status").asText();
  }

  private static String kind(Map<Integer, JsonNode> panels, int id) {
    return panels.get(id).path("targets").get(0).path("diagnosis").path("kind").asText();
  }

  private static JsonNode finding(Map<Integer, JsonNode> panels, int id) {
    return panels.get(id).path("targets").get(0).path("diagnosis").path("findings").get(0);
  }
}
