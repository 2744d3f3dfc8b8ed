package io.durobs.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline {@code lint} command on dashboards and rule files written elsewhere and here. */
class LintFilesTest {

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = LintFiles.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String resource(String name) throws Exception {
    return Paths.get(LintFilesTest.class.getResource("/" + name).toURI()).toString();
  }

  @Test
  void theSeedsLogsDashboardGetsFindingsWithPlaceAndFixAsJson() throws Exception {
    Run r = run("--format", "json", resource("foreign/toygres-logs.json"));
    // before: no command ran the project's checks on a user's file
    assertThat(r.code()).as(r.err()).isEqualTo(LintFiles.FINDINGS);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("rules")).hasSizeGreaterThan(15);
    List<JsonNode> findings = new ArrayList<>();
    json.path("findings").forEach(findings::add);
    assertThat(json.path("findingCount").asInt()).isEqualTo(findings.size());
    JsonNode rate = findings.stream().filter(f -> f.path("rule").asText().equals("rate-interval"))
        .filter(f -> f.path("panel").asText().equals("Log Rate by Level")).findFirst().orElseThrow();
    assertThat(rate.path("dashboard").asText()).isEqualTo("Toygres Logs");
    assertThat(rate.path("uid").asText()).isEqualTo("toygres-logs");
    assertThat(rate.path("refId").asText()).isEqualTo("A");
    assertThat(rate.path("message").asText()).contains("[1m]").contains("$__auto");
    assertThat(rate.path("fix").asText()).contains("[$__auto]");
    // the legacy name "Loki" is a provisioned data source's name: no datasource finding
    assertThat(findings).noneMatch(f -> f.path("rule").asText().equals("datasource"));
    assertThat(findings).anyMatch(f -> f.path("rule").asText().equals("variable")
        && f.path("location").asText().endsWith("variable 'instance_id'"));
  }

  @Test
  void exclusionsByRuleEverywhereOrPerDashboard() throws Exception {
    String seed = resource("foreign/toygres-logs.json");
    Run all = run("--format", "json", seed);
    Run without = run("--format", "json", "--exclude", "rate-interval", "--exclude", "description=toygres-logs", seed);
    JsonNode a = new ObjectMapper().readTree(all.out());
    JsonNode w = new ObjectMapper().readTree(without.out());
    assertThat(a.path("byRule").path("rate-interval").asInt()).isPositive();
    assertThat(a.path("byRule").path("description").asInt()).isPositive();
    assertThat(w.path("byRule").has("rate-interval")).isFalse();
    assertThat(w.path("byRule").has("description")).isFalse();
    Path config = Files.writeString(tmp.resolve("lint.yaml"), "exclude: [rate-interval, description=other-uid]\n");
    JsonNode c = new ObjectMapper().readTree(run("--format", "json", "--config", config.toString(), seed).out());
    assertThat(c.path("byRule").has("rate-interval")).isFalse();
    assertThat(c.path("byRule").path("description").asInt()).isPositive();
  }

  @Test
  void aMetricTheSeedNamedDifferentlyPointsToTheCataloguesName() throws Exception {
    Run r = run("--format", "json", resource("foreign/toygres-metrics-old-names.json"));
    assertThat(r.code()).as(r.err()).isEqualTo(LintFiles.FINDINGS);
    List<String> unknown = new ArrayList<>();
    new ObjectMapper().readTree(r.out()).path("findings").forEach(f -> {
      if (f.path("rule").asText().equals("unknown-metric")) {
        unknown.add(f.path("panel").asText() + ": " + f.path("message").asText());
      }
    });
    // before: "nearest catalogue name: duroxide_provider_ack_orchestration_retries_total" and the like
    assertThat(unknown).contains(
        "Provider Errors: unknown metric 'duroxide_provider_infrastructure_errors_total'; renamed: use "
            + "`duroxide_provider_errors_total`",
        "Orchestration Completions: unknown metric 'duroxide_orchestration_completions'; renamed: use "
            + "`duroxide_orchestration_completions_total`",
        "Activity Duration p95: unknown metric 'duroxide_activity_duration_ms_bucket'; renamed: use "
            + "`duroxide_activity_duration_seconds_bucket` (values in seconds; the old name's were milliseconds)",
        "Fetch Latency p95: unknown metric 'duroxide_provider_fetch_orchestration_item_duration_ms_bucket'; "
            + "renamed: use `duroxide_provider_operation_duration_seconds_bucket{operation=\"fetch_orchestration_item\"}` "
            + "(values in seconds; the old name's were milliseconds)");
  }

  @Test
  void theProjectsOwnGeneratedFilesAreClean() {
    Path generated = Paths.get("..", "generated");
    Run r = run(generated.resolve("grafana/dashboards").toString(), generated.resolve("prometheus/rules").toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(LintFiles.OK);
    assertThat(r.out()).containsPattern("0 findings in \\d+ files");
  }

  @Test
  void textOutputIsOneLinePerFindingWithItsFix() throws Exception {
    Run r = run(resource("foreign/exported-prometheus.json"));
    assertThat(r.code()).isEqualTo(LintFiles.FINDINGS);
    assertThat(r.out()).contains("dashboard 'Exported: Prometheus server' (exported-prom), panel 'Unknown uid'")
        .contains("[datasource]\n    fix: reference a provisioned uid")
        .contains("panel 'Library panel': library panel 'lib-1'");
  }

  @Test
  void rulesAreListedWithIds() {
    Run r = run("--list-rules");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("counter-rate").contains("fix: wrap the counter in rate(");
  }

  @Test
  void badInputIsOneLine() throws Exception {
    Path text = Files.writeString(tmp.resolve("notes.txt"), "x");
    Run r = run(text.toString());
    assertThat(r.code()).isEqualTo(LintFiles.BAD_INPUT);
    assertThat(r.err().strip()).isEqualTo("lint: " + text + ": neither a dashboard (*.json) nor a rule file (*.yaml, *.yml)");
    Path notRules = Files.writeString(tmp.resolve("x.yaml"), "route: {receiver: x}\n");
    Run r2 = run(notRules.toString());
    assertThat(r2.err().strip()).isEqualTo("lint: " + notRules + ": not a Prometheus rule file (no 'groups' list)");
    Run r3 = run("--exclude", "no-such-check", resource("foreign/toygres-logs.json"));
    assertThat(r3.code()).isEqualTo(LintFiles.BAD_INPUT);
    assertThat(r3.err().lines().findFirst().orElse("")).isEqualTo(
        "lint: unknown check 'no-such-check' in exclusion 'no-such-check' (see --list-rules)");
  }
}
