package io.durobs.dashboards.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.durobs.dashboards.Panels;
import io.durobs.dashboards.config.ContentConfig;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.toolkit.lint.MetricUniverse;
import io.durobs.toolkit.lint.RuleLint;
import io.durobs.toolkit.yaml.YamlText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineRulesTest {

  private static final EngineRules RULES = EngineRules.of(ContentConfig.defaults());

  @Test
  void theRulesAreCleanAgainstTheCatalogue() {
    ObjectMapper json = new ObjectMapper();
    Map<String, com.fasterxml.jackson.databind.JsonNode> files = new LinkedHashMap<>();
    files.put("alerts", json.valueToTree(YamlText.parse(RuleFiles.rules(RULES.alertGroups(), "x"))));
    files.put("recording", json.valueToTree(YamlText.parse(RuleFiles.rules(RULES.recordingGroups(), "x"))));
    MetricUniverse u = MetricUniverse.of(MetricCatalogue.all());
    for (var e : EngineRules.externalSeries().entrySet()) {
      u = u.withExternal(e.getKey(), MetricUniverse.SeriesKind.GAUGE, e.getValue());
    }
    u = u.withRecordingRules(List.copyOf(files.values()));

    assertThat(RuleLint.lint(files, u, Panels.clusterWideSeries())).isEmpty();
  }

  @Test
  void burnRateThresholdsAreMultiplesOfTheErrorBudget() {
    assertThat(RULES.pageBurns().get(0).expr().text() + RULES.pageBurns().get(1).expr().text())
        .contains("failure_ratio_rate1h > 0.72 and").contains("failure_ratio_rate6h > 0.3 and");
    assertThat(RULES.ticketBurns().get(0).expr().text() + RULES.ticketBurns().get(1).expr().text())
        .contains("failure_ratio_rate1d > 0.15 and").contains("failure_ratio_rate3d > 0.05 and");
  }

  @Test
  void theSuccessRatioLeavesOutCancelledAndContinuedAsNew() {
    assertThat(RULES.failureRatio("5m").expr().text())
        .contains("status=\"failed\"").contains("status=~\"success|failed\"")
        .doesNotContain("cancelled").doesNotContain("continuedAsNew");
  }

  @Test
  void everyAlertLinksItsRunbookSection() {
    String runbooks = Runbooks.render(RULES.alertGroups());
    for (AlertRule a : RULES.alerts()) {
      assertThat(a.annotations(RULES.config().runbookBaseUrl()).get("runbook_url"))
          .isEqualTo(RULES.config().runbookBaseUrl() + "#" + a.name().toLowerCase(java.util.Locale.ROOT));
      assertThat(runbooks).contains("\n### " + a.name() + "\n");
    }
  }

  @Test
  void anAlertWithoutARequiredPartIsRefusedByName() {
    AlertRule.Builder noRunbook = AlertRule.named("DuroxideSomething")
        .when(io.durobs.toolkit.promql.Expr.raw("vector(1)")).severity(Severity.INFO)
        .summary("Something.").description("Something happened.");
    org.assertj.core.api.Assertions.assertThatThrownBy(noRunbook::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("alert DuroxideSomething has no runbook");
    AlertRule atOnce = noRunbook.runbook("Look.").build();
    assertThat(atOnce.firesAtOnce()).isTrue();
    assertThat(atOnce.forDuration()).isEqualTo("0s");
    assertThat(atOnce.runbookUrl("https://x/r.md")).isEqualTo("https://x/r.md#duroxidesomething");
  }

  @Test
  void testSeriesRefuseLabelsTheMetricDoesNotHave() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            TestSeries.of(io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_POISON, "engine")
                .with(io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_NAME, "x"))
        .hasMessageContaining("has no label orchestration_name");
  }
}
