package io.durobs.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durobs.dashboards.Dashboards;
import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.rules.EngineRules;
import io.durobs.dashboards.rules.RuleFiles;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.toolkit.grafana.read.DashboardFile;
import io.durobs.toolkit.grafana.read.DashboardReader;
import io.durobs.toolkit.lint.Coverage;
import io.durobs.toolkit.lint.MetricUniverse;
import io.durobs.toolkit.yaml.YamlText;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {

  private static final EngineRules RULES = EngineRules.of(ContentConfig.defaults());

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> rules() {
    return List.of(
        JSON.valueToTree(YamlText.parse(RuleFiles.rules(RULES.alertGroups(), "x"))),
        JSON.valueToTree(YamlText.parse(RuleFiles.rules(RULES.recordingGroups(), "x"))));
  }

  private static MetricUniverse universe() {
    return MetricUniverse.of(MetricCatalogue.all()).withRecordingRules(rules());
  }

  private static List<ObjectNode> ours() {
    return Dashboards.all(ContentConfig.defaults()).stream().map(d -> (ObjectNode) JSON.valueToTree(d)).toList();
  }

  private static List<DashboardFile> read(List<ObjectNode> dashboards) {
    return dashboards.stream().map(d -> DashboardReader.read(d, d.path("uid").asText())).toList();
  }

  @Test
  void everyCatalogueMetricIsOnAPanelAndOnTheCompleteDashboard() {
    List<DashboardFile> dashboards = read(ours());
    MetricUniverse u = universe();

    Coverage.Report r = Coverage.compute(dashboards, rules(), u, "durobs-complete");

    assertThat(r.rows()).hasSize(MetricCatalogue.all().size());
    assertThat(r.notOnAnyPanel()).isEmpty();
    assertThat(r.notOnReferenceDashboard()).isEmpty();
    assertThat(r.summary()).startsWith("coverage: 31/31 catalogue metrics on a panel, 31/31 on "
        + "durobs-complete");
  }

  @Test
  void aMetricReadOnlyThroughARecordingRuleCountsForThePanelThatReadsTheRecording() {
    List<DashboardFile> overviewOnly = read(ours().subList(0, 1));
    MetricUniverse u = universe();

    Coverage.Report r = Coverage.compute(overviewOnly, rules(), u, "durobs-complete");

    Coverage.MetricCoverage store = r.rows().get(MetricCatalogue.PROVIDER_OPERATION_DURATION.number() - 1);
    assertThat(store.panels()).containsExactly("durobs-overview / Store p95");
    assertThat(store.onReferenceDashboard()).isFalse();
    assertThat(store.recordings()).containsExactly(RULES.storeDurationRate().record());
    assertThat(r.notOnAnyPanel()).contains(MetricCatalogue.CLIENT_CANCELLATIONS);
    assertThat(r.notOnReferenceDashboard()).hasSize(31);
    assertThat(r.toMarkdown("a test")).contains("| 24 | `duroxide_client_cancellations_total` | counter | 0: **none** | **no** |");
  }

  @Test
  void theOldSchemaAndCollapsedRowsCountAsTheSamePanelsAndQueries() {
    Coverage.Report asRendered = Coverage.compute(read(ours()), rules(), universe(), "durobs-complete");
    Coverage.Report old = Coverage.compute(
        read(ours().stream().map(DashboardShapes::oldSchema).toList()), rules(), universe(),
        "durobs-complete");
    Coverage.Report collapsed = Coverage.compute(
        read(ours().stream().map(DashboardShapes::collapsedRows).toList()), rules(), universe(),
        "durobs-complete");

    assertThat(asRendered.panels()).isPositive();
    assertThat(asRendered.targets()).isPositive();
    for (Coverage.Report other : List.of(old, collapsed)) {
      assertThat(other.summary()).isEqualTo(asRendered.summary());
      assertThat(other.rows()).isEqualTo(asRendered.rows());
    }
  }
}
