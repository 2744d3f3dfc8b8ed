package io.durobs.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.toolkit.grafana.Dashboard;
import io.durobs.toolkit.grafana.LokiQuery;
import io.durobs.toolkit.grafana.Panel;
import io.durobs.toolkit.grafana.PrometheusQuery;
import io.durobs.toolkit.grafana.Target;
import io.durobs.toolkit.grafana.ThresholdStep;
import io.durobs.toolkit.grafana.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardsTest {

  private static final ContentConfig CONFIG = ContentConfig.defaults();

  private static Dashboard byUid(String uid) {
    return Dashboards.all(CONFIG).stream().filter(d -> d.uid().equals(uid)).findFirst().orElseThrow();
  }

  private static List<Target> targets(Dashboard d) {
    return d.allPanels().stream().flatMap(p -> p.targets().stream()).toList();
  }

  @Test
  void fiveDashboardsWithFixedUidsLinkingToEachOther() {
    assertThat(Dashboards.all(CONFIG)).extracting(Dashboard::uid).containsExactly(
        "durobs-overview", "durobs-production", "durobs-logs", "durobs-pipeline", "durobs-complete");
    for (Dashboard d : Dashboards.all(CONFIG)) {
      assertThat(d.links()).extracting(l -> l.url().substring(3)).hasSize(4)
          .doesNotContain(d.uid());
    }
  }

  @Test
  void logPanelsQueryWhatLokiMakesOfOtlpLogs() {
    Dashboard logs = byUid(CONFIG.logsUid());
    List<Target> targets = targets(logs);
    assertThat(targets).isNotEmpty().allSatisfy(t -> {
      assertThat(t).isInstanceOf(LokiQuery.class);
      // service.name is the stream label service_name; the seed's job/level labels do not exist
      assertThat(t.expr()).contains("{service_name=~\"$job\"} | service_instance_id=~\"$instance\"")
          .doesNotContain("level=");
    });
    assertThat(targets).extracting(Target::expr)
        .anyMatch(e -> e.contains("| instance_id=~\"$instance_id\""))
        .anyMatch(e -> e.startsWith("sum by (severity_text)"));
    Variable job = logs.templating().list().stream().filter(v -> v.name().equals("job")).findFirst().orElseThrow();
    assertThat(job.allValue()).as("Loki rejects a stream selector matching the empty string").isEqualTo(".+");
  }

  @Test
  void successScalesAreRedBelowTheObjectiveAndGreenFrom99Percent() {
    List<Panel> success = Dashboards.all(CONFIG).stream().flatMap(d -> d.allPanels().stream())
        .filter(p -> p.title().toLowerCase(java.util.Locale.ROOT).contains("success")).toList();
    assertThat(success).hasSize(3).allSatisfy(p -> assertThat(p.fieldConfig().defaults().thresholds().steps())
        .containsExactly(new ThresholdStep("red", null), new ThresholdStep("yellow", 0.95),
            new ThresholdStep("green", 0.99)));
  }

  @Test
  void everyPrometheusQueryFiltersByJobAndInstance() {
    for (Dashboard d : Dashboards.all(CONFIG)) {
      if (d.uid().equals(CONFIG.pipelineUid())) {
        continue; // the collector's own series: job otelcol, picked by the collector variable
      }
      for (Target t : targets(d)) {
        if (t instanceof PrometheusQuery) {
          assertThat(t.expr()).as(d.uid() + " " + t.expr()).contains("job=~\"$job\"");
          // the SLO panels read the per-job failure-ratio rules, which keep no instance
          if (!t.expr().matches("[^{]*job:[a-z_]+:failure_ratio_rate.*")) {
            assertThat(t.expr()).as(d.uid() + " " + t.expr()).contains("instance=~\"$instance\"");
          }
        }
      }
    }
  }

  @Test
  void thePipelineDashboardReadsTheCollectorsOwnSeriesOfTheSelectedCollectors() {
    List<String> exprs = targets(byUid(CONFIG.pipelineUid())).stream().map(Target::expr).toList();
    assertThat(exprs).isNotEmpty();
    assertThat(exprs.subList(1, exprs.size())).allSatisfy(e ->
        assertThat(e).contains("{job=\"otelcol\", instance=~\"$collector\"}")
            .doesNotContain("duroxide_"));
    // the failure counters exist only after a first failure: 0 for the exporters that send
    assertThat(exprs).anyMatch(e -> e.startsWith("sum by (exporter) (rate("
        + "otelcol_exporter_send_failed_log_records{") && e.contains(" or sum by (exporter) (rate("
        + "otelcol_exporter_sent_log_records{") && e.endsWith(" * 0"));
  }

  @Test
  void theCompleteDashboardShowsTheCatalogueInOrder() {
    List<String> titles = byUid(CONFIG.completeUid()).allPanels().stream().map(Panel::title)
        .filter(t -> !t.contains(" ")).toList();
    List<String> expected = io.durobs.engine.catalogue.MetricCatalogue.allWithProcess().stream()
        .filter(m -> m.kind() != io.durobs.engine.catalogue.MetricKind.HISTOGRAM)
        .map(io.durobs.engine.catalogue.MetricDefinition::prometheusName).toList();
    assertThat(titles).isEqualTo(expected);
  }
}
