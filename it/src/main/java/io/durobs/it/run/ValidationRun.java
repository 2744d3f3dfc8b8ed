package io.durobs.it.run;

import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.it.alerts.AlertCheck;
import io.durobs.it.alerts.AlertChecker;
import io.durobs.it.alerts.AlertmanagerClient;
import io.durobs.it.alerts.ScenarioCheck;
import io.durobs.it.alerts.WebhookReceiver;
import io.durobs.it.catalogue.CatalogueCheck;
import io.durobs.it.catalogue.MetricCheck;
import io.durobs.it.check.CheckOptions;
import io.durobs.it.check.DashboardChecker;
import io.durobs.it.check.DashboardResult;
import io.durobs.it.check.GrafanaBackend;
import io.durobs.it.check.ProgressListener;
import io.durobs.it.check.PrometheusBackend;
import io.durobs.it.check.QueryBackend;
import io.durobs.it.grafana.DatasourceTypes;
import io.durobs.it.grafana.GrafanaClient;
import io.durobs.it.logs.LogRecordBackend;
import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.report.ReportWriter;
import io.durobs.it.report.RunReport;
import io.durobs.it.stack.ContainerStack;
import io.durobs.it.stack.HarnessRules;
import io.durobs.it.stack.StackLauncher;
import io.durobs.toolkit.grafana.read.DashboardFile;
import io.durobs.toolkit.grafana.read.DashboardReader;
import io.durobs.toolkit.tools.Readiness;
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
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * One end-to-end validation on a started stack:
 * <ol>
 *   <li>every engine of the workload starts under a healthy load; once each one's data is in
 *       Prometheus and the stack is quiet, the alerts are watched for the healthy window, in
 *       which none may fire for any job;</li>
 *   <li>then, all at the same time: the catalogue engine goes through every path of the
 *       catalogue, the run waits until every catalogue metric and label value has reached
 *       Prometheus and runs every dashboard panel and target (through Grafana when the launcher
 *       runs it, else with Grafana's semantics against Prometheus and the collector's log
 *       records), diagnosing each empty one; and each fault scenario that is not global drives
 *       its own engine (or, for the logs backend taken away, the collector) until its alerts have
 *       fired for its job in Prometheus, reached Alertmanager and the webhook. Every other alert that starts firing meanwhile is
 *       attributed by its job: to that job's scenario (a consequence or unexpected), and for the
 *       healthy engine's job (or any job no scenario owns) it fails the run;</li>
 *   <li>each global scenario (the collector taken away) runs alone, its alerts counting for any
 *       job;</li>
 *   <li>the report (HTML and JSON) is written and its summary line printed.</li>
 * </ol>
 */
public final class ValidationRun {

  /**
   * The least pause before a global scenario: what the concurrent ones exported last reaches the
   * rules within about a scrape and an evaluation, and must not be taken for its doing.
   */
  private static final Duration IN_FLIGHT = Duration.ofSeconds(5);
  /** How old the youngest catalogue series must be before the dashboards are read. */
  private static final Duration SERIES_AGE = Duration.ofSeconds(20);

  private final StackLauncher stack;
  private final Workload workload;
  private final WebhookReceiver webhook;
  private final Path dashboardsDir;
  private final Path reportDir;
  private final String datasourceScrapeInterval;
  private final ProgressListener progress;
  private final Duration healthyWindow;
  private final Duration dataTimeout;
  private final Duration scenarioTimeout;

  private ValidationRun(Builder b) {
    this.stack = b.stack;
    this.workload = b.workload;
    this.webhook = b.webhook;
    this.dashboardsDir = b.dashboardsDir;
    this.reportDir = b.reportDir;
    this.datasourceScrapeInterval = b.datasourceScrapeInterval;
    this.progress = b.progress;
    this.healthyWindow = b.healthyWindow;
    this.dataTimeout = b.dataTimeout;
    this.scenarioTimeout = b.scenarioTimeout;
  }

  /** A builder for a run on {@code stack} driving {@code workload}. */
  public static Builder builder(StackLauncher stack, Workload workload, WebhookReceiver webhook) {
    return new Builder(stack, workload, webhook);
  }

  /** What the catalogue side of the concurrent phase found. */
  private record CatalogueSide(List<MetricCheck> metrics, List<DashboardResult> dashboards) {}

  /** Runs the validation and writes the report; the workload is left running (the caller closes it). */
  public RunReport run() {
    Instant started = Instant.now();
    List<String> notes = java.util.Collections.synchronizedList(new ArrayList<>());
    PrometheusClient prometheus = PrometheusClient.of(stack.prometheusUrl());
    AlertChecker alerts = new AlertChecker(prometheus, new AlertmanagerClient(stack.alertmanagerUrl()),
        webhook, progress);

    Set<String> activeWhenHealthy = healthyPhase(prometheus, alerts, started, notes);
    // the catalogue and the dashboards on a thread of their own, the scenarios followed on this one
    Instant concurrentStart = Instant.now();
    ExecutorService side = Executors.newSingleThreadExecutor(r -> new Thread(r, "validation-catalogue"));
    List<String> stray = new ArrayList<>();
    List<ScenarioCheck> scenarios = new ArrayList<>();
    CatalogueSide catalogue;
    try {
      Future<CatalogueSide> catalogueSide = side.submit(() -> {
        List<MetricCheck> metrics = cataloguePhase(prometheus, started, notes);
        // a rate over the youngest series needs a few scrapes to have two samples
        Readiness.pause(SERIES_AGE.toMillis());
        return new CatalogueSide(metrics, checkDashboards(prometheus));
      });
      scenarios.addAll(concurrentScenarios(alerts, activeWhenHealthy, stray));
      catalogue = join(catalogueSide);
    } finally {
      side.shutdownNow();
    }
    notes.add("catalogue, dashboards and concurrent scenarios took " + since(concurrentStart) + " s");
    alerts.unhealthyRules().forEach(r -> notes.add("rule evaluation error: " + r));
    scenarios.addAll(globalScenarios(alerts, activeWhenHealthy, notes));

    List<AlertCheck> alertChecks = new ArrayList<>();
    Set<String> covered = new TreeSet<>();
    for (ScenarioCheck s : scenarios) {
      alertChecks.addAll(s.alerts());
      s.alerts().forEach(a -> covered.add(a.alert()));
    }
    alertChecks.add(alerts.awaitWatchdog(Duration.ofSeconds(30)));
    covered.add(AlertChecker.WATCHDOG);
    List<String> notLive = new ArrayList<>();
    for (String alert : alerts.alertNames()) {
      String reason = workload.alertsNotDrivenLive().get(alert);
      if (covered.contains(alert)) {
        continue;
      }
      if (reason != null && !activeWhenHealthy.contains(alert)) {
        // Reported apart, never as fired: the promtool alert matrix is its only proof.
        notLive.add(alert);
        notes.add("not driven live: " + alert + " (" + reason + ")");
      } else {
        alertChecks.add(new AlertCheck(alert, "(none)", !activeWhenHealthy.contains(alert), false,
            false, false, -1, List.of("the workload has no fault scenario for this alert")));
      }
    }
    // an alert of the healthy engine's job during the scenarios is one under healthy load too
    List<String> notHealthy = new ArrayList<>(activeWhenHealthy);
    notHealthy.addAll(stray);
    RunReport report = new RunReport("durobs end-to-end validation", started, since(started),
        catalogue.dashboards(), alertChecks, scenarios, notHealthy, catalogue.metrics(),
        List.copyOf(notes), notLive);
    Path html = ReportWriter.write(report, reportDir);
    progress.line("report: " + html);
    progress.line(report.summaryLine());
    return report;
  }

  private static <T> T join(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the catalogue phase", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new IllegalStateException("the catalogue phase failed: " + e.getCause(), e.getCause());
    }
  }

  /** Starts every engine under healthy load and returns the alerts that fired while they ran. */
  private Set<String> healthyPhase(PrometheusClient prometheus, AlertChecker alerts, Instant started,
      List<String> notes) {
    workload.startHealthy(stack);
    List<String> jobs = workload.jobs();
    progress.line("healthy phase: " + jobs.size() + " engines started under a steady healthy load: " + jobs);
    awaitData("every engine's first export", () -> {
      Set<String> reporting = new TreeSet<>();
      prometheus.query("group by (job) (" + MetricCatalogue.DISPATCHER_SLOTS.prometheusName() + ")",
          Instant.now()).series().forEach(x -> reporting.add(x.labels().getOrDefault("job", "")));
      return reporting.containsAll(jobs);
    });
    notes.add("every engine's data in Prometheus " + since(started) + " s after the start");
    // alerts about the missing engines, raised before their first export, clear first
    Set<String> notQuiet = alerts.awaitQuiet(Duration.ofSeconds(60));
    if (!notQuiet.isEmpty()) {
      notes.add("still active when the healthy window began: " + notQuiet);
    }
    progress.line("healthy phase: watching the alerts of every job for " + healthyWindow.toSeconds() + " s");
    Set<String> pendingWhenHealthy = new TreeSet<>();
    Set<String> fired = alerts.observe(healthyWindow, Duration.ofSeconds(2), pendingWhenHealthy);
    progress.line("alerts fired in the healthy phase: " + (fired.isEmpty() ? "none" : fired));
    if (!pendingWhenHealthy.isEmpty()) {
      notes.add("pending for a moment in the healthy phase (never fired): " + pendingWhenHealthy);
    }
    return fired;
  }

  /** Runs every catalogue path and waits until every metric and label value is in Prometheus. */
  private List<MetricCheck> cataloguePhase(PrometheusClient prometheus, Instant started, List<String> notes) {
    progress.line("catalogue phase: every engine path, store faults included (job " + workload.catalogueJob() + ")");
    Instant catalogueStart = Instant.now();
    workload.runCatalogue();
    notes.add("catalogue phase took " + since(catalogueStart) + " s");
    CatalogueCheck catalogue = new CatalogueCheck(prometheus);
    List<List<MetricCheck>> last = new ArrayList<>(List.of(List.of()));
    try {
      awaitData("every catalogue metric and label value in Prometheus", () -> {
        last.set(0, catalogue.check(started.minus(Duration.ofMinutes(1)), Instant.now(), workload.catalogueJob()));
        return last.get(0).stream().allMatch(m -> m.present() && m.valuesSeen() == m.valuesExpected());
      });
      notes.add("catalogue complete in Prometheus " + since(catalogueStart) + " s after the catalogue phase began");
    } catch (IllegalStateException e) {
      notes.add(e.getMessage()); // the report lists what is missing
    }
    return last.get(0);
  }

  /**
   * Starts every scenario that is not global at once, each on its own engine, and follows them
   * until each one's alerts have gone all the way (ending its fault as soon as they have), or
   * its timeout.
   */
  private List<ScenarioCheck> concurrentScenarios(AlertChecker alerts, Set<String> activeWhenHealthy,
      List<String> stray) {
    Map<String, Scenario> byName = new LinkedHashMap<>();
    List<AlertChecker.Watch> watches = new ArrayList<>();
    for (Scenario s : workload.scenarios()) {
      if (s.global()) {
        continue;
      }
      byName.put(s.name(), s);
      progress.line("scenario " + s.name() + " (job " + workload.jobOf(s) + "): must fire " + s.fires());
      Instant start = Instant.now();
      workload.startScenario(s);
      watches.add(new AlertChecker.Watch(s.name(), workload.jobOf(s), s.fires(), s.consequences(), start,
          timeoutFor(s)));
    }
    // each fault ends on a thread of its own: ending one waits for its instances to drain
    ExecutorService ending = Executors.newFixedThreadPool(Math.max(1, byName.size()),
        r -> new Thread(r, "validation-scenario-end"));
    List<Future<?>> ends = new ArrayList<>();
    try {
      List<ScenarioCheck> out = alerts.awaitScenarios(watches, activeWhenHealthy,
          Set.of(workload.catalogueJob()), stray,
          name -> ends.add(ending.submit(() -> workload.endScenario(byName.get(name)))));
      ends.forEach(ValidationRun::join);
      return out;
    } finally {
      ending.shutdownNow();
    }
  }

  /** Runs each global scenario alone, once what the others left in flight has settled. */
  private List<ScenarioCheck> globalScenarios(AlertChecker alerts, Set<String> activeWhenHealthy,
      List<String> notes) {
    List<ScenarioCheck> out = new ArrayList<>();
    for (Scenario s : workload.scenarios()) {
      if (!s.global()) {
        continue;
      }
      Set<String> left = alerts.settle(IN_FLIGHT, Duration.ofSeconds(30));
      if (!left.isEmpty()) {
        notes.add("before scenario " + s.name() + ", still pending: " + left);
      }
      progress.line("scenario " + s.name() + " (every job): must fire " + s.fires());
      Instant start = Instant.now();
      workload.startScenario(s);
      try {
        out.add(alerts.awaitScenarios(List.of(new AlertChecker.Watch(s.name(), null, s.fires(),
            s.consequences(), start, timeoutFor(s))), activeWhenHealthy, Set.of(workload.catalogueJob()),
            new ArrayList<>(), name -> { }).get(0));
      } finally {
        workload.endScenario(s);
      }
    }
    return out;
  }

  /**
   * The scenario timeout, or longer for an alert that holds longer at the harness's timing plus a
   * minute for its condition to set in.
   */
  private Duration timeoutFor(Scenario s) {
    Duration longest = Duration.ZERO;
    for (String alert : s.fires()) {
      Duration hold = HarnessRules.holdFor(alert);
      longest = hold.compareTo(longest) > 0 ? hold : longest;
    }
    Duration needed = longest.plus(Duration.ofMinutes(1));
    return needed.compareTo(scenarioTimeout) > 0 ? needed : scenarioTimeout;
  }

  private void awaitData(String what, java.util.function.BooleanSupplier check) {
    Instant deadline = Instant.now().plus(dataTimeout);
    while (!check.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("gave up after " + dataTimeout.toSeconds() + " s waiting for " + what);
      }
      Readiness.pause(1000);
    }
  }

  private static long since(Instant t) {
    return Duration.between(t, Instant.now()).toSeconds();
  }

  private List<DashboardResult> checkDashboards(PrometheusClient prometheus) {
    Map<String, QueryBackend> backends = new LinkedHashMap<>();
    List<DashboardFile> dashboards = new ArrayList<>();
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
      backends.put("loki", new LogRecordBackend(stack::logRecords));
    }
    CheckOptions options = CheckOptions.builder().now(Instant.now()).scrapeInterval(datasourceScrapeInterval)
        .lookback(Duration.ofHours(1)).datasources(DatasourceTypes.of(known)).build();
    DashboardChecker checker = new DashboardChecker(prometheus, backends, options, progress);
    List<DashboardResult> out = new ArrayList<>();
    for (DashboardFile d : dashboards) {
      out.add(checker.check(d));
    }
    return out;
  }

  /** Builds a {@link ValidationRun}. */
  public static final class Builder {
    private final StackLauncher stack;
    private final Workload workload;
    private final WebhookReceiver webhook;
    private Path dashboardsDir;
    private Path reportDir;
    private String datasourceScrapeInterval;
    private ProgressListener progress = ProgressListener.console();
    private Duration healthyWindow = Duration.ofSeconds(30);
    private Duration dataTimeout = Duration.ofSeconds(90);
    private Duration scenarioTimeout = Duration.ofMinutes(3);

    private Builder(StackLauncher stack, Workload workload, WebhookReceiver webhook) {
      this.stack = Objects.requireNonNull(stack, "stack");
      this.workload = Objects.requireNonNull(workload, "workload");
      this.webhook = Objects.requireNonNull(webhook, "webhook");
    }

    /** The dashboards' JSON files (read when the launcher runs no Grafana). */
    public Builder dashboards(Path dir) {
      this.dashboardsDir = dir;
      return this;
    }

    /** Where {@code report.html} and {@code report.json} are written. */
    public Builder reportDir(Path dir) {
      this.reportDir = dir;
      return this;
    }

    /**
     * The Prometheus data source's scrape interval ({@code jsonData.timeInterval}), from which
     * {@code $__rate_interval} is computed as Grafana does.
     */
    public Builder datasourceScrapeInterval(String interval) {
      this.datasourceScrapeInterval = interval;
      return this;
    }

    /** Where progress lines go (default: the console). */
    public Builder progress(ProgressListener progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** How long the alerts are watched under healthy load (default 30 s). */
    public Builder healthyWindow(Duration window) {
      this.healthyWindow = window;
      return this;
    }

    /** How long to wait for the engine's data and the complete catalogue (default 90 s). */
    public Builder dataTimeout(Duration timeout) {
      this.dataTimeout = timeout;
      return this;
    }

    /** How long a scenario may take to fire its alerts (default 3 min). */
    public Builder scenarioTimeout(Duration timeout) {
      this.scenarioTimeout = timeout;
      return this;
    }

    /** The run. */
    public ValidationRun build() {
      Objects.requireNonNull(dashboardsDir, "dashboards");
      Objects.requireNonNull(reportDir, "reportDir");
      return new ValidationRun(this);
    }
  }
}
