package io.durobs.harness.run;

import io.durobs.harness.alerts.AlertCheck;
import io.durobs.harness.alerts.AlertChecker;
import io.durobs.harness.alerts.AlertmanagerClient;
import io.durobs.harness.alerts.WebhookReceiver;
import io.durobs.harness.catalogue.CatalogueCheck;
import io.durobs.harness.catalogue.MetricCheck;
import io.durobs.harness.check.CheckOptions;
import io.durobs.harness.check.DashboardChecker;
import io.durobs.harness.check.DashboardResult;
import io.durobs.harness.check.GrafanaBackend;
import io.durobs.harness.check.ProgressListener;
import io.durobs.harness.check.PrometheusBackend;
import io.durobs.harness.check.QueryBackend;
import io.durobs.harness.grafana.Dashboard;
import io.durobs.harness.grafana.DashboardReader;
import io.durobs.harness.grafana.DatasourceTypes;
import io.durobs.harness.grafana.GrafanaClient;
import io.durobs.harness.prometheus.PrometheusClient;
import io.durobs.harness.report.ReportWriter;
import io.durobs.harness.report.RunReport;
import io.durobs.harness.stack.ContainerStack;
import io.durobs.harness.stack.Readiness;
import io.durobs.harness.stack.StackLauncher;
import io.durobs.stack.PrometheusConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One end-to-end validation: with the stack started, runs the workload's healthy phase, waits
 * until the catalogue has reached Prometheus, checks every dashboard panel (through Grafana when
 * the launcher runs it, else with Grafana's semantics against Prometheus), checks that no alert
 * fires while healthy, then runs each alert's fault scenario and follows the alert to
 * Alertmanager and the webhook; writes the report and returns it.
 */
public final class ValidationRun {

  private final StackLauncher stack;
  private final Workload workload;
  private final WebhookReceiver webhook;
  private final Path dashboardsDir;
  private final Path reportDir;
  private final ProgressListener progress;
  private final Duration dataTimeout;
  private final Duration alertTimeout;

  /**
   * @param stack the started stack
   * @param workload the workload
   * @param webhook the receiver Alertmanager notifies
   * @param dashboardsDir the generated dashboards (read when Grafana is not running)
   * @param reportDir where the report is written
   * @param progress console progress
   * @param dataTimeout how long to wait for the catalogue to arrive
   * @param alertTimeout how long each alert may take to reach the webhook
   */
  public ValidationRun(StackLauncher stack, Workload workload, WebhookReceiver webhook, Path dashboardsDir,
      Path reportDir, ProgressListener progress, Duration dataTimeout, Duration alertTimeout) {
    this.stack = stack;
    this.workload = workload;
    this.webhook = webhook;
    this.dashboardsDir = dashboardsDir;
    this.reportDir = reportDir;
    this.progress = progress;
    this.dataTimeout = dataTimeout;
    this.alertTimeout = alertTimeout;
  }

  /** Runs the validation and writes the report. */
  public RunReport run() {
    Instant started = Instant.now();
    List<String> notes = new ArrayList<>();
    PrometheusClient prometheus = PrometheusClient.of(stack.prometheusUrl());
    progress.line("healthy phase: running the catalogue workload");
    workload.runHealthy(stack);

    progress.line("waiting for the catalogue to reach Prometheus");
    CatalogueCheck catalogue = new CatalogueCheck(prometheus);
    Instant deadline = Instant.now().plus(dataTimeout);
    List<MetricCheck> metrics;
    while (true) {
      metrics = catalogue.check(started.minus(Duration.ofMinutes(5)), Instant.now(), workload.serviceName());
      boolean complete = metrics.stream().allMatch(m -> m.present() && m.valuesSeen() == m.valuesExpected());
      if (complete || Instant.now().isAfter(deadline)) {
        break;
      }
      Readiness.pause(2000);
    }
    notes.add("catalogue arrived after " + Duration.between(started, Instant.now()).toSeconds() + " s");

    List<DashboardResult> dashboards = checkDashboards(prometheus);

    AlertChecker alerts = new AlertChecker(prometheus, new AlertmanagerClient(stack.alertmanagerUrl()), webhook, progress);
    alerts.unhealthyRules().forEach(r -> notes.add("rule evaluation error: " + r));
    Set<String> activeWhenHealthy = alerts.active();
    progress.line("alerts active in the healthy phase: " + (activeWhenHealthy.isEmpty() ? "none" : activeWhenHealthy));
    List<AlertCheck> alertChecks = new ArrayList<>();
    Map<String, String> scenarios = workload.scenarioByAlert();
    for (String alert : alerts.alertNames()) {
      String scenario = scenarios.get(alert);
      boolean quiet = !activeWhenHealthy.contains(alert);
      if (scenario == null) {
        alertChecks.add(new AlertCheck(alert, "(none)", quiet, false, false, false, -1,
            List.of("the workload has no fault scenario for this alert")));
        continue;
      }
      Instant start = Instant.now();
      workload.startScenario(scenario);
      try {
        alertChecks.add(alerts.awaitFiring(alert, scenario, quiet, start, alertTimeout));
      } finally {
        workload.endScenario(scenario);
      }
    }

    RunReport report = new RunReport("durobs end-to-end validation", started,
        Duration.between(started, Instant.now()).toSeconds(), dashboards, alertChecks, metrics, notes);
    Path html = ReportWriter.write(report, reportDir);
    progress.line("report: " + html);
    progress.line(report.summaryLine());
    return report;
  }

  private List<DashboardResult> checkDashboards(PrometheusClient prometheus) {
    Map<String, QueryBackend> backends = new LinkedHashMap<>();
    List<Dashboard> dashboards = new ArrayList<>();
    Map<String, String> known = Map.of("prometheus", "prometheus", "loki", "loki");
    if (stack.grafanaUrl().isPresent()) {
      GrafanaClient grafana = new GrafanaClient(stack.grafanaUrl().get(), ContainerStack.GRAFANA_USER,
          ContainerStack.GRAFANA_PASSWORD);
      grafana.dashboardUids().forEach(uid -> dashboards.add(grafana.dashboard(uid)));
      backends.put("prometheus", new GrafanaBackend(grafana, "prometheus"));
      backends.put("loki", new GrafanaBackend(grafana, "loki"));
    } else {
      try (Stream<Path> s = Files.list(dashboardsDir)) {
        s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> dashboards.add(DashboardReader.read(p)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dashboardsDir, e);
      }
      backends.put("prometheus", new PrometheusBackend(prometheus));
      backends.put("loki", new io.durobs.harness.logs.LogRecordBackend(stack::logRecords));
    }
    CheckOptions options = CheckOptions.builder().now(Instant.now()).scrapeInterval(PrometheusConfig.INTERVAL)
        .lookback(Duration.ofHours(1)).datasources(DatasourceTypes.of(known)).build();
    DashboardChecker checker = new DashboardChecker(prometheus, backends, options, progress);
    List<DashboardResult> out = new ArrayList<>();
    for (Dashboard d : dashboards) {
      out.add(checker.check(d));
    }
    return out;
  }

}
