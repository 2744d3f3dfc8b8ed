package io.durobs.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durobs.dashboards.Dashboards;
import io.durobs.dashboards.Panels;
import io.durobs.dashboards.Provisioning;
import io.durobs.dashboards.config.ContentConfig;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.toolkit.grafana.GrafanaJson;
import io.durobs.toolkit.grafana.read.DashboardReader;
import io.durobs.toolkit.lint.DashboardLint;
import io.durobs.toolkit.lint.Finding;
import io.durobs.toolkit.lint.MetricUniverse;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardLintTest {

  private static final ContentConfig CONFIG = ContentConfig.defaults();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DashboardLint.Settings SETTINGS = new DashboardLint.Settings(
      Provisioning.datasourceTypesByUid(CONFIG), Panels.clusterWideSeries(),
      java.util.Set.of(CONFIG.overviewUid(), CONFIG.productionUid(), CONFIG.logsUid(),
          CONFIG.pipelineUid(), CONFIG.completeUid()));

  private static ObjectNode production() {
    return (ObjectNode) JSON.valueToTree(Dashboards.all(CONFIG).get(1));
  }

  private static List<Finding> lint(JsonNode... dashboards) {
    return DashboardLint.lint(
        java.util.Arrays.stream(dashboards).map(d -> DashboardReader.read(d, "test")).toList(),
        SETTINGS, io.durobs.dashboards.render.RenderAll.universe(List.of(rules())));
  }

  private static JsonNode rules() {
    try {
      return JSON.valueToTree(io.durobs.toolkit.yaml.YamlText.parse(io.durobs.dashboards.rules.RuleFiles.rules(
          io.durobs.dashboards.rules.EngineRules.of(CONFIG).recordingGroups(), "x")));
    } catch (RuntimeException e) {
      throw e;
    }
  }

  private static ObjectNode panel(ObjectNode dashboard, String title) {
    for (JsonNode p : dashboard.path("panels")) {
      if (p.path("title").asText().equals(title)) {
        return (ObjectNode) p;
      }
    }
    throw new AssertionError("no panel " + title);
  }

  @Test
  void theProjectsDashboardsAreClean() {
    JsonNode[] all = Dashboards.all(CONFIG).stream().map(d -> {
      try {
        return JSON.readTree(GrafanaJson.write(d));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }).toArray(JsonNode[]::new);
    assertThat(lint(all)).isEmpty();
  }

  @Test
  void findsDuplicateIdsAndUids() {
    ObjectNode d = production();
    ((ObjectNode) d.path("panels").get(2)).put("id", d.path("panels").get(1).path("id").asInt());
    assertThat(lint(d, production())).extracting(Finding::rule, Finding::message).contains(
        org.assertj.core.groups.Tuple.tuple("uid", "panel id 2 is used twice"),
        org.assertj.core.groups.Tuple.tuple("uid", "uid 'durobs-production' is also used by "
            + "dashboard 'Durable engine / Production' (durobs-production)"));
  }

  @Test
  void findsDatasourcesThatProvisioningDoesNotDefine() {
    ObjectNode d = production();
    ((ObjectNode) panel(d, "Continue-as-new").path("datasource")).put("uid", "Prometheus");
    ((ObjectNode) d.path("templating").path("list").get(0).path("current")).put("value", "prom");
    assertThat(lint(d)).extracting(Finding::toString).containsExactlyInAnyOrder(
        "dashboard 'Durable engine / Production' (durobs-production), variable 'datasource': "
            + "default data source uid 'prom' is not provisioned (loki, prometheus) [datasource]",
        "dashboard 'Durable engine / Production' (durobs-production), panel 'Continue-as-new': "
            + "data source uid 'Prometheus' is not provisioned; provisioned: loki, prometheus; "
            + "nearest: prometheus [datasource]");
  }

  @Test
  void findsUndeclaredAndUnusedVariables() {
    ObjectNode d = production();
    ObjectNode target = (ObjectNode) panel(d, "Continue-as-new").path("targets").get(0);
    target.put("expr", target.path("expr").asText().replace("$instance", "$instanc"));
    ArrayNode vars = (ArrayNode) d.path("templating").path("list");
    vars.add(JSON.createObjectNode().put("name", "instance_id").put("type", "textbox"));
    assertThat(lint(d)).extracting(Finding::message).containsExactlyInAnyOrder(
        "'$instanc' is used but not declared; declared: datasource, job, instance, "
            + "orchestration_name, activity_name, instance_id; nearest: instance",
        "variable is declared but no panel, query or link uses it");
  }

  @Test
  void findsMissingUnitsDescriptionsAndInvertedSuccessThresholds() {
    ObjectNode d = production();
    ObjectNode p = panel(d, "Orchestration success rate");
    ObjectNode defaults = (ObjectNode) p.path("fieldConfig").path("defaults");
    defaults.remove("unit");
    p.remove("description");
    // the seed's gauge: green, yellow from 0.9, red from 0.95
    ArrayNode steps = (ArrayNode) defaults.path("thresholds").path("steps");
    ((ObjectNode) steps.get(0)).put("color", "green");
    ((ObjectNode) steps.get(1)).put("color", "yellow").put("value", 0.9);
    ((ObjectNode) steps.get(2)).put("color", "red").put("value", 0.95);
    assertThat(lint(d)).extracting(Finding::rule, Finding::message).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("unit", "panel has no unit"),
        org.assertj.core.groups.Tuple.tuple("description",
            "panel has no description; say what it shows and how to read it"),
        org.assertj.core.groups.Tuple.tuple("thresholds",
            "a success scale must end green (high is good), it ends red"));
  }

  @Test
  void findsQueryProblemsWithDashboardPanelAndRefId() {
    ObjectNode d = production();
    ObjectNode target = (ObjectNode) panel(d, "Queue depth").path("targets").get(1);
    target.put("expr", "sum(duroxide_worker_queue_depth{job=~\"$job\", instance=~\"$instance\"})");
    assertThat(lint(d)).extracting(Finding::toString).containsExactly(
        "dashboard 'Durable engine / Production' (durobs-production), panel 'Queue depth', "
            + "refId B: cluster-wide gauge duroxide_worker_queue_depth is aggregated with sum; "
            + "every engine process reports the same value, aggregate it with max [cluster-gauge-max]");
  }

  @Test
  void annotationQueriesAreCheckedLikeTargetsNamedByTheAnnotation() {
    ObjectNode d = production();
    ArrayNode list = (ArrayNode) d.path("annotations").path("list");
    ObjectNode starts = null;
    for (JsonNode a : list) {
      if (a.path("name").asText().equals("Engine starts")) {
        starts = (ObjectNode) a;
      }
    }
    starts.put("expr", starts.path("expr").asText().replace("process_uptime", "process_uptme"));
    ObjectNode alerts = (ObjectNode) list.get(0);
    alerts.put("expr", "ALERTS{alertstate=\"firing\"");
    ObjectNode extra = alerts.deepCopy();
    extra.put("name", "Restarts");
    extra.put("expr", "sum by (job) (rate(duroxide_orchestration_starts_total[5m]))");
    extra.put("titleFormat", "{{instance}}");
    list.add(extra);
    List<Finding> findings = lint(d);
    String where = "dashboard 'Durable engine / Production' (durobs-production), annotation ";
    assertThat(findings).extracting(Finding::rule, Finding::location).contains(
        org.assertj.core.groups.Tuple.tuple("unknown-metric", where + "'Engine starts'"),
        org.assertj.core.groups.Tuple.tuple("syntax", where + "'" + alerts.path("name").asText() + "'"),
        org.assertj.core.groups.Tuple.tuple("rate-interval", where + "'Restarts'"),
        org.assertj.core.groups.Tuple.tuple("legend-label", where + "'Restarts'"));
    assertThat(findings).filteredOn(f -> f.rule().equals("unknown-metric")).first()
        .extracting(Finding::message).asString().contains("nearest catalogue name: process_uptime_seconds");
  }

  @Test
  void linksMustNameADashboardOfTheSet() {
    ObjectNode d = production();
    ((ObjectNode) d.path("links").get(0)).put("url", "/d/durobs-overveiw");
    assertThat(lint(d)).extracting(Finding::toString).contains(
        "dashboard 'Durable engine / Production' (durobs-production), link 'Overview': links to "
            + "dashboard uid 'durobs-overveiw', which is not among durobs-complete, durobs-logs, "
            + "durobs-overview, durobs-pipeline, durobs-production; nearest: durobs-overview [link]");
  }

  @Test
  void lokiRangesUseAuto() {
    ObjectNode d = (ObjectNode) JSON.valueToTree(Dashboards.all(CONFIG).get(2));
    ObjectNode target = (ObjectNode) panel(d, "Log volume by level").path("targets").get(0);
    target.put("expr", target.path("expr").asText().replace("[$__auto]", "[1m]"));
    assertThat(lint(d)).extracting(Finding::message)
        .containsExactly("LogQL range [1m] must be $__auto");
  }

  @Test
  void lintsTheOldSchemaRowsPanels() {
    ObjectNode d = DashboardShapes.oldSchema(production());
    JsonNode inRow = d.path("rows").get(1).path("panels").get(0);
    ((ObjectNode) inRow.path("fieldConfig").path("defaults")).remove("unit");

    assertThat(lint(d)).extracting(Finding::toString).containsExactly(
        "dashboard 'Durable engine / Production' (durobs-production), panel '"
            + inRow.path("title").asText() + "': panel has no unit [unit]");
  }

  @Test
  void lintsThePanelsInsideCollapsedRows() {
    ObjectNode d = DashboardShapes.collapsedRows(production());
    JsonNode row = d.path("panels").get(d.path("panels").size() - 1);
    ObjectNode inRow = (ObjectNode) row.path("panels").get(0);
    inRow.remove("description");

    assertThat(row.path("collapsed").asBoolean()).isTrue();
    assertThat(lint(d)).extracting(Finding::toString).containsExactly(
        "dashboard 'Durable engine / Production' (durobs-production), panel '"
            + inRow.path("title").asText() + "': panel has no description; say what it shows and "
            + "how to read it [description]");
  }

  @Test
  void reportsALibraryPanelInsteadOfPassingItUnseen() {
    ObjectNode d = production();
    ObjectNode p = panel(d, "Continue-as-new");
    p.removeAll();
    p.put("id", 900).put("title", "Shared panel");
    p.putObject("libraryPanel").put("uid", "lib-1").put("name", "Shared panel");

    assertThat(lint(d)).extracting(Finding::toString).containsExactly(
        "dashboard 'Durable engine / Production' (durobs-production), panel 'Shared panel': "
            + "library panel 'lib-1' keeps its queries and settings in Grafana, not in this JSON; "
            + "they are not checked [library-panel]");
  }
}
