package io.durobs.dashboards.rules;

import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVE_ORCHESTRATIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_CONFIGURATION_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_INFRASTRUCTURE_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_NAME;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_POISON;
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
import static io.durobs.toolkit.promql.PromQl.deriv;
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
import io.durobs.toolkit.promql.Expr;
import io.durobs.toolkit.promql.PromQl;
import io.durobs.toolkit.promql.Selector;
import io.durobs.stack.PrometheusConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

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

  /** The recording rule name for a failure ratio window. */
  public static String failureRatioRecord(String window) {
    return "job:" + baseName(ORCHESTRATION_COMPLETIONS) + ":failure_ratio_rate" + window;
  }

  // ---- alerts -------------------------------------------------------------------------------

  /** Failed / (succeeded + failed) above the threshold for one orchestration. */
  public AlertRule orchestrationFailureRate() {
    String threshold = Wording.percent(config.failureRatioThreshold()) + "%";
    return AlertRule.named("DuroxideOrchestrationFailureRateHigh")
        .when(failureRatioBy(config.ruleRateWindow(), ORCHESTRATION_NAME)
            .gt(config.failureRatioThreshold().doubleValue()))
        .holdFor("10m").severity(Severity.WARNING)
        .summary("Orchestration executions are failing at more than " + threshold + ".")
        .description("{{ $value | humanizePercentage }} of the {{ $labels.orchestration_name }} "
            + "executions that finished on {{ $labels.job }} in the last "
            + Wording.window(config.ruleRateWindow()) + " failed (threshold " + threshold + ").")
        .runbook("An orchestration type fails more often than usual. Cancelled and continued-as-new "
            + "executions are not counted. Check the Production dashboard's errors row for the "
            + "error class (`error_type`: application, infrastructure, configuration, poison) and "
            + "the Logs dashboard for the failing instances (drill down by `instance_id`). "
            + "Application errors point at the orchestration's or activities' code or their "
            + "inputs; infrastructure errors at the store.")
        .build();
  }

  /** Burning the success objective's error budget fast (page). */
  public AlertRule sloBurnFast() {
    List<BurnRate> rates = config.pageBurnRates();
    StringBuilder windows = new StringBuilder();
    for (BurnRate r : rates) {
      boolean first = windows.length() == 0;
      windows.append(first ? "over " : ", or over ").append(Wording.abbreviatedWindow(r.longWindow()))
          .append(" and ").append(Wording.abbreviatedWindow(r.shortWindow()))
          .append(first ? " is above " : " above ").append(Wording.number(r.factor()))
          .append(first ? " times the error budget (" + budgetPercent() + " %)" : " times");
    }
    return AlertRule.named("DuroxideOrchestrationErrorBudgetBurnFast")
        .when(burn(rates)).holdFor("2m").severity(Severity.CRITICAL)
        .summary("Orchestrations are burning the " + objectivePercent() + " success objective's "
            + "error budget fast.")
        .description(burnDescription(rates) + "; at this rate a 30-day budget lasts days.")
        .runbook("Multi-window burn-rate alert (SRE workbook): the failure ratio " + windows
            + ". The short window makes the alert stop soon after the failures stop. Look at the "
            + "failure classes on the Production dashboard, recent deployments (configuration "
            + "errors), and the store (infrastructure errors).")
        .build();
  }

  /** Burning the error budget slowly (ticket). */
  public AlertRule sloBurnSlow() {
    List<BurnRate> rates = config.ticketBurnRates();
    StringBuilder windows = new StringBuilder();
    for (BurnRate r : rates) {
      boolean first = windows.length() == 0;
      boolean once = r.factor().compareTo(BigDecimal.ONE) == 0;
      windows.append(first ? "over " : ", or over ").append(Wording.abbreviatedWindow(r.longWindow()))
          .append(" (and ").append(Wording.abbreviatedWindow(r.shortWindow())).append(")")
          .append(first ? " the failure ratio is above " : " above ")
          .append(once ? "" : Wording.number(r.factor()) + " times ")
          .append(first ? "the " + budgetPercent() + " % budget" : once ? "the budget itself" : "the budget");
    }
    return AlertRule.named("DuroxideOrchestrationErrorBudgetBurnSlow")
        .when(burn(rates)).holdFor("15m").severity(Severity.WARNING)
        .summary("Orchestrations are eating into the " + objectivePercent() + " success "
            + "objective's error budget.")
        .description(burnDescription(rates) + ".")
        .runbook("Slow burn: " + windows + ". Not urgent, but the objective will be missed if "
            + "nothing changes: find the orchestration types that fail most on the Production "
            + "dashboard.")
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

  /** The orchestrator queue is long and still growing. */
  public AlertRule orchestratorBacklog() {
    return backlog("DuroxideOrchestratorQueueBacklogGrowing", ORCHESTRATOR_QUEUE_DEPTH,
        "orchestrator", "orchestration");
  }

  /** The worker queue is long and still growing. */
  public AlertRule workerBacklog() {
    return backlog("DuroxideWorkerQueueBacklogGrowing", WORKER_QUEUE_DEPTH, "worker", "worker");
  }

  /** Instances that should be moving, but nothing is fetched and no slot is busy. */
  public AlertRule stuck() {
    return AlertRule.named("DuroxideOrchestrationsStuck")
        .when(sum(max(engine(ACTIVE_ORCHESTRATIONS).whereIn(STATE, "running", "waiting_for_activity"))
                .by("job", ORCHESTRATION_NAME, STATE)).by("job").gt(0)
            .unlessOn(sum(increase(engine(DISPATCHER_ITEMS_FETCHED), "15m")).by("job").gt(0), "job")
            .unlessOn(sum(engine(DISPATCHER_SLOTS).where(SLOT_STATE, "busy")).by("job").gt(0), "job"))
        .holdFor("15m").severity(Severity.WARNING)
        .summary("Orchestrations are active but the engine makes no progress.")
        .description("{{ $value }} orchestrations on {{ $labels.job }} are running or waiting for "
            + "an activity, but no dispatcher has fetched work for 15 minutes and no slot is busy.")
        .runbook("Instances wait for the engine (ready to run, or an activity queued), yet the "
            + "dispatchers fetch nothing and hold nothing. Either no engine process is running "
            + "dispatchers (all clients, no workers), or dispatching is wedged: check the engine "
            + "logs, the dispatcher slots panel, and locks on the queue tables (messages locked "
            + "by a dead process become visible again when the lock expires).")
        .build();
  }

  /** No telemetry of the engine's job at all. */
  public AlertRule engineAbsent() {
    return AlertRule.named("DuroxideEngineAbsent")
        .when(absent(engine(DISPATCHER_SLOTS).where("job", config.engineJob())))
        .holdFor("5m").severity(Severity.CRITICAL)
        .summary("No engine process reports telemetry.")
        .description("No series of job {{ $labels.job }} has reached Prometheus for 5 minutes: no "
            + "engine process is running, or its telemetry does not get through.")
        .runbook("Every engine process reports its dispatcher slots at every export, so their "
            + "absence means no process is running or none can export. Check the processes, "
            + "their `OTEL_EXPORTER_OTLP_ENDPOINT` and `OTEL_SERVICE_NAME` (the job is the "
            + "service name), and whether DuroxideTelemetryPipelineBroken fires too.")
        .build();
  }

  /** Prometheus cannot scrape the collector. */
  public AlertRule pipelineBroken() {
    return AlertRule.named("DuroxideTelemetryPipelineBroken")
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

  /** The recording rule groups. */
  public List<RuleGroup> recordingGroups() {
    List<Object> histograms = List.of(orchestrationDurationRate(), activityDurationRate(),
        storeDurationRate(), queueWaitRate());
    return List.of(new RuleGroup("durobs-histograms", histograms),
        new RuleGroup("durobs-slo", new ArrayList<>(failureRatios())));
  }

  /** The alert rule groups. */
  public List<RuleGroup> alertGroups() {
    return List.of(
        new RuleGroup("durobs-orchestrations", List.of(orchestrationFailureRate(),
            sloBurnFast(), sloBurnSlow(), configurationErrors(), orchestrationPoisoned(),
            orchestrationInfrastructureErrors(), stuck())),
        new RuleGroup("durobs-activities", List.of(activitySlow(),
            activityInfrastructureErrors(), activityConfigurationErrors(), activityPoisoned())),
        new RuleGroup("durobs-store", List.of(storeLatency(), storeErrors())),
        new RuleGroup("durobs-capacity", List.of(orchestratorBacklog(), workerBacklog())),
        new RuleGroup("durobs-telemetry", List.of(engineAbsent(), pipelineBroken())));
  }

  /** Every alert, in group order. */
  public List<AlertRule> alerts() {
    return alertGroups().stream().flatMap(g -> g.alerts().stream()).toList();
  }

  /** Every recording rule, in group order. */
  public List<RecordingRule> recordings() {
    return recordingGroups().stream().flatMap(g -> g.recordings().stream()).toList();
  }

  /** The series outside the catalogue the rules read: the collector's scrape {@code up}. */
  public static Map<String, List<String>> externalSeries() {
    return Map.of("up", List.of("job", "instance"));
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

  /** Any window pair's failure ratios above its multiple of the error budget. */
  private Expr burn(List<BurnRate> rates) {
    Expr any = null;
    for (BurnRate r : rates) {
      Expr threshold = Expr.number(r.factor().multiply(config.errorBudget()).doubleValue());
      Expr pair = recorded(failureRatioRecord(r.longWindow())).gt(threshold)
          .and(recorded(failureRatioRecord(r.shortWindow())).gt(threshold));
      any = any == null ? pair : any.or(pair);
    }
    return any;
  }

  /** The start of a burn alert's description, up to "... the 95% success objective". */
  private String burnDescription(List<BurnRate> rates) {
    String factors = rates.stream()
        .map(r -> Wording.number(r.factor()) + "x (" + r.longWindow() + ")")
        .collect(Collectors.joining(" or "));
    return "{{ $labels.job }}: {{ $value | humanizePercentage }} of finished executions failed "
        + "over the long window, " + factors + " the error budget of the " + objectivePercent()
        + " success objective";
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
   * The counter increased in the last 10 minutes, or its series appeared in that time.
   * {@code increase()} alone misses a counter's first value (an OpenTelemetry counter exports
   * nothing until its first increment, so the series starts at 1): the first nondeterminism
   * error would never alert.
   */
  private Expr occurred(MetricDefinition counter, Label... labels) {
    Object[] by = byJobAnd(labels);
    Selector s = engine(counter);
    return sum(increase(s, RECENTLY)).by(by).gt(0)
        .or(group(s).by(by).unless(group(s.offset(RECENTLY)).by(by)));
  }

  private AlertRule backlog(String name, MetricDefinition depth, String queue,
      String dispatcher) {
    Selector d = engine(depth);
    int threshold = config.queueBacklogThreshold();
    return AlertRule.named(name)
        .when(max(d).by("job").gt(threshold).and(max(deriv(d, "15m")).by("job").gt(0)))
        .holdFor("15m").severity(Severity.WARNING)
        .summary("The " + queue + " queue backlog is above " + threshold + " and growing.")
        .description("{{ $value }} messages wait in the " + queue + " queue of {{ $labels.job }} "
            + "and the backlog has grown for 15 minutes.")
        .runbook("More " + queue + " work arrives than the " + dispatcher + " dispatchers take. "
            + "Check the dispatcher slots (all busy: add processes or slots), the queue wait time "
            + "(schedule-to-start latency) and whether some process stopped dispatching.")
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
