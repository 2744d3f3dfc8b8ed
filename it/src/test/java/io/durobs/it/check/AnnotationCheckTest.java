package io.durobs.it.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durobs.it.cli.ValidateDashboards;
import io.durobs.it.support.TestPrometheus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Annotation queries run like panel targets against a real Prometheus, counted apart. */
class AnnotationCheckTest {

  @TempDir Path tmp;

  private static final String DASHBOARD = """
      {"uid": "a", "title": "Annotated", "time": {"from": "now-5m", "to": "now"},
       "annotations": {"list": [
         {"builtIn": 1, "name": "Annotations & Alerts", "datasource": {"type": "grafana", "uid": "-- Grafana --"}},
         {"name": "Builds", "datasource": {"type": "prometheus", "uid": "prometheus"},
          "expr": "prometheus_build_info", "titleFormat": "{{revision}}"},
         {"name": "Firing alerts", "datasource": {"type": "prometheus", "uid": "prometheus"},
          "expr": "ALERTS{alertstate=\\"firing\\"}"},
         {"name": "Restarts", "datasource": {"type": "prometheus", "uid": "prometheus"},
          "expr": "prometheus_build_info{job=\\"no-such-job\\"}"}]},
       "panels": [{"id": 1, "type": "timeseries", "title": "Build",
         "datasource": {"type": "prometheus", "uid": "prometheus"},
         "targets": [{"refId": "A", "expr": "prometheus_build_info"}]}]}
      """;

  @Test
  void annotationsAreRunReportedAndCountedWithAlertAnnotationsOptional() throws Exception {
    Path dashboard = Files.writeString(tmp.resolve("annotated.json"), DASHBOARD);
    Path report = tmp.resolve("report");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    int code = ValidateDashboards.run(new String[] {"--prometheus", TestPrometheus.shared().url(),
        "--dashboard", dashboard.toString(), "--report", report.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(progress, true, StandardCharsets.UTF_8));
    String text = progress.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8);

    // the exit code stays the panels' (the dashboard CLI's contract); the run does not pass
    assertThat(code).as(text).isZero();
    assertThat(text).contains("[DATA] annotation Builds")
        .contains("[EMPTY] annotation Firing alerts (optional: no alert fired is healthy)")
        .contains("[EMPTY] annotation Restarts")
        .contains("panels 1/1 with data · annotations 1/3 with events (1 alert annotations empty: "
            + "no alert fired)");
    JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
    assertThat(json.path("passed").asBoolean()).isFalse();
    JsonNode annotations = json.path("dashboards").get(0).path("annotations");
    assertThat(annotations).hasSize(3);
    assertThat(annotations.get(1).path("optional").asBoolean()).isTrue();
    assertThat(annotations.get(2).path("query").path("diagnosis").path("headline").asText())
        .contains("no-such-job");
    assertThat(Files.readString(report.resolve("report.html")))
        .contains("Annotation: Restarts").contains("Annotation: Firing alerts (optional");
  }
}
