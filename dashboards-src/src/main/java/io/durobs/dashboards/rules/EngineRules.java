package io.durobs.dashboards.rules;

import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVE_ORCHESTRATIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_CONFIGURATION_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_INFRASTRUCTURE_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_NAME;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_ITEMS_FETCHED;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_SLOTS;
import static io.durobs.engine.catalogue.MetricCatalogue.ERROR_KIND;
import static io.durobs.engine.catalogue.MetricCatalogue.OPERATION;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_COMPLETIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_CONFIGURATION_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_INFRASTRUCTURE_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_NAME;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATOR_QUEUE_DEPTH;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_OPERATION_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.QUEUE;
import static io.durobs.engine.catalogue.MetricCatalogue.QUEUE_WAIT_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.SLOT_STATE;
import static io.durobs.engine.catalogue.MetricCatalogue.STATE;
import static io.durobs.engine.catalogue.MetricCatalogue.STATUS;
import static io.durobs.engine.catalogue.MetricCatalogue.STORE_ERROR_TYPE;
import static io.durobs.engine.catalogue.MetricCatalogue.WORKER_QUEUE_DEPTH;
import static io.durobs.toolkit.promql.PromQl.absent;
import static io.durobs.toolkit.promql.PromQl.external;
import static io.durobs.toolkit.promql.PromQl.group;
import static io.durobs.toolkit.promql.PromQl.histogramQuantile;
import static io.durobs.toolkit.promql.PromQl.increase;
import static io.durobs.toolkit.promql.PromQl.max;
import static io.durobs.toolkit.promql.PromQl.metric;
import static io.durobs.toolkit.promql.PromQl.rate;
import static io.durobs.toolkit.promql.PromQl.recorded;
import static io.durobs.toolkit.promql.PromQl.sum;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.config.ContentConfig.BurnRate;
import io.durobs.dashboards.config.Wording;
import io.durobs.engine.catalogue.Label;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.stack.AlertmanagerConfig;
import io.durobs.stack.PrometheusConfig;
import io.durobs.toolkit.promql.Expr;
import io.durobs.toolkit.promql.PromDuration;
import io.durobs.toolkit.promql.PromQl;
import io.durobs.toolkit.promql.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's alert and recording rules for one {@link ContentConfig}.
 *
 * <p>Rules are job-agnostic: they aggregate {@code by (job, ...)} so one Prometheus can watch
 * several engine deployments (different {@code service.name}s). The default thresholds come from
 * the seed's documentation where it gave one (failure rate above 5 %, p99 activity time above
 * 60 s, store p95 above 500 ms, more than 10 infrastructure errors a minute) and from the 95 %
 * success objective it names; the multi-window burn-rate alerts follow the SRE workbook
 * (14.4×/6× page, 3×/1× ticket). Each rule is one method; the rule is built anew on each call.
 */
public final class EngineRules {

  /**
   * The Prometheus scrape job of the OpenTelemetry Collector's {@code prometheus} exporter;
   * {@code up} of this job is the pipeline's pulse.
   */
  public static final String COLLECTOR_SCRAPE_JOB = PrometheusConfig.EXPORTER_JOB;

  /** Window of "did it happen lately" alerts (configuration errors, poison). */
  private static final String RECENTLY = "10m";
  /**
   * The window of the engine's heartbeat: every engine process refreshes its gauges at least
   * every 15 s (a {@code refresh_gauges} store call) and exports at least every 60 s, so two
   * minutes without a new refresh means the process is gone or cannot export.
   */
  private static final String HEARTBEAT = "2m";
  /**
   * How long a job that stopped reporting is remembered: {@code DuroxideEngineAbsent} fires for
   * it this long (silence it when a deployment is removed on purpose).
   */
  private static final String JOB_MEMORY = "1d";

  private final ContentConfig config;

  private EngineRules(ContentConfig config) {
    this.config = config;
  }

  /** The rules of this configuration. */
  public static EngineRules of(ContentConfig config) {
    return new EngineRules(Objects.requireNonNull(config, "config"));
  }

  /** The configuration the rules are built from. */
  public ContentConfig config() {
    return config;
  }

  // ---- recording rules: what the panels and alerts read most -------------------------------

  /** Orchestration duration buckets per instance and orchestration, rate over the rule window. */
  public RecordingRule orchestrationDurationRate() {
    return bucketRate(ORCHESTRATION_DURATION, ORCHESTRATION_NAME);
  }

  /** Activity duration buckets per instance and activity, rate over the rule window. */
  public RecordingRule activityDurationRate() {
    return bucketRate(ACTIVITY_DURATION, ACTIVITY_NAME);
  }

  /** Store call duration buckets per instance and operation, rate over the rule window. */
  public RecordingRule storeDurationRate() {
    return bucketRate(PROVIDER_OPERATION_DURATION, OPERATION);
  }

  /** Queue wait buckets per instance and queue, rate over the rule window. */
  public RecordingRule queueWaitRate() {
    return bucketRate(QUEUE_WAIT_DURATION, QUEUE);
  }

  /** The failure ratio of finished executions per job over each SLO window. */
  public List<RecordingRule> failureRatios() {
    return config.sloWindows().stream().map(this::failureRatio).toList();
  }

  /**
   * The recording rule of a window of the SLO failure ratio.
   *
   * @throws IllegalArgumentException when the window is not one of the SLO windows
   */
  public RecordingRule failureRatio(String window) {
    if (!config.sloWindows().contains(window)) {
      throw new IllegalArgumentException("no failure ratio over " + window + "; windows: "
          + config.sloWindows());
    }
    return new RecordingRule(failureRatioRecord(window), failureRatioBy(window));
  }

  /**
   * The failure ratio over the whole error-budget period
   * ({@link ContentConfig#errorBudgetWindow()}), which the budget-remaining panel reads.
   */
  public RecordingRule budgetFailureRatio() {
    String window = config.errorBudgetWindow();
    return new RecordingRule(failureRatioRecord(window), failureRatioBy(window));
  }

  /** The recording rule name for a failure ratio window. */
  public static String failureRatioRecord(String window) {
    return "job:" + baseName(ORCHESTRATION_COMPLETIONS) + ":failure_ratio_rate" + window;
  }

  // ---- alerts -------------------------------------------------------------------------------

  /** Failed / (succeeded + failed) above the threshold for one orchestration. */
  public AlertRule orchestrationFailureRate() {
    String threshold = Wording.percent(config.failureRatioThreshold()) + "%";
    Selector finished = engine(ORCHESTRATION_COMPLETIONS).whereIn(STATUS, "success", "failed");
    // the minimum-traffic guard: one failure in two executions is no signal
    Expr traffic = sum(rate(finished, config.ruleRateWindow())).by("job", ORCHESTRATION_NAME)
        .times(60).ge(config.failureRateMinimumPerMinute());
    return AlertRule.named("DuroxideOrchestrationFailureRateHigh")
        .when(failureRatioBy(config.ruleRateWindow(), ORCHESTRATION_NAME)
            .gt(config.failureRatioThreshold().doubleValue()).and(traffic))
        .holdFor("10m").severity(Severity.WARNING)
        .summary("Orchestration executions are failing at more than " + threshold + ".")
        .description("{{ $value | humanizePercentage }} of the {{ $labels.orchestration_name }} "
            + "executions that finished on {{ $labels.job }} in the last "
            + Wording.window(config.ruleRateWindow()) + " failed (threshold " + threshold + ").")
        .runbook("An orchestration type fails more often than usual. Cancelled and continued-as-new "
            + "executions are not counted, and an orchestration finishing fewer than "
            + config.failureRateMinimumPerMinute() + " executions a minute does not alert (too "
            + "few to tell a rate). The error-budget alerts watch the whole job. Check the Production dashboard's errors row for the "
            + "error class (`error_type`: application, infrastructure, configuration, poison) and "
            + "the Logs dashboard for the failing instances (drill down by `instance_id`). "
            + "Application errors point at the orchestration's or activities' code or their "
            + "inputs; infrastructure errors at the store.")
        .build();
  }

  /**
   * The paging burn-rate alerts (SRE workbook, chapter 5): one alert per window pair, each with
   * its own hold time and the pair in its {@code long_window}/{@code short_window} labels.
   */
  public List<AlertRule> pageBurns() {
    return config.pageBurnRates().stream().map(r -> burn(r, Severity.CRITICAL)).toList();
  }

  /** The ticketing burn-rate alerts: one per window pair, as {@link #pageBurns()}. */
  public List<AlertRule> ticketBurns() {
    return config.ticketBurnRates().stream().map(r -> burn(r, Severity.WARNING)).toList();
  }

  /** Every burn-rate alert, paging first. */
  public List<AlertRule> burns() {
    List<AlertRule> all = new ArrayList<>(pageBurns());
    all.addAll(ticketBurns());
    return List.copyOf(all);
  }

  /** The burn-rate alert of one window pair, named for its long window. */
  private AlertRule burn(BurnRate r, Severity severity) {
    Expr threshold = Expr.number(r.factor().multiply(config.errorBudget()).doubleValue());
    String lasts = r.budgetLastsDays();
    String pair = Wording.abbreviatedWindow(r.longWindow()) + " and "
        + Wording.abbreviatedWindow(r.shortWindow());
    boolean page = severity == Severity.CRITICAL;
    return AlertRule.named("DuroxideOrchestrationErrorBudgetBurn" + r.longWindow())
        .when(recorded(failureRatioRecord(r.longWindow())).gt(threshold)
            .and(recorded(failureRatioRecord(r.shortWindow())).gt(threshold)))
        .holdFor(r.holdFor()).severity(severity)
        .label("long_window", r.longWindow()).label("short_window", r.shortWindow())
        .summary("Orchestrations are burning the " + objectivePercent() + " success objective's "
            + "error budget " + Wording.number(r.factor()) + " times too fast (over "
            + r.longWindow() + ").")
        .description("{{ $labels.job }}: {{ $value | humanizePercentage }} of finished executions "
            + "failed over " + r.longWindow() + " (and over " + r.shortWindow() + "), above "
            + Wording.number(r.factor()) + "x the error budget of the " + objectivePercent()
            + " success objective: at this rate a 30-day budget lasts " + lasts + " days.")
        .runbook((page ? "Paging" : "Ticketing") + " burn-rate alert (SRE workbook): the failure "
            + "ratio over " + pair + " is above " + Wording.number(r.factor()) + " times the error "
            + "budget (" + budgetPercent() + " %). The short window makes the alert stop soon after "
            + "the failures stop; the labels `long_window` and `short_window` name the pair. "
            + (page ? "Look at the failure classes on the Production dashboard, recent deployments "
                + "(configuration errors), and the store (infrastructure errors)."
                : "Not urgent, but the objective will be missed if nothing changes: find the "
                + "orchestration types that fail most on the Production dashboard."))
        .build();
  }

  /** p99 activity wall time above the threshold. */
  public AlertRule activitySlow() {
    Duration threshold = config.activityP99Threshold();
    return AlertRule.named("DuroxideActivitySlow")
        .when(histogramQuantile(0.99, sum(recorded(activityDurationRate().record()))
            .by("job", ACTIVITY_NAME, "le")).gt(Wording.seconds(threshold)))
        .holdFor("10m").severity(Severity.WARNING)
        .summary("An activity's p99 duration is above " + Wording.longDuration(threshold) + ".")
        .description("The p99 duration of activity {{ $labels.activity_name }} on {{ $labels.job }} "
            + "is {{ $value | humanizeDuration }} (threshold " + Wording.shortDuration(threshold)
            + ").")
        .runbook("One activity's slowest 1 % of attempts take over " + Wording.spoken(threshold)
            + ". Activities hold a worker slot and a lock that must be renewed; slow ones "
            + "reduce capacity and risk lock loss. Check what the activity calls (external "
            + "services, the database) and whether the worker queue is backing up.")
        .build();
  }

  /** p95 store call latency above the threshold. */
  public AlertRule storeLatency() {
    Duration threshold = config.storeP95Threshold();
    return AlertRule.named("DuroxideStoreLatencyHigh")
        .when(histogramQuantile(0.95, sum(recorded(storeDurationRate().record()))
            .by("job", OPERATION, "le")).gt(Wording.seconds(threshold)))
        .holdFor("10m").severity(Severity.WARNING)
        .summary("A store operation's p95 latency is above " + Wording.longDuration(threshold) + ".")
        .description("The p95 latency of store operation {{ $labels.operation }} on "
            + "{{ $labels.job }} is {{ $value | humanizeDuration }} (threshold "
            + Wording.shortDuration(threshold) + ").")
        .runbook("Every turn and every activity goes through the store (Postgres). Check the "
            + "database: CPU, locks (`pg_stat_activity`), connection pool saturation, vacuum, and "
            + "the size of the queue tables.")
        .build();
  }

  /** Infrastructure errors while processing turns above the threshold a minute. */
  public AlertRule orchestrationInfrastructureErrors() {
    int threshold = config.infrastructureErrorsPerMinute();
    return AlertRule.named("DuroxideOrchestrationInfrastructureErrors")
        .when(perMinute(ORCHESTRATION_INFRASTRUCTURE_ERRORS, OPERATION).gt(threshold))
        .holdFor("5m").severity(Severity.WARNING)
        .summary("Turns are hitting more than " + threshold + " infrastructure errors a minute.")
        .description("{{ $value | humanize }} infrastructure errors a minute in "
            + "{{ $labels.operation }} while processing turns on {{ $labels.job }} (threshold "
            + threshold + ").")
        .runbook("History loads or acks fail on the store. Turns are retried, so work continues, "
            + "but slower. Check the store errors by class on the Production dashboard "
            + "(connection, timeout, serialization, deadlock) and the database's health.")
        .build();
  }

  /** Infrastructure errors around activities above the threshold a minute. */
  public AlertRule activityInfrastructureErrors() {
    int threshold = config.infrastructureErrorsPerMinute();
    return AlertRule.named("DuroxideActivityInfrastructureErrors")
        .when(perMinute(ACTIVITY_INFRASTRUCTURE_ERRORS, ACTIVITY_NAME).gt(threshold))
        .holdFor("5m").severity(Severity.WARNING)
        .summary("Activities are hitting more than " + threshold + " infrastructure errors a "
            + "minute.")
        .description("{{ $value | humanize }} infrastructure errors a minute around activity "
            + "{{ $labels.activity_name }} on {{ $labels.job }} (threshold " + threshold + ").")
        .runbook("Activity acks fail or activity locks are lost. A lost lock means the activity "
            + "may run again on another worker. Check store errors and whether activities outlive "
            + "their lock (slow activities, paused workers).")
        .build();
  }

  /** Failed store calls above the threshold a minute. */
  public AlertRule storeErrors() {
    int threshold = config.infrastructureErrorsPerMinute();
    return AlertRule.named("DuroxideStoreErrors")
        .when(perMinute(PROVIDER_ERRORS, STORE_ERROR_TYPE).gt(threshold))
        .holdFor("5m").severity(Severity.WARNING)
        .summary("Store calls are failing more than " + threshold + " times a minute.")
        .description("{{ $value | humanize }} store calls a minute fail with "
            + "{{ $labels.error_type }} errors on {{ $labels.job }} (threshold " + threshold + ").")
        .runbook("Failed store calls classified by SQLSTATE. `connection`: the database is "
            + "unreachable or the pool is exhausted; `timeout`: statements time out; "
            + "`serialization` and `deadlock`: contention between engine processes; "
            + "`constraint`: a bug, report it.")
        .build();
  }

  /** Any orchestration configuration error (nondeterminism, unregistered code). */
  public AlertRule configurationErrors() {
    return AlertRule.named("DuroxideConfigurationErrors")
        .when(occurred(ORCHESTRATION_CONFIGURATION_ERRORS, ORCHESTRATION_NAME, ERROR_KIND))
        .severity(Severity.CRITICAL)
        .summary("An orchestration hit a configuration error such as nondeterminism.")
        .description("{{ $labels.orchestration_name }} on {{ $labels.job }} hit "
            + "{{ $labels.error_kind }} in the last " + Wording.window(RECENTLY) + ".")
        .runbook("Configuration errors do not heal by retrying. `nondeterminism`: the "
            + "orchestration's code changed in a way that no longer replays its history (deploy "
            + "a new version instead of changing the old one); `unregistered_orchestration` / "
            + "`unregistered_activity`: a process runs without the code the work needs "
            + "(mixed deployments); `version_not_found`: the requested version is not registered.")
        .build();
  }

  /** Any activity scheduled but not registered. */
  public AlertRule activityConfigurationErrors() {
    return AlertRule.named("DuroxideActivityConfigurationErrors")
        .when(occurred(ACTIVITY_CONFIGURATION_ERRORS, ACTIVITY_NAME))
        .severity(Severity.CRITICAL)
        .summary("An activity was scheduled but is not registered on the worker.")
        .description("Activity {{ $labels.activity_name }} is not registered on a worker of "
            + "{{ $labels.job }} (seen in the last " + Wording.window(RECENTLY) + ").")
        .runbook("A worker took an activity it has no code for. Usually a rolling deployment "
            + "with old and new processes, or a typo in the activity name. Check which processes "
            + "run which version.")
        .build();
  }

  /** Orchestration work given up as poison. */
  public AlertRule orchestrationPoisoned() {
    return AlertRule.named("DuroxideOrchestrationPoisoned")
        .when(occurred(ORCHESTRATION_POISON, ORCHESTRATION_NAME))
        .severity(Severity.WARNING)
        .summary("Orchestration work failed as poison after the attempt limit.")
        .description("A message of {{ $labels.orchestration_name }} on {{ $labels.job }} was given "
            + "up as poison in the last " + Wording.window(RECENTLY) + ".")
        .runbook("A turn failed on every attempt and the engine stopped retrying it; the "
            + "orchestration failed with error class poison. Find the instance in the Logs "
            + "dashboard (errors panel) and look at why its turns crash.")
        .build();
  }

  /** Activity work given up as poison. */
  public AlertRule activityPoisoned() {
    return AlertRule.named("DuroxideActivityPoisoned")
        .when(occurred(ACTIVITY_POISON, ACTIVITY_NAME))
        .severity(Severity.WARNING)
        .summary("Activity work failed as poison after the attempt limit.")
        .description("An attempt of activity {{ $labels.activity_name }} on {{ $labels.job }} was "
            + "given up as poison in the last " + Wording.window(RECENTLY) + ".")
        .runbook("An activity's work item was abandoned on every attempt (crashes, lost locks) "
            + "and the engine stopped retrying it. Look at the activity's logs and at worker "
            + "restarts.")
        .build();
  }

  /** The orchestrator queue has been long for a while. */
  public AlertRule orchestratorBacklog() {
    return backlog("DuroxideOrchestratorQueueBacklog", ORCHESTRATOR_QUEUE_DEPTH,
        "orchestrator", "orchestration");
  }

  /** The worker queue has been long for a while. */
  public AlertRule workerBacklog() {
    return backlog("DuroxideWorkerQueueBacklog", WORKER_QUEUE_DEPTH, "worker", "worker");
  }

  /** p95 queue wait (schedule-to-start) above the threshold: the capacity signal. */
  public AlertRule queueWait() {
    Duration threshold = config.queueWaitP95Threshold();
    return AlertRule.named("DuroxideQueueWaitHigh")
        .when(histogramQuantile(0.95, sum(recorded(queueWaitRate().record()))
            .by("job", QUEUE, "le")).gt(Wording.seconds(threshold)))
        .holdFor("10m").severity(Severity.WARNING)
        .summary("Messages wait more than " + Wording.longDuration(threshold) + " in a queue "
            + "before they start.")
        .description("The p95 wait of the {{ $labels.queue }} queue of {{ $labels.job }} is "
            + "{{ $value | humanizeDuration }} (threshold " + Wording.shortDuration(threshold)
            + ").")
        .runbook("Work waits for a free dispatcher slot: the engine lacks capacity (every slot "
            + "busy) or dispatchers stopped fetching. Unlike the backlog depth it stays high while "
            + "a saturated backlog holds steady. Add processes or slots, or find what keeps the "
            + "slots busy (slow activities, store latency).")
        .build();
  }

  /**
   * Instances that should be moving, but nothing was fetched for 15 minutes and either no slot
   * is busy (nothing dispatches) or some dispatcher has no idle slot (its handlers hang: the
   * most common way orchestrations get stuck). A busy slot beside idle ones is a long activity.
   */
  public AlertRule stuck() {
    Expr active = sum(max(engine(ACTIVE_ORCHESTRATIONS)
        .whereIn(STATE, "running", "waiting_for_activity")).by("job", ORCHESTRATION_NAME, STATE))
        .by("job").gt(0);
    Expr fetching = sum(increase(engine(DISPATCHER_ITEMS_FETCHED), "15m")).by("job").gt(0);
    Expr busy = sum(engine(DISPATCHER_SLOTS).where(SLOT_STATE, "busy")).by("job").gt(0);
    Expr saturated = sum(engine(DISPATCHER_SLOTS).where(SLOT_STATE, "idle"))
        .by("job", DISPATCHER).eq(0);
    return AlertRule.named("DuroxideOrchestrationsStuck")
        .when(active.unlessOn(fetching, "job").unlessOn(busy.unlessOn(saturated, "job"), "job"))
        .holdFor("15m").severity(Severity.WARNING)
        .summary("Orchestrations are active but the engine makes no progress.")
        .description("{{ $value }} orchestrations on {{ $labels.job }} are running or waiting for "
            + "an activity, but no dispatcher has fetched work for 15 minutes: either no slot is "
            + "busy, or every slot of a dispatcher is held.")
        .runbook("Instances wait for the engine (ready to run, or an activity queued), yet the "
            + "dispatchers fetch nothing. Every slot of a dispatcher held for 15 minutes: its "
            + "handlers hang (a call without a timeout, a deadlock); take a thread dump of the "
            + "engine process. No slot held: no engine process runs dispatchers (all clients, no "
            + "workers), or dispatching is wedged: check the engine logs, the dispatcher slots "
            + "panel, and locks on the queue tables (messages locked by a dead process become "
            + "visible again when the lock expires).")
        .build();
  }

  /**
   * An engine job stopped reporting: a job seen in the last day whose processes have not
   * refreshed their gauges for two minutes (the heartbeat: the collector keeps exposing a dead
   * process's last values until its series expiry, so a vanishing series would be seen only
   * after it), or no engine series at all. Right for any {@code service.name}.
   */
  public AlertRule engineAbsent() {
    Selector slots = engine(DISPATCHER_SLOTS);
    Expr known = group(Expr.raw("max_over_time(" + slots.range(JOB_MEMORY) + ")")).by("job");
    Expr beating = sum(increase(PromQl.count(PROVIDER_OPERATION_DURATION)
        .with(config.jobSelector()).where(OPERATION, "refresh_gauges"), HEARTBEAT)).by("job").gt(0);
    return AlertRule.named(AlertmanagerConfig.ENGINE_ABSENT)
        .when(known.unlessOn(beating, "job").or(absent(slots)))
        .holdFor("1m").severity(Severity.CRITICAL)
        .summary("An engine job stopped reporting telemetry.")
        .description("{{ if $labels.job }}Job {{ $labels.job }} has not{{ else }}No engine job has"
            + "{{ end }} reported a gauge refresh in the last " + Wording.window(HEARTBEAT) + ": no engine "
            + "process of it is running, or its telemetry does not get through.")
        .runbook("Every engine process refreshes its gauges at least every 15 s and exports them; "
            + "no new refresh for two minutes means no process of the job runs or none can "
            + "export. Check the processes, "
            + "their `OTEL_EXPORTER_OTLP_ENDPOINT` and `OTEL_SERVICE_NAME` (the job is the "
            + "service name), and whether DuroxideTelemetryPipelineBroken fires too (it inhibits "
            + "this alert). A job removed on purpose keeps alerting for a day: silence it.")
        .build();
  }

  /** Always fires: the dead man's switch that proves the alerting pipeline end to end. */
  public AlertRule watchdog() {
    return AlertRule.named(AlertmanagerConfig.WATCHDOG)
        .when(Expr.raw("vector(1)"))
        .severity(Severity.INFO)
        .summary("The alerting pipeline works (always firing).")
        .description("This alert always fires. Alertmanager routes it to a dead man's switch, "
            + "which pages when it stops arriving.")
        .runbook("A dead man's switch (kube-prometheus' Watchdog): it always fires, so its "
            + "absence at the receiver means Prometheus, the rules or Alertmanager are down. "
            + "Route it to a service that expects it every few minutes (e.g. Dead Man's Snitch, "
            + "healthchecks.io, PagerDuty's heartbeat).")
        .build();
  }

  /** The collector fails to send metrics or logs (after retries): data is lost. */
  public AlertRule collectorExportFailures() {
    return AlertRule.named("DuroxideCollectorExportFailures")
        .when(sum(either(CollectorSelfMetrics.SEND_FAILED_METRIC_POINTS,
            CollectorSelfMetrics.SEND_FAILED_LOG_RECORDS)).by("job", "instance", "exporter").gt(0))
        .holdFor("5m").severity(Severity.WARNING)
        .summary("The OpenTelemetry Collector fails to export telemetry.")
        .description("Exporter {{ $labels.exporter }} of collector {{ $labels.instance }} fails "
            + "to send {{ $value | humanize }} items a second.")
        .runbook("The collector gave up sending batches after its retries: those log records or "
            + "metric points are lost (logs that stop reaching Loki go unnoticed otherwise). "
            + "Check the exporter's endpoint (Loki's `/otlp`), its availability and the collector "
            + "log for the error.")
        .build();
  }

  /** The collector refuses incoming telemetry (memory limiter) or drops it (queue full). */
  public AlertRule collectorDropping() {
    Expr refused = sum(either(CollectorSelfMetrics.REFUSED_METRIC_POINTS,
        CollectorSelfMetrics.REFUSED_LOG_RECORDS)).by("job", "instance").gt(0);
    Expr dropped = sum(either(CollectorSelfMetrics.ENQUEUE_FAILED_METRIC_POINTS,
        CollectorSelfMetrics.ENQUEUE_FAILED_LOG_RECORDS)).by("job", "instance").gt(0);
    return AlertRule.named("DuroxideCollectorDroppingData")
        .when(refused.or(dropped))
        .holdFor("5m").severity(Severity.WARNING)
        .summary("The OpenTelemetry Collector refuses or drops telemetry.")
        .description("Collector {{ $labels.instance }} refuses or drops {{ $value | humanize }} "
            + "items a second (memory limiter or a full sending queue).")
        .runbook("The receivers refuse data when the memory limiter is over its limit, and "
            + "exporters drop batches when their sending queue is full (the backend is slower "
            + "than the input, or down). Check the collector's memory and its exporters' queues "
            + "(DuroxideCollectorQueueFull).")
        .build();
  }

  /** The share of an exporter's sending queue above which {@link #collectorQueueFull} fires. */
  public static final double COLLECTOR_QUEUE_FULL = 0.8;

  /** An exporter's sending queue is nearly full. */
  public AlertRule collectorQueueFull() {
    return AlertRule.named("DuroxideCollectorQueueFull")
        .when(max(external(CollectorSelfMetrics.QUEUE_SIZE)
                .divOn(external(CollectorSelfMetrics.QUEUE_CAPACITY), "job", "instance", "exporter",
                    "data_type"))
            .by("job", "instance", "exporter").gt(COLLECTOR_QUEUE_FULL))
        .holdFor("5m").severity(Severity.WARNING)
        .summary("An OpenTelemetry Collector exporter's sending queue is over 80 % full.")
        .description("The sending queue of exporter {{ $labels.exporter }} on collector "
            + "{{ $labels.instance }} is {{ $value | humanizePercentage }} full.")
        .runbook("The exporter cannot keep up with its backend (Loki, an OTLP endpoint) or the "
            + "backend is down and batches wait for retries. When the queue is full, new data is "
            + "dropped (DuroxideCollectorDroppingData).")
        .build();
  }

  /** The per-second rate of two collector counters of the same kind (metrics, logs). */
  private static Expr either(String metricsCounter, String logsCounter) {
    return Expr.raw(rate(external(metricsCounter), "5m").text() + " or "
        + rate(external(logsCounter), "5m").text());
  }

  /** Prometheus cannot scrape the collector. */
  public AlertRule pipelineBroken() {
    return AlertRule.named(AlertmanagerConfig.PIPELINE_BROKEN)
        .when(external("up").where("job", COLLECTOR_SCRAPE_JOB).eq(0))
        .holdFor("2m").severity(Severity.CRITICAL)
        .summary("Prometheus cannot scrape the OpenTelemetry Collector.")
        .description("The collector's metrics endpoint {{ $labels.instance }} has been down for 2 "
            + "minutes: no engine metric reaches Prometheus and logs may not reach Loki.")
        .runbook("The engine sends metrics and logs over OTLP to the collector; Prometheus "
            + "scrapes the collector's prometheus exporter. Check that the collector runs, that "
            + "its config loads (its own log), and the network between Prometheus and the "
            + "collector.")
        .build();
  }

  // ---- groups -------------------------------------------------------------------------------

  /**
   * The recording rule groups. The failure ratios over an hour and more (the error-budget
   * period's too) are in their own group,
   * evaluated every {@link ContentConfig#longWindowInterval()}: they move little between two
   * scrapes and are the most expensive rules.
   */
  public List<RuleGroup> recordingGroups() {
    List<Object> histograms = List.of(orchestrationDurationRate(), activityDurationRate(),
        storeDurationRate(), queueWaitRate());
    List<Object> shortRatios = new ArrayList<>();
    List<Object> longRatios = new ArrayList<>();
    for (String w : config.sloWindows()) {
      boolean longWindow = PromDuration.parse(w).compareTo(Duration.ofHours(1)) >= 0;
      (longWindow ? longRatios : shortRatios).add(failureRatio(w));
    }
    if (!config.sloWindows().contains(config.errorBudgetWindow())) {
      longRatios.add(budgetFailureRatio());
    }
    return List.of(new RuleGroup("durobs-histograms", histograms),
        new RuleGroup("durobs-slo", shortRatios),
        new RuleGroup("durobs-slo-long", config.longWindowInterval(), longRatios));
  }

  /** The alert rule groups. */
  public List<RuleGroup> alertGroups() {
    List<Object> orchestrations = new ArrayList<>();
    orchestrations.add(orchestrationFailureRate());
    orchestrations.addAll(burns());
    orchestrations.addAll(List.of(configurationErrors(), orchestrationPoisoned(),
        orchestrationInfrastructureErrors(), stuck()));
    return List.of(
        new RuleGroup("durobs-orchestrations", orchestrations),
        new RuleGroup("durobs-activities", List.of(activitySlow(),
            activityInfrastructureErrors(), activityConfigurationErrors(), activityPoisoned())),
        new RuleGroup("durobs-store", List.of(storeLatency(), storeErrors())),
        new RuleGroup("durobs-capacity", List.of(orchestratorBacklog(), workerBacklog(),
            queueWait())),
        new RuleGroup("durobs-telemetry", List.of(engineAbsent(), pipelineBroken(),
            collectorExportFailures(), collectorDropping(), collectorQueueFull())),
        new RuleGroup("durobs-meta", List.of(watchdog())));
  }

  /** Every alert, in group order. */
  public List<AlertRule> alerts() {
    return alertGroups().stream().flatMap(g -> g.alerts().stream()).toList();
  }

  /** Every recording rule, in group order. */
  public List<RecordingRule> recordings() {
    return recordingGroups().stream().flatMap(g -> g.recordings().stream()).toList();
  }

  /**
   * The series outside the catalogue the rules and dashboards read: the collector's scrape
   * {@code up} and its own metrics ({@link CollectorSelfMetrics}), and Prometheus' {@code ALERTS}
   * (the dashboards' firing-alert annotation) with the labels every alert of these rules has.
   */
  public static Map<String, List<String>> externalSeries() {
    Map<String, List<String>> all = new java.util.TreeMap<>(CollectorSelfMetrics.series());
    all.put("up", List.of("job", "instance"));
    all.put("ALERTS", List.of("alertname", "alertstate", "severity", "job"));
    return java.util.Collections.unmodifiableMap(all);
  }

  // ---- building blocks ----------------------------------------------------------------------

  /** A catalogue metric's series of the engine's jobs. */
  private Selector engine(MetricDefinition metric) {
    return metric(metric).with(config.jobSelector());
  }

  private String objectivePercent() {
    return Wording.percent(config.successObjective()) + "%";
  }

  private String budgetPercent() {
    return Wording.percent(config.errorBudget());
  }

  /**
   * Failed over succeeded-or-failed executions: cancelled executions are not failures and
   * continue-as-new is not an outcome (the seed's success rate counted it, which diluted it).
   */
  private Expr failureRatioBy(String window, Label... by) {
    Object[] labels = byJobAnd(by);
    Selector completions = engine(ORCHESTRATION_COMPLETIONS);
    return sum(rate(completions.where(STATUS, "failed"), window)).by(labels)
        .div(sum(rate(completions.whereIn(STATUS, "success", "failed"), window)).by(labels));
  }

  private RecordingRule bucketRate(MetricDefinition histogram, Label label) {
    Selector b = PromQl.buckets(histogram).with(config.jobSelector());
    String window = config.ruleRateWindow();
    return new RecordingRule("instance:" + b.series() + ":rate" + window,
        sum(rate(b, window)).by("job", "instance", label, "le"));
  }

  private Expr perMinute(MetricDefinition counter, Label label) {
    return sum(rate(engine(counter), config.ruleRateWindow())).by("job", label).times(60);
  }

  /**
   * The counter increased in the last 10 minutes, or its series appeared in that time while its
   * process was reporting. {@code increase()} alone misses a counter's first value (an
   * OpenTelemetry counter exports nothing until its first increment, so the series starts at 1):
   * the first nondeterminism error would never alert. A series that appeared is told from one
   * that came back after a gap in the data (collector or Prometheus outage, a fresh Prometheus)
   * by comparing, per process ({@code instance}), in how many evaluation steps of the window the
   * counter and the process's dispatcher slots (reported at every export) were present: after a
   * gap both miss the same steps; a new error's series misses the steps before it.
   */
  private Expr occurred(MetricDefinition counter, Label... labels) {
    Object[] by = byJobAnd(labels);
    Object[] perInstance = new Object[by.length + 1];
    System.arraycopy(by, 0, perInstance, 0, by.length);
    perInstance[by.length] = "instance";
    Selector s = engine(counter);
    String steps = "count_over_time(" + group(s).by(perInstance).text() + "[" + RECENTLY + ":])";
    String reporting = "count_over_time(" + group(engine(DISPATCHER_SLOTS)).by("job", "instance")
        .text() + "[" + RECENTLY + ":])";
    Expr appeared = Expr.raw(steps + " < on(job, instance) group_left() " + reporting);
    return sum(increase(s, RECENTLY)).by(by).gt(0).or(group(appeared).by(by));
  }

  private AlertRule backlog(String name, MetricDefinition depth, String queue,
      String dispatcher) {
    int threshold = config.queueBacklogThreshold();
    // no "still growing" condition: a saturated backlog that stopped growing still waits
    return AlertRule.named(name)
        .when(max(engine(depth)).by("job").gt(threshold))
        .holdFor("15m").severity(Severity.WARNING)
        .summary("The " + queue + " queue has held more than " + threshold + " messages for 15 "
            + "minutes.")
        .description("{{ $value }} messages wait in the " + queue + " queue of {{ $labels.job }}; "
            + "it has held more than " + threshold + " for 15 minutes.")
        .runbook("More " + queue + " work arrives than the " + dispatcher + " dispatchers take, "
            + "or they stopped taking it. Check the dispatcher slots (all busy: add processes or "
            + "slots), the queue wait time (DuroxideQueueWaitHigh: how long messages wait before "
            + "they start) and whether some process stopped dispatching.")
        .build();
  }

  private static Object[] byJobAnd(Label... labels) {
    Object[] by = new Object[labels.length + 1];
    by[0] = "job";
    System.arraycopy(labels, 0, by, 1, labels.length);
    return by;
  }

  private static String baseName(MetricDefinition counter) {
    String name = counter.prometheusName();
    return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
  }
}
