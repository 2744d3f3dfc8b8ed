package io.durobs.it.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durobs.it.check.DashboardResult;
import io.durobs.it.check.PanelResult;
import io.durobs.it.check.TargetResult;
import io.durobs.it.check.TargetStatus;
import io.durobs.it.prometheus.QueryResult;
import io.durobs.it.prometheus.Sample;
import io.durobs.it.prometheus.Series;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  /** {@link SampleReports#HOSTILE} as the page must show it: every markup character escaped. */
  private static final String HOSTILE_ESCAPED =
      "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;";

  /** The sample's one chart, as the page written field by field with Jackson trees drew it. */
  private static final String SAMPLE_CHART = "{\"x\":[1.7408232E9,1.740823215E9,1.74082323E9],"
      + "\"names\":[\"up{instance=\\\"a:9090\\\", job=\\\"api\\\"}\","
      + "\"{job=\\\"worker\\\"}\"],\"y\":[[1.0,1.0,null],[null,0.25,null]],\"more\":0}";

  @Test
  void jsonHasTheSameShapeAndValuesAsBefore() throws Exception {
    // sample-report.json was written by the tree-building ReportWriter this class replaced
    String before = resource("sample-report.json");
    String now = ReportWriter.json(SampleReports.full());

    ObjectMapper mapper = new ObjectMapper();
    assertThat(mapper.readTree(now)).isEqualTo(mapper.readTree(before));
    assertThat(fieldPaths(mapper.readTree(now))).containsExactlyElementsOf(fieldPaths(mapper.readTree(before)));
    assertThat(now).isEqualTo(before.strip());
  }

  @Test
  void jsonLeavesOutNoteAndDiagnosisWhereThereIsNoneButKeepsNullQueries() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ReportWriter.json(SampleReports.full()));
    JsonNode panels = json.path("dashboards").get(0).path("panels");
    JsonNode withData = panels.get(0).path("targets").get(0);
    assertThat(withData.has("note")).isFalse();
    assertThat(withData.has("diagnosis")).isFalse();
    JsonNode skipped = panels.get(1).path("targets").get(1);
    assertThat(skipped.path("note").asText()).startsWith("no backend for loki");
    assertThat(skipped.get("expr").isNull()).isTrue();
    assertThat(skipped.get("query").isNull()).isTrue();
    assertThat(json.path("dashboards").get(1).get("uid").isNull()).isTrue();
  }

  @Test
  void everyUserStringOnThePageIsEscaped() {
    String html = ReportPage.render(SampleReports.full());
    assertThat(html).doesNotContain("<script>alert");
    // each place the sample puts the string: title twice, notes, dashboard title, source and
    // problem, a panel title, a row, a finding, a note (two targets), the healthy phase, a
    // scenario, its alert and unrelated alert, an alert and its notes, a metric and its missing
    // values, and the failing panel's link at the top (dashboard and row)
    assertThat(occurrences(html, HOSTILE_ESCAPED)).isEqualTo(21);
  }

  @Test
  void thePageShowsEachDashboardPanelTargetAndDiagnosis() {
    String html = ReportPage.render(SampleReports.full());
    assertThat(html)
        .contains("<title>Run " + HOSTILE_ESCAPED + "</title>")
        .contains("<p class=\"summary bad\">panels 1/3 with data · alerts 1/2 fired · metrics 1/2 · "
            + "label values 7/9 <small>(1 passed · 1 failed · 1 skipped)</small></p>")
        .contains("started 2025-03-01 10:00:00 UTC, took 447 s")
        .contains("<li>stack: local</li>")
        .contains("1/3 panels with data · dashboards/" + HOSTILE_ESCAPED + ".json · "
            + "2025-03-01 09:00:00 UTC .. 2025-03-01 10:00:00 UTC")
        .contains("<p class=\"vars\"><span><code>$instance</code> = $__all</span>"
            + "<span><code>$job</code> = api|worker</span></p>")
        .contains("<div class=\"panel data\" id=\"p1\"><h3><span class=\"badge\">DATA</span> Requests "
            + HOSTILE_ESCAPED + " <small>timeseries</small></h3>")
        .contains("<span class=\"badge\">EMPTY</span> Row " + HOSTILE_ESCAPED + " / Errors")
        .contains("<div class=\"panel skipped\" id=\"p3\">")
        .contains("<div class=\"ref\">A · prometheus · DATA · 2 series</div>")
        // the query as run, not the expression with variables
        .contains("<pre>up{job&#61;~&quot;api|worker&quot;}</pre>")
        .contains("<pre>sum(http_requests_total{colour&#61;&quot;red&quot;}) &lt; 1</pre>")
        .contains("<li><b>label missing</b>: no &#96;colour&#96; label on http_requests_total; its "
            + "labels: &#96;job&#96;, &#96;code&#96;</li>")
        .contains("<li><b>range too short</b>: samples are 2s apart " + HOSTILE_ESCAPED + "</li>")
        .contains("<p class=\"note\">no backend for loki " + HOSTILE_ESCAPED + "</p>");
    assertThat(html).contains("<div class=\"chart\" id=\"c0\"></div>"
        + "<script type=\"application/json\" id=\"d0\">" + SAMPLE_CHART + "</script>");
    assertThat(html).doesNotContain("id=\"c1\"");
  }

  @Test
  void thePageShowsScenariosAlertsAndTheCatalogue() {
    String html = ReportPage.render(SampleReports.full());
    assertThat(html)
        .contains("<p class=\"bad\">alerts fired under healthy load: HealthyAlert " + HOSTILE_ESCAPED)
        .contains("<tr class=\"ok\"><td>stop-engine</td><td>EngineDown</td><td>EngineNoProgress</td>"
            + "<td></td><td>75</td></tr>")
        .contains("<tr class=\"bad\"><td>backlog " + HOSTILE_ESCAPED + "</td><td>QueueBacklog "
            + HOSTILE_ESCAPED + "</td><td></td><td>Unrelated " + HOSTILE_ESCAPED + "</td><td>120</td></tr>")
        .contains("<tr class=\"ok\"><td>EngineDown</td><td>stop-engine</td><td>yes</td><td>yes</td>"
            + "<td>yes</td><td>yes</td><td>61</td><td></td></tr>")
        .contains("<td>backlog</td><td>yes</td><td>yes</td><td><b>no</b></td><td><b>no</b></td>"
            + "<td>-1</td><td>not in Alertmanager " + HOSTILE_ESCAPED + "; second note</td></tr>")
        .contains("<tr class=\"ok\"><td>duroxide.activity.executions</td><td><code>"
            + "duroxide_activity_executions_total</code></td><td>yes</td><td>6/6</td><td></td></tr>")
        .contains("<td><code>duroxide_queue_depth</code></td><td><b>no</b></td><td>1/3</td>"
            + "<td>queue&#61;&quot;timer&quot;, queue&#61;" + HOSTILE_ESCAPED + "</td></tr>");
  }

  @Test
  void aDashboardsOnlyReportHasNoEmptySections() {
    RunReport full = SampleReports.full();
    String html = ReportPage.render(RunReport.dashboardsOnly("t", full.started(), 1,
        full.dashboards(), List.of()));
    assertThat(html).contains("<section class=\"dash\">").doesNotContain("Healthy phase")
        .doesNotContain("Fault scenarios").doesNotContain("<h2>Alerts</h2>")
        .doesNotContain("Catalogue through the pipeline").doesNotContain("class=\"notes\"");
    // the second dashboard has no variables and no problems
    assertThat(occurrences(html, "<p class=\"vars\">")).isEqualTo(1);
    assertThat(occurrences(html, "<p class=\"problem\">")).isEqualTo(1);
  }

  @Test
  void uplotIsInlinedSoThePageWorksOffline() {
    String html = ReportPage.render(SampleReports.full());
    assertThat(html).contains("uPlot").contains(".uplot").contains("new uPlot(")
        .doesNotContain("src=\"http").doesNotContain("href=\"http");
  }

  @Test
  void chartDataCannotEndItsScriptElement() {
    Series s = new Series(Map.of("path", "</script><!--"), List.of(new Sample(1_000, 1)));
    String json = ReportPage.chartData(List.of(s));
    assertThat(json).doesNotContain("<").contains("\\u003c/script>\\u003c!--");
  }

  @Test
  void chartDataDrawsAtMostEightSeriesAndFourHundredTimes() throws Exception {
    List<Series> many = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      List<Sample> samples = IntStream.range(0, 1000).mapToObj(t -> new Sample(t * 1000L, t)).toList();
      many.add(new Series(Map.of("i", String.valueOf(i)), samples));
    }
    many.add(new Series(Map.of("i", "empty"), List.of()));
    JsonNode data = new ObjectMapper().readTree(ReportPage.chartData(many));
    assertThat(data.path("names")).hasSize(8);
    assertThat(data.path("x").size()).isEqualTo(250);
    assertThat(data.path("y").get(0)).hasSize(250);
    assertThat(data.path("x").get(1).asDouble()).isEqualTo(4.0);
    assertThat(data.path("more").asInt()).isEqualTo(3);
  }

  @Test
  void writesBothFilesAndNoTemporaryOnes(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("report");
    Path html = ReportWriter.write(SampleReports.full(), dir);
    assertThat(html).isEqualTo(dir.resolve("report.html"));
    assertThat(Files.readString(dir.resolve("report.json"))).isEqualTo(ReportWriter.json(SampleReports.full()));
    assertThat(Files.readString(html)).isEqualTo(ReportPage.render(SampleReports.full()));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("report.html", "report.json");
    }
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = ReportWriterTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Every field's path, in document order: the names and their order, apart from the values. */
  private static List<String> fieldPaths(JsonNode node) {
    List<String> paths = new ArrayList<>();
    collect(node, "", paths);
    return paths;
  }

  private static void collect(JsonNode node, String at, List<String> paths) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        paths.add(at + "/" + e.getKey());
        collect(e.getValue(), at + "/" + e.getKey(), paths);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), at + "/" + i, paths);
      }
    }
  }

  private static int occurrences(String text, String part) {
    Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void failingPanelsAreListedAtTheTopWithLinks() {
    String html = ReportPage.render(SampleReports.full());
    // before: no list; five failures among 160 panels meant scrolling
    assertThat(html).contains("<h2>Failing panels</h2>")
        .contains("<li><a href=\"#p2\">Service " + HOSTILE_ESCAPED + " / Row " + HOSTILE_ESCAPED
            + " / Errors</a> <span class=\"badge\">EMPTY</span> B: label missing: ")
        .contains("id=\"p2\"");
    assertThat(html.indexOf("Failing panels")).isLessThan(html.indexOf("class=\"dash\""));
  }

  @Test
  void aPassingRunWithSkippedPanelsIsNotRed() {
    Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
    TargetResult data = new TargetResult("A", "prometheus", "up", "up", TargetStatus.DATA,
        new QueryResult("vector", List.of(new Series(Map.of(), List.of(new Sample(t0.toEpochMilli(), 1)))),
            List.of()), null, null, 1);
    TargetResult skipped = new TargetResult("A", "loki", "{job=\"x\"}", null, TargetStatus.SKIPPED,
        new QueryResult("", List.of(), List.of()), null, "no log records given", 0);
    DashboardResult d = new DashboardResult("d.json", "d", "D", t0.minusSeconds(60), t0, Map.of(), List.of(),
        List.of(new PanelResult(1, "Up", "stat", "", List.of(data)),
            new PanelResult(2, "Logs", "logs", "", List.of(skipped))));
    String html = ReportPage.render(RunReport.dashboardsOnly("CLI", t0.plusNanos(123_456_789), 3, List.of(d), List.of()));
    // before: red banner on a run that exits 0, and the skipped panel not mentioned
    assertThat(html).contains("<p class=\"summary warn\">panels 1/2 with data <small>(1 passed · 0 failed · "
        + "1 skipped)</small></p>").doesNotContain("Failing panels");
    // times to the second, and a series without labels named by its target, not "{}"
    assertThat(html).contains("started 2025-03-01 10:00:00 UTC").doesNotContain("123456789")
        .contains("\"names\":[\"A: up\"]");
  }
}
