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
import static io.durobs.toolkit.promql.PromQl.buckets;
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

import io.durobs.engine.catalogue.Label;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.engine.telemetry.Telemetry;
import io.durobs.toolkit.promql.Expr;
import io.durobs.toolkit.promql.Selector;
import io.durobs.stack.PrometheusConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's alert and recording rules.
 *
 * <p>Rules are job-agnostic: they aggregate {@code by (job, ...)} so one Prometheus can watch
 * several engine deployments (different {@code service.name}s). Thresholds come from the seed's
 * documentation where it gave one (failure rate above 5 %, p99 activity time above 60 s, store
 * p95 above 500 ms, more than 10 infrastructure errors a minute) and from the 95 % success
 * objective it names; the multi-window burn-rate alerts follow the SRE workbook (14.4×/6× page,
 * 3×/1× ticket).
 */
public final class EngineRules {

  /** The engine's default {@code service.name}, hence the Prometheus {@code job}. */
  public static final String ENGINE_JOB = Telemetry.DEFAULT_SERVICE_NAME;
  /** The orchestration success objective: 95 % of finished executions succeed. */
  public static final BigDecimal SUCCESS_OBJECTIVE = new BigDecimal("0.95");
  /** The error budget: 1 − objective. */
  public static final BigDecimal ERROR_BUDGET = BigDecimal.ONE.subtract(SUCCESS_OBJECTIVE);
  /**
   * The Prometheus scrape job of the OpenTelemetry Collector's {@code prometheus} exporter;
   * {@code up} of this job is the pipeline's pulse.
   */
  public static final String COLLECTOR_SCRAPE_JOB = PrometheusConfig.EXPORTER_JOB;
  /** Where the runbook page is published; each alert links to its section. */
  public static final String RUNBOOK_BASE_URL =
      "https://github.com/durobs/durobs/blob/main/generated/docs/runbooks.md";

  /** Windows of the failure-ratio recordings the burn-rate alerts read. */
  public static final List<String> SLO_WINDOWS = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d");

  private static final String W = "5m";

  // ---- recording rules: what the panels and alerts read most -------------------------------

  /** Orchestration duration buckets per instance and orchestration, rate over 5m. */
  public static final RecordingRule ORCHESTRATION_DURATION_RATE =
      bucketRate(ORCHESTRATION_DURATION, ORCHESTRATION_NAME);
  /** Activity duration buckets per instance and activity, rate over 5m. */
  public static final RecordingRule ACTIVITY_DURATION_RATE = bucketRate(ACTIVITY_DURATION, ACTIVITY_NAME);
  /** Store call duration buckets per instance and operation, rate over 5m. */
  public static final RecordingRule STORE_DURATION_RATE = bucketRate(PROVIDER_OPERATION_DURATION, OPERATION);
  /** Queue wait buckets per instance and queue, rate over 5m. */
  public static final RecordingRule QUEUE_WAIT_RATE = bucketRate(QUEUE_WAIT_DURATION, QUEUE);
  /** The failure ratio of finished executions per job over each SLO window. */
  public static final List<RecordingRule> FAILURE_RATIOS =
      SLO_WINDOWS.stream()
          .map(w -> new RecordingRule(failureRatioRecord(w), failureRatioBy(w)))
          .toList();

  // ---- alerts -------------------------------------------------------------------------------

  /** Failed / (succeeded + failed) above 5 % for one orchestration. */
  public static final AlertRule ORCHESTRATION_FAILURE_RATE = new AlertRule(
      "DuroxideOrchestrationFailureRateHigh",
      failureRatioBy(W, ORCHESTRATION_NAME).gt(0.05),
      "10m", Severity.WARNING,
      "Orchestration executions are failing at more than 5%.",
      "{{ $value | humanizePercentage }} of the {{ $labels.orchestration_name }} executions that "
          + "finished on {{ $labels.job }} in the last 5 minutes failed (threshold 5%).",
      "An orchestration type fails more often than usual. Cancelled and continued-as-new "
          + "executions are not counted. Check the Production dashboard's errors row for the "
          + "error class (`error_type`: application, infrastructure, configuration, poison) and "
          + "the Logs dashboard for the failing instances (drill down by `instance_id`). "
          + "Application errors point at the orchestration's or activities' code or their "
          + "inputs; infrastructure errors at the store.");

  /** Burning the success objective's error budget fast (page). */
  public static final AlertRule SLO_BURN_FAST = new AlertRule(
      "DuroxideOrchestrationErrorBudgetBurnFast",
      burn("1h", "5m", "14.4").or(burn("6h", "30m", "6")),
      "2m", Severity.CRITICAL,
      "Orchestrations are burning the 95% success objective's error budget fast.",
      "{{ $labels.job }}: {{ $value | humanizePercentage }} of finished executions failed over "
          + "the long window, 14.4x (1h) or 6x (6h) the error budget of the 95% success "
          + "objective; at this rate a 30-day budget lasts days.",
      "Multi-window burn-rate alert (SRE workbook): the failure ratio over 1 h and 5 m is above "
          + "14.4 times the error budget (5 %), or over 6 h and 30 m above 6 times. The short "
          + "window makes the alert stop soon after the failures stop. Look at the failure "
          + "classes on the Production dashboard, recent deployments (configuration errors), "
          + "and the store (infrastructure errors).");

  /** Burning the error budget slowly (ticket). */
  public static final AlertRule SLO_BURN_SLOW = new AlertRule(
      "DuroxideOrchestrationErrorBudgetBurnSlow",
      burn("1d", "2h", "3").or(burn("3d", "6h", "1")),
      "15m", Severity.WARNING,
      "Orchestrations are eating into the 95% success objective's error budget.",
      "{{ $labels.job }}: {{ $value | humanizePercentage }} of finished executions failed over "
          + "the long window, 3x (1d) or 1x (3d) the error budget of the 95% success objective.",
      "Slow burn: over 1 day (and 2 h) the failure ratio is above 3 times the 5 % budget, or "
          + "over 3 days (and 6 h) above the budget itself. Not urgent, but the objective will "
          + "be missed if nothing changes: find the orchestration types that fail most on the "
          + "Production dashboard.");

  /** p99 activity wall time above 60 s. */
  public static final AlertRule ACTIVITY_SLOW = new AlertRule(
      "DuroxideActivitySlow",
      histogramQuantile(0.99, sum(recorded(ACTIVITY_DURATION_RATE.record()))
          .by("job", ACTIVITY_NAME, "le")).gt(60),
      "10m", Severity.WARNING,
      "An activity's p99 duration is above 60 seconds.",
      "The p99 duration of activity {{ $labels.activity_name }} on {{ $labels.job }} is "
          + "{{ $value | humanizeDuration }} (threshold 60s).",
      "One activity's slowest 1 % of attempts take over a minute. Activities hold a worker "
          + "slot and a lock that must be renewed; slow ones reduce capacity and risk lock "
          + "loss. Check what the activity calls (external services, the database) and whether "
          + "the worker queue is backing up.");

  /** p95 store call latency above 500 ms. */
  public static final AlertRule STORE_LATENCY = new AlertRule(
      "DuroxideStoreLatencyHigh",
      histogramQuantile(0.95, sum(recorded(STORE_DURATION_RATE.record()))
          .by("job", OPERATION, "le")).gt(0.5),
      "10m", Severity.WARNING,
      "A store operation's p95 latency is above 500 milliseconds.",
      "The p95 latency of store operation {{ $labels.operation }} on {{ $labels.job }} is "
          + "{{ $value | humanizeDuration }} (threshold 500ms).",
      "Every turn and every activity goes through the store (Postgres). Check the database: "
          + "CPU, locks (`pg_stat_activity`), connection pool saturation, vacuum, and the size "
          + "of the queue tables.");

  /** Infrastructure errors while processing turns above 10 a minute. */
  public static final AlertRule ORCHESTRATION_INFRASTRUCTURE_ERRORS_HIGH = new AlertRule(
      "DuroxideOrchestrationInfrastructureErrors",
      perMinute(ORCHESTRATION_INFRASTRUCTURE_ERRORS, OPERATION).gt(10),
      "5m", Severity.WARNING,
      "Turns are hitting more than 10 infrastructure errors a minute.",
      "{{ $value | humanize }} infrastructure errors a minute in {{ $labels.operation }} while "
          + "processing turns on {{ $labels.job }} (threshold 10).",
      "History loads or acks fail on the store. Turns are retried, so work continues, but "
          + "slower. Check the store errors by class on the Production dashboard (connection, "
          + "timeout, serialization, deadlock) and the database's health.");

  /** Infrastructure errors around activities above 10 a minute. */
  public static final AlertRule ACTIVITY_INFRASTRUCTURE_ERRORS_HIGH = new AlertRule(
      "DuroxideActivityInfrastructureErrors",
      perMinute(ACTIVITY_INFRASTRUCTURE_ERRORS, ACTIVITY_NAME).gt(10),
      "5m", Severity.WARNING,
      "Activities are hitting more than 10 infrastructure errors a minute.",
      "{{ $value | humanize }} infrastructure errors a minute around activity "
          + "{{ $labels.activity_name }} on {{ $labels.job }} (threshold 10).",
      "Activity acks fail or activity locks are lost. A lost lock means the activity may run "
          + "again on another worker. Check store errors and whether activities outlive their "
          + "lock (slow activities, paused workers).");

  /** Failed store calls above 10 a minute. */
  public static final AlertRule STORE_ERRORS = new AlertRule(
      "DuroxideStoreErrors",
      perMinute(PROVIDER_ERRORS, STORE_ERROR_TYPE).gt(10),
      "5m", Severity.WARNING,
      "Store calls are failing more than 10 times a minute.",
      "{{ $value | humanize }} store calls a minute fail with {{ $labels.error_type }} errors "
          + "on {{ $labels.job }} (threshold 10).",
      "Failed store calls classified by SQLSTATE. `connection`: the database is unreachable "
          + "or the pool is exhausted; `timeout`: statements time out; `serialization` and "
          + "`deadlock`: contention between engine processes; `constraint`: a bug, report it.");

  /** Any orchestration configuration error (nondeterminism, unregistered code). */
  public static final AlertRule CONFIGURATION_ERRORS = new AlertRule(
      "DuroxideConfigurationErrors",
      occurred(ORCHESTRATION_CONFIGURATION_ERRORS, ORCHESTRATION_NAME, ERROR_KIND),
      "0s", Severity.CRITICAL,
      "An orchestration hit a configuration error such as nondeterminism.",
      "{{ $labels.orchestration_name }} on {{ $labels.job }} hit {{ $labels.error_kind }} in "
          + "the last 10 minutes.",
      "Configuration errors do not heal by retrying. `nondeterminism`: the orchestration's "
          + "code changed in a way that no longer replays its history (deploy a new version "
          + "instead of changing the old one); `unregistered_orchestration` / "
          + "`unregistered_activity`: a process runs without the code the work needs "
          + "(mixed deployments); `version_not_found`: the requested version is not registered.");

  /** Any activity scheduled but not registered. */
  public static final AlertRule ACTIVITY_CONFIGURATION_ERRORS_ALERT = new AlertRule(
      "DuroxideActivityConfigurationErrors",
      occurred(ACTIVITY_CONFIGURATION_ERRORS, ACTIVITY_NAME),
      "0s", Severity.CRITICAL,
      "An activity was scheduled but is not registered on the worker.",
      "Activity {{ $labels.activity_name }} is not registered on a worker of {{ $labels.job }} "
          + "(seen in the last 10 minutes).",
      "A worker took an activity it has no code for. Usually a rolling deployment with old "
          + "and new processes, or a typo in the activity name. Check which processes run "
          + "which version.");

  /** Orchestration work given up as poison. */
  public static final AlertRule ORCHESTRATION_POISONED = new AlertRule(
      "DuroxideOrchestrationPoisoned",
      occurred(ORCHESTRATION_POISON, ORCHESTRATION_NAME),
      "0s", Severity.WARNING,
      "Orchestration work failed as poison after the attempt limit.",
      "A message of {{ $labels.orchestration_name }} on {{ $labels.job }} was given up as "
          + "poison in the last 10 minutes.",
      "A turn failed on every attempt and the engine stopped retrying it; the orchestration "
          + "failed with error class poison. Find the instance in the Logs dashboard (errors "
          + "panel) and look at why its turns crash.");

  /** Activity work given up as poison. */
  public static final AlertRule ACTIVITY_POISONED = new AlertRule(
      "DuroxideActivityPoisoned",
      occurred(ACTIVITY_POISON, ACTIVITY_NAME),
      "0s", Severity.WARNING,
      "Activity work failed as poison after the attempt limit.",
      "An attempt of activity {{ $labels.activity_name }} on {{ $labels.job }} was given up as "
          + "poison in the last 10 minutes.",
      "An activity's work item was abandoned on every attempt (crashes, lost locks) and the "
          + "engine stopped retrying it. Look at the activity's logs and at worker restarts.");

  /** The orchestrator queue is long and still growing. */
  public static final AlertRule ORCHESTRATOR_BACKLOG = backlog("DuroxideOrchestratorQueueBacklogGrowing",
      ORCHESTRATOR_QUEUE_DEPTH, "orchestrator", "orchestration");

  /** The worker queue is long and still growing. */
  public static final AlertRule WORKER_BACKLOG = backlog("DuroxideWorkerQueueBacklogGrowing",
      WORKER_QUEUE_DEPTH, "worker", "worker");

  /** Instances that should be moving, but nothing is fetched and no slot is busy. */
  public static final AlertRule STUCK = new AlertRule(
      "DuroxideOrchestrationsStuck",
      sum(max(metric(ACTIVE_ORCHESTRATIONS).whereIn(STATE, "running", "waiting_for_activity"))
              .by("job", ORCHESTRATION_NAME, STATE)).by("job").gt(0)
          .unlessOn(sum(increase(metric(DISPATCHER_ITEMS_FETCHED), "15m")).by("job").gt(0), "job")
          .unlessOn(sum(metric(DISPATCHER_SLOTS).where(SLOT_STATE, "busy")).by("job").gt(0), "job"),
      "15m", Severity.WARNING,
      "Orchestrations are active but the engine makes no progress.",
      "{{ $value }} orchestrations on {{ $labels.job }} are running or waiting for an activity, "
          + "but no dispatcher has fetched work for 15 minutes and no slot is busy.",
      "Instances wait for the engine (ready to run, or an activity queued), yet the "
          + "dispatchers fetch nothing and hold nothing. Either no engine process is running "
          + "dispatchers (all clients, no workers), or dispatching is wedged: check the engine "
          + "logs, the dispatcher slots panel, and locks on the queue tables (messages locked "
          + "by a dead process become visible again when the lock expires).");

  /** No engine telemetry at all. */
  public static final AlertRule ENGINE_ABSENT = new AlertRule(
      "DuroxideEngineAbsent",
      absent(metric(DISPATCHER_SLOTS).where("job", ENGINE_JOB)),
      "5m", Severity.CRITICAL,
      "No engine process reports telemetry.",
      "No series of job {{ $labels.job }} has reached Prometheus for 5 minutes: no engine "
          + "process is running, or its telemetry does not get through.",
      "Every engine process reports its dispatcher slots at every export, so their absence "
          + "means no process is running or none can export. Check the processes, their "
          + "`OTEL_EXPORTER_OTLP_ENDPOINT` and `OTEL_SERVICE_NAME` (the job is the service "
          + "name), and whether DuroxideTelemetryPipelineBroken fires too.");

  /** Prometheus cannot scrape the collector. */
  public static final AlertRule PIPELINE_BROKEN = new AlertRule(
      "DuroxideTelemetryPipelineBroken",
      external("up").where("job", COLLECTOR_SCRAPE_JOB).eq(0),
      "2m", Severity.CRITICAL,
      "Prometheus cannot scrape the OpenTelemetry Collector.",
      "The collector's metrics endpoint {{ $labels.instance }} has been down for 2 minutes: "
          + "no engine metric reaches Prometheus and logs may not reach Loki.",
      "The engine sends metrics and logs over OTLP to the collector; Prometheus scrapes the "
          + "collector's prometheus exporter. Check that the collector runs, that its config "
          + "loads (its own log), and the network between Prometheus and the collector.");

  private EngineRules() {}

  /** The recording rule groups. */
  public static List<RuleGroup> recordingGroups() {
    List<Object> histograms = List.of(ORCHESTRATION_DURATION_RATE, ACTIVITY_DURATION_RATE,
        STORE_DURATION_RATE, QUEUE_WAIT_RATE);
    return List.of(new RuleGroup("durobs-histograms", histograms),
        new RuleGroup("durobs-slo", new ArrayList<>(FAILURE_RATIOS)));
  }

  /** The alert rule groups. */
  public static List<RuleGroup> alertGroups() {
    return List.of(
        new RuleGroup("durobs-orchestrations", List.of(ORCHESTRATION_FAILURE_RATE,
            SLO_BURN_FAST, SLO_BURN_SLOW, CONFIGURATION_ERRORS, ORCHESTRATION_POISONED,
            ORCHESTRATION_INFRASTRUCTURE_ERRORS_HIGH, STUCK)),
        new RuleGroup("durobs-activities", List.of(ACTIVITY_SLOW,
            ACTIVITY_INFRASTRUCTURE_ERRORS_HIGH, ACTIVITY_CONFIGURATION_ERRORS_ALERT,
            ACTIVITY_POISONED)),
        new RuleGroup("durobs-store", List.of(STORE_LATENCY, STORE_ERRORS)),
        new RuleGroup("durobs-capacity", List.of(ORCHESTRATOR_BACKLOG, WORKER_BACKLOG)),
        new RuleGroup("durobs-telemetry", List.of(ENGINE_ABSENT, PIPELINE_BROKEN)));
  }

  /** Every alert, in group order. */
  public static List<AlertRule> alerts() {
    return alertGroups().stream().flatMap(g -> g.alerts().stream()).toList();
  }

  /** Every recording rule, in group order. */
  public static List<RecordingRule> recordings() {
    return recordingGroups().stream().flatMap(g -> g.recordings().stream()).toList();
  }

  /** The series outside the catalogue the rules read: the collector's scrape {@code up}. */
  public static Map<String, List<String>> externalSeries() {
    return Map.of("up", List.of("job", "instance"));
  }

  /** The recording rule name for a failure ratio window. */
  public static String failureRatioRecord(String window) {
    return "job:" + baseName(ORCHESTRATION_COMPLETIONS) + ":failure_ratio_rate" + window;
  }

  /** The recording rule of a window of the SLO failure ratio. */
  public static RecordingRule failureRatio(String window) {
    int i = SLO_WINDOWS.indexOf(window);
    if (i < 0) {
      throw new IllegalArgumentException("no failure ratio over " + window + "; windows: " + SLO_WINDOWS);
    }
    return FAILURE_RATIOS.get(i);
  }

  /**
   * Failed over succeeded-or-failed executions: cancelled executions are not failures and
   * continue-as-new is not an outcome (the seed's success rate counted it, which diluted it).
   */
  private static Expr failureRatioBy(String window, Label... by) {
    Object[] labels = new Object[by.length + 1];
    labels[0] = "job";
    System.arraycopy(by, 0, labels, 1, by.length);
    Selector completions = metric(ORCHESTRATION_COMPLETIONS);
    return sum(rate(completions.where(STATUS, "failed"), window)).by(labels)
        .div(sum(rate(completions.whereIn(STATUS, "success", "failed"), window)).by(labels));
  }

  private static Expr burn(String longWindow, String shortWindow, String factor) {
    Expr threshold = Expr.number(new BigDecimal(factor).multiply(ERROR_BUDGET).doubleValue());
    return recorded(failureRatioRecord(longWindow)).gt(threshold)
        .and(recorded(failureRatioRecord(shortWindow)).gt(threshold));
  }

  private static RecordingRule bucketRate(MetricDefinition histogram, Label label) {
    Selector b = buckets(histogram);
    return new RecordingRule("instance:" + b.series() + ":rate5m",
        sum(rate(b, W)).by("job", "instance", label, "le"));
  }

  private static Expr perMinute(MetricDefinition counter, Label label) {
    return sum(rate(metric(counter), W)).by("job", label).times(60);
  }

  /**
   * The counter increased in the last 10 minutes, or its series appeared in that time.
   * {@code increase()} alone misses a counter's first value (an OpenTelemetry counter exports
   * nothing until its first increment, so the series starts at 1): the first nondeterminism
   * error would never alert.
   */
  private static Expr occurred(MetricDefinition counter, Label... labels) {
    Object[] by = new Object[labels.length + 1];
    by[0] = "job";
    System.arraycopy(labels, 0, by, 1, labels.length);
    Selector s = metric(counter);
    return sum(increase(s, "10m")).by(by).gt(0)
        .or(group(s).by(by).unless(group(s.offset("10m")).by(by)));
  }

  private static AlertRule backlog(String name, MetricDefinition depth, String queue,
      String dispatcher) {
    Selector d = metric(depth);
    return new AlertRule(name,
        max(d).by("job").gt(100).and(max(deriv(d, "15m")).by("job").gt(0)),
        "15m", Severity.WARNING,
        "The " + queue + " queue backlog is above 100 and growing.",
        "{{ $value }} messages wait in the " + queue + " queue of {{ $labels.job }} and the "
            + "backlog has grown for 15 minutes.",
        "More " + queue + " work arrives than the " + dispatcher + " dispatchers take. Check "
            + "the dispatcher slots (all busy: add processes or slots), the queue wait time "
            + "(schedule-to-start latency) and whether some process stopped dispatching.");
  }

  private static String baseName(MetricDefinition counter) {
    String name = counter.prometheusName();
    return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
  }
}
