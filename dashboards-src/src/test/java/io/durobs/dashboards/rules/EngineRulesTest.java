package io.durobs.dashboards.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.durobs.toolkit.lint.MetricUniverse;
import io.durobs.toolkit.lint.RuleLint;
import io.durobs.dashboards.Panels;
import io.durobs.toolkit.yaml.YamlText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineRulesTest {

  @Test
  void theRulesAreCleanAgainstTheCatalogue() {
    ObjectMapper json = new ObjectMapper();
    Map<String, com.fasterxml.jackson.databind.JsonNode> files = new LinkedHashMap<>();
    files.put("alerts", json.valueToTree(YamlText.parse(RuleFiles.rules(EngineRules.alertGroups(), "x"))));
    files.put("recording", json.valueToTree(YamlText.parse(RuleFiles.rules(EngineRules.recordingGroups(), "x"))));
    MetricUniverse u = MetricUniverse.catalogue().withExternal("up",
        MetricUniverse.SeriesKind.GAUGE, List.of("job", "instance"))
        .withRecordingRules(List.copyOf(files.values()));

    assertThat(RuleLint.lint(files, u, Panels.clusterWideSeries())).isEmpty();
  }

  @Test
  void burnRateThresholdsAreMultiplesOfTheErrorBudget() {
    assertThat(EngineRules.SLO_BURN_FAST.expr().text())
        .contains("failure_ratio_rate1h > 0.72 and").contains("failure_ratio_rate6h > 0.3 and");
    assertThat(EngineRules.SLO_BURN_SLOW.expr().text())
        .contains("failure_ratio_rate1d > 0.15 and").contains("failure_ratio_rate3d > 0.05 and");
  }

  @Test
  void theSuccessRatioLeavesOutCancelledAndContinuedAsNew() {
    assertThat(EngineRules.failureRatio("5m").expr().text())
        .contains("status=\"failed\"").contains("status=~\"success|failed\"")
        .doesNotContain("cancelled").doesNotContain("continuedAsNew");
  }

  @Test
  void everyAlertLinksItsRunbookSection() {
    String runbooks = Runbooks.render(EngineRules.alertGroups());
    for (AlertRule a : EngineRules.alerts()) {
      assertThat(a.annotations(EngineRules.RUNBOOK_BASE_URL).get("runbook_url"))
          .isEqualTo(EngineRules.RUNBOOK_BASE_URL + "#" + a.name().toLowerCase(java.util.Locale.ROOT));
      assertThat(runbooks).contains("\n### " + a.name() + "\n");
    }
  }

  @Test
  void testSeriesRefuseLabelsTheMetricDoesNotHave() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            TestSeries.of(io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_POISON)
                .with(io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_NAME, "x"))
        .hasMessageContaining("has no label orchestration_name");
  }
}
