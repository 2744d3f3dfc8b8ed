package io.durobs.dashboards.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durobs.dashboards.render.FileSources;
import io.durobs.dashboards.render.RenderAll;
import io.durobs.dashboards.rules.RuleFiles;
import io.durobs.dashboards.rules.Runbooks;
import io.durobs.toolkit.promql.Selector;
import io.durobs.toolkit.yaml.YamlText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A configuration other than the defaults changes exactly what it should, in the rules (and their
 * tests and runbooks) and in the dashboards: each case renders everything, checked like
 * {@code generated/}, and compares it with the default rendering.
 */
class ContentConfigTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALERTS = RuleFiles.ALERTS;
  private static final String RECORDING = RuleFiles.RECORDING;
  private static final String ALERT_TESTS = RuleFiles.ALERT_TESTS;
  private static final String RECORDING_TESTS = RuleFiles.RECORDING_TESTS;
  private static final String OVERVIEW = "grafana/dashboards/overview.json";
  private static final String PRODUCTION = "grafana/dashboards/production.json";
  private static final String LOGS = "grafana/dashboards/logs.json";
  private static final String COMPLETE = "grafana/dashboards/complete.json";
  private static final String PIPELINE = "grafana/dashboards/pipeline.json";
  // the Kubernetes manifests carry the same rules and dashboards
  private static final String K8S_RULES = "kubernetes/base/prometheus-rules.yaml";
  private static final String K8S_DASHBOARDS = "kubernetes/base/grafana-dashboards.yaml";

  private static final SortedMap<String, String> DEFAULT = render(ContentConfig.defaults());

  /** Everything rendered and checked (lint, coverage, rule test completeness) for {@code config}. */
  private static SortedMap<String, String> render(ContentConfig config) {
    return RenderAll.render(config, FileSources.all(config)).files();
  }

  private static Set<String> changedFiles(Map<String, String> files) {
    assertThat(files.keySet()).isEqualTo(DEFAULT.keySet());
    Set<String> changed = new TreeSet<>();
    files.forEach((path, text) -> {
      if (!text.equals(DEFAULT.get(path))) {
        changed.add(path);
      }
    });
    return changed;
  }

  @Test
  void theDefaultsRenderWhatGeneratedHolds() {
    assertThat(render(ContentConfig.defaults())).isEqualTo(RenderAll.render().files());
    assertThat(ContentConfig.defaults().sloWindows())
        .containsExactly("5m", "30m", "1h", "2h", "6h", "1d", "3d");
  }

  @Test
  void anotherRunbookUrlChangesTheRunbookLinksOnly() {
    String url = "https://runbooks.example.com/engine.md";
    String old = ContentConfig.defaults().runbookBaseUrl();
    Map<String, String> files = render(ContentConfig.builder().runbookBaseUrl(url).build());

    assertThat(changedFiles(files)).containsExactlyInAnyOrder(ALERTS, ALERT_TESTS, K8S_RULES);
    for (String path : List.of(ALERTS, ALERT_TESTS)) {
      assertThat(files.get(path)).doesNotContain(old).contains("runbook_url: " + url + "#duroxide");
      assertThat(files.get(path).replace(url, old)).isEqualTo(DEFAULT.get(path));
    }
  }

  @Test
  void anotherObjectiveChangesTheBurnRatesTheirTestsAndTheSuccessPanels() {
    ContentConfig config = ContentConfig.builder().successObjective(new BigDecimal("0.99"))
        .successHealthy(new BigDecimal("0.995")).build();
    Map<String, String> files = render(config);

    // the matrix's burn-rate fixtures fire later or sooner under the new thresholds
    assertThat(changedFiles(files)).containsExactlyInAnyOrder(Runbooks.PATH, OVERVIEW, PRODUCTION,
        ALERTS, ALERT_TESTS, RuleFiles.MATRIX_TESTS, RuleFiles.MATRIX_LONG_TESTS, K8S_RULES, K8S_DASHBOARDS);

    // rules: the burn thresholds are the factors times the 1 % budget, and the text says 99%
    Map<String, JsonNode> alerts = rulesByName(files.get(ALERTS));
    assertThat(alerts.get("DuroxideOrchestrationErrorBudgetBurn1h").path("expr").asText())
        .contains("failure_ratio_rate1h > 0.144 and");
    assertThat(alerts.get("DuroxideOrchestrationErrorBudgetBurn6h").path("expr").asText())
        .contains("failure_ratio_rate6h > 0.06 and");
    assertThat(alerts.get("DuroxideOrchestrationErrorBudgetBurn1d").path("expr").asText())
        .contains("failure_ratio_rate1d > 0.03 and");
    assertThat(alerts.get("DuroxideOrchestrationErrorBudgetBurn3d").path("expr").asText())
        .contains("failure_ratio_rate3d > 0.01 and");
    assertThat(alerts.get("DuroxideOrchestrationErrorBudgetBurn3d").path("annotations")
        .path("summary").asText()).contains("the 99% success objective");
    assertThat(files.get(ALERT_TESTS)).contains("error budget of the 99% success objective")
        .doesNotContain("95%");
    assertThat(files.get(Runbooks.PATH)).contains("the error budget (1 %)");
    // the failure-rate alert has its own threshold, which did not move
    assertThat(alerts.get("DuroxideOrchestrationFailureRateHigh").path("expr").asText())
        .contains("> 0.05 and");

    // dashboards: every success scale turns yellow at the objective and green at the healthy ratio
    List<JsonNode> successPanels = new ArrayList<>();
    for (String path : List.of(OVERVIEW, PRODUCTION)) {
      json(files.get(path)).path("panels").forEach(p -> {
        if (p.path("title").asText().contains("success rate")) {
          successPanels.add(p);
        }
      });
    }
    assertThat(successPanels).hasSize(3).allSatisfy(p -> {
      JsonNode steps = p.path("fieldConfig").path("defaults").path("thresholds").path("steps");
      assertThat(steps.get(1).path("value").asDouble()).isEqualTo(0.99);
      assertThat(steps.get(2).path("value").asDouble()).isEqualTo(0.995);
    });
    assertThat(files.get(OVERVIEW)).contains("Red below the 99% objective, green from 99.5%.");
    assertThat(files.get(PRODUCTION)).contains("The dashed lines are the 99% objective and 99.5%.");
  }

  @Test
  void aJobSelectorRestrictsEverySeriesOfTheRulesAndTheDashboards() {
    ContentConfig config = ContentConfig.builder()
        .jobSelector(new Selector.Matcher("job", "=~", "payments-.*"))
        .engineJob("payments-engine").build();
    Map<String, String> files = render(config);

    // the pipeline dashboard's engine-start annotation selects the engine jobs
    assertThat(changedFiles(files)).containsExactlyInAnyOrder(Runbooks.PATH, OVERVIEW, PRODUCTION,
        COMPLETE, LOGS, PIPELINE, ALERTS, RECORDING, ALERT_TESTS, RECORDING_TESTS, RuleFiles.MATRIX_TESTS,
        RuleFiles.MATRIX_LONG_TESTS, K8S_RULES, K8S_DASHBOARDS);

    // rules: every catalogue series is selected with the selector; the absent alert watches the
    // configured job, which the promtool tests' series carry
    String selected = "{job=~\"payments-.*\"";
    for (String path : List.of(ALERTS, RECORDING)) {
      for (JsonNode rule : rulesByName(files.get(path)).values()) {
        assertEverySeriesStartsWith(rule.path("expr").asText(), selected);
      }
    }
    assertThat(rulesByName(files.get(ALERTS)).get("DuroxideEngineAbsent").path("expr").asText())
        .endsWith(" or absent(duroxide_dispatcher_slots{job=~\"payments-.*\"})");
    assertThat(files.get(ALERT_TESTS) + files.get(RECORDING_TESTS) + files.get(RuleFiles.MATRIX_TESTS))
        .contains("job=\\\"payments-engine\\\"").doesNotContain("duroxide-engine");

    // dashboards: every Prometheus query and variable query carries it, and Loki's streams
    // select the same jobs by service_name
    for (String path : List.of(OVERVIEW, PRODUCTION, COMPLETE, LOGS)) {
      JsonNode d = json(files.get(path));
      for (JsonNode panel : d.path("panels")) {
        for (JsonNode target : panel.path("targets")) {
          String expr = target.path("expr").asText();
          if (panel.path("datasource").path("type").asText().equals("loki")) {
            assertThat(expr).as(path).contains("{service_name=~\"$job\", service_name=~\"payments-.*\"}");
          } else {
            assertEverySeriesStartsWith(expr, selected);
          }
        }
      }
      for (JsonNode variable : d.path("templating").path("list")) {
        if (variable.path("type").asText().equals("query")) {
          assertEverySeriesStartsWith(variable.path("definition").asText(), selected);
        }
      }
    }
    assertThat(files.get(OVERVIEW))
        .contains("label_values(duroxide_dispatcher_slots{job=~\\\"payments-.*\\\"}, job)");
  }

  @Test
  void anotherUidPrefixRenamesTheDashboardsTheirLinksAndFiles() {
    Map<String, String> files = render(ContentConfig.builder().dashboardUidPrefix("acme-").build());

    assertThat(files).containsKeys(OVERVIEW, LOGS);
    assertThat(json(files.get(OVERVIEW)).path("uid").asText()).isEqualTo("acme-overview");
    assertThat(files.get(OVERVIEW)).contains("\"url\": \"/d/acme-production\"")
        .contains("/d/acme-production?${__url_time_range}").doesNotContain("durobs-production");
    assertThat(files.get(PRODUCTION)).contains("/d/acme-logs?${__url_time_range}");
  }

  @Test
  void badValuesAreRefusedNamingTheKnob() {
    assertThatThrownBy(() -> ContentConfig.builder().successObjective(new BigDecimal("1.5")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("successObjective must be between 0 and 1, got 1.5");
    assertThatThrownBy(() -> ContentConfig.builder().successObjective(new BigDecimal("0.995")).build())
        .hasMessage("successHealthy must be from the objective 0.995 to below 1, got 0.99");
    assertThatThrownBy(() -> ContentConfig.builder()
        .jobSelector(new Selector.Matcher("job", "=~", "payments-.*")).build())
        .hasMessage("job selector job=~\"payments-.*\" does not select the engine job "
            + "'duroxide-engine'");
    assertThatThrownBy(() -> ContentConfig.builder()
        .jobSelector(new Selector.Matcher("instance", "=", "x")).build())
        .hasMessageContaining("only matchers on job");
    assertThatThrownBy(() -> ContentConfig.builder().ruleRateWindow("five minutes").build())
        .hasMessage("not a Prometheus duration: 'five minutes'");
    assertThatThrownBy(() -> ContentConfig.BurnRate.of("1h", "5m", "0", "2m"))
        .hasMessage("burn rate factor must be positive, got 0");
    assertThatThrownBy(() -> ContentConfig.builder().errorBudgetWindow("2d").build())
        .hasMessage("errorBudgetWindow 2d must be at least the burn-rate window 3d");
  }

  @Test
  void theErrorBudgetWindowIsRecordedAndReadByTheBudgetPanel() {
    Map<String, String> files = render(ContentConfig.builder().errorBudgetWindow("28d").build());
    String record = "job:duroxide_orchestration_completions:failure_ratio_rate28d";
    assertThat(files.get(RECORDING)).contains("record: " + record)
        .contains("[28d])) / sum by (job)").doesNotContain("rate30d");
    assertThat(files.get(RECORDING_TESTS)).contains("expr: " + record);
    assertThat(files.get(PRODUCTION)).contains("\"expr\": \"1 - " + record + "{job=~\\\"$job\\\"} / 0.05\"")
        .contains("Error budget remaining (28d)");
  }

  @Test
  void wordingStatesNumbersAsTheRulesAndPanelsDo() {
    assertThat(Wording.percent(new BigDecimal("0.95"))).isEqualTo("95");
    assertThat(Wording.percent(new BigDecimal("0.995"))).isEqualTo("99.5");
    assertThat(Wording.shortDuration(java.time.Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(Wording.longDuration(java.time.Duration.ofSeconds(60))).isEqualTo("60 seconds");
    assertThat(Wording.spoken(java.time.Duration.ofSeconds(60))).isEqualTo("a minute");
    assertThat(Wording.window("5m")).isEqualTo("5 minutes");
    assertThat(Wording.window("1d")).isEqualTo("1 day");
    assertThat(Wording.abbreviatedWindow("30m")).isEqualTo("30 m");
    assertThat(Wording.abbreviatedWindow("3d")).isEqualTo("3 days");
  }

  /** Every catalogue series (not recorded ones, {@code level:name:op}) starts its matchers so. */
  private static void assertEverySeriesStartsWith(String expr, String matchers) {
    Matcher m = Pattern.compile("(?<![\\w:])duroxide_\\w+").matcher(expr);
    int seen = 0;
    while (m.find()) {
      seen++;
      assertThat(expr.substring(m.end())).as(expr).startsWith(matchers);
    }
    if (expr.contains("duroxide_") && seen == 0) {
      // only recorded series: they were recorded from selected series
      assertThat(expr).matches("(?s).*\\w+:duroxide_\\w+:\\w+.*");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, JsonNode> rulesByName(String yaml) {
    Map<String, Object> file = (Map<String, Object>) YamlText.parse(yaml);
    Map<String, JsonNode> rules = new java.util.LinkedHashMap<>();
    for (Object g : (List<Object>) file.get("groups")) {
      for (Object r : (List<Object>) ((Map<String, Object>) g).get("rules")) {
        JsonNode rule = JSON.valueToTree(r);
        rules.put(rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText(),
            rule);
      }
    }
    return rules;
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
