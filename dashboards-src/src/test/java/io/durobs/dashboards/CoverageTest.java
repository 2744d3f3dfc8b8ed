package io.durobs.dashboards;

import io.durobs.toolkit.lint.Coverage;
import io.durobs.toolkit.lint.MetricUniverse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durobs.dashboards.Dashboards;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.toolkit.yaml.YamlText;
import io.durobs.dashboards.rules.EngineRules;
import io.durobs.dashboards.rules.RuleFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> rules() {
    return List.of(
        JSON.valueToTree(YamlText.parse(RuleFiles.rules(EngineRules.alertGroups(), "x"))),
        JSON.valueToTree(YamlText.parse(RuleFiles.rules(EngineRules.recordingGroups(), "x"))));
  }

  @Test
  void everyCatalogueMetricIsOnAPanelAndOnTheCompleteDashboard() {
    List<JsonNode> dashboards = Dashboards.all().stream().map(d -> (JsonNode) JSON.valueToTree(d)).toList();
    MetricUniverse u = MetricUniverse.catalogue().withRecordingRules(rules());

    Coverage.Report r = Coverage.compute(dashboards, rules(), u, "durobs-complete");

    assertThat(r.rows()).hasSize(MetricCatalogue.all().size());
    assertThat(r.notOnAnyPanel()).isEmpty();
    assertThat(r.notOnReferenceDashboard()).isEmpty();
    assertThat(r.summary()).startsWith("coverage: 30/30 catalogue metrics on a panel, 30/30 on "
        + "durobs-complete");
  }

  @Test
  void aMetricReadOnlyThroughARecordingRuleCountsForThePanelThatReadsTheRecording() {
    JsonNode overviewOnly = JSON.valueToTree(Dashboards.all().get(0));
    MetricUniverse u = MetricUniverse.catalogue().withRecordingRules(rules());

    Coverage.Report r = Coverage.compute(List.of(overviewOnly), rules(), u, "durobs-complete");

    Coverage.MetricCoverage store = r.rows().get(MetricCatalogue.PROVIDER_OPERATION_DURATION.number() - 1);
    assertThat(store.panels()).containsExactly("durobs-overview / Store p95");
    assertThat(store.onReferenceDashboard()).isFalse();
    assertThat(store.recordings()).containsExactly(EngineRules.STORE_DURATION_RATE.record());
    assertThat(r.notOnAnyPanel()).contains(MetricCatalogue.CLIENT_CANCELLATIONS);
    assertThat(r.notOnReferenceDashboard()).hasSize(30);
    assertThat(r.toMarkdown()).contains("| 24 | `duroxide_client_cancellations_total` | counter | 0: **none** | **no** |");
  }
}
