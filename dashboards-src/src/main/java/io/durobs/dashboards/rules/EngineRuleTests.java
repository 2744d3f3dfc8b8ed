package io.durobs.dashboards.rules;

import static io.durobs.dashboards.rules.RuleTest.alert;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVE_ORCHESTRATIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_CONFIGURATION_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_INFRASTRUCTURE_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_NAME;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_OUTCOME;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.CALL_STATUS;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_ITEMS_FETCHED;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_SLOTS;
import static io.durobs.engine.catalogue.MetricCatalogue.ERROR_KIND;
import static io.durobs.engine.catalogue.MetricCatalogue.FINAL_TURN_COUNT;
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
import static io.durobs.engine.catalogue.MetricCatalogue.VERSION;
import static io.durobs.engine.catalogue.MetricCatalogue.WORKER_QUEUE_DEPTH;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.config.ContentConfig.BurnRate;
import io.durobs.dashboards.config.Wording;
import io.durobs.engine.catalogue.MetricDefinition;
import java.util.List;

/**
 * The promtool unit tests of {@link EngineRules}: for every alert a case where it fires (with
 * its exact labels and rendered description) and one where it stays quiet; for every recording
 * rule the samples it must record. Values use promtool's expanding notation: {@code 0+9x30} is
 * 0, 9, 18, ... (31 values, one a minute), {@code _} a missing sample.
 *
 * <p>The expected alerts carry the configuration's job and state its thresholds as the rules
 * do; the input values are chosen around the default thresholds, so under other thresholds
 * promtool decides whether each case still fires or stays quiet.
 */
public final class EngineRuleTests {

  private final EngineRules rules;
  private final ContentConfig config;
  /** The job of every engine series: the configuration's engine job. */
  private final String job;
  /** The success objective as the alerts word it ({@code 95%}). */
  private final String objective;
  /** The failure-rate threshold as the alert words it ({@code 5%}). */
  private final String failureThreshold;
  /** The rate window of the failure-rate alert, spelled out ({@code 5 minutes}). */
  private final String window;
  /** The slow-activity and store-latency thresholds as the alerts word them. */
  private final String slowActivity;
  private final String slowStore;
  private final int errorsPerMinute;

  private EngineRuleTests(EngineRules rules) {
    this.rules = rules;
    this.config = rules.config();
    this.job = config.engineJob();
    this.objective = Wording.percent(config.successObjective()) + "%";
    this.failureThreshold = Wording.percent(config.failureRatioThreshold()) + "%";
    this.window = Wording.window(config.ruleRateWindow());
    this.slowActivity = Wording.shortDuration(config.activityP99Threshold());
    this.slowStore = Wording.shortDuration(config.storeP95Threshold());
    this.errorsPerMinute = config.infrastructureErrorsPerMinute();
  }

  /** The tests of these rules. */
  public static EngineRuleTests of(EngineRules rules) {
    return new EngineRuleTests(rules);
  }

  /** Tests of the alerting rules. */
  public List<RuleTest> alertTests() {
    return List.of(failureRate(), failureRateTooLittleTraffic(), burnFast(), burnSlowOneDay(),
        burnSlowThreeDays(), withinBudget(), activitySlow(), activityFast(), storeLatency(),
        storeFast(), infrastructureErrors(), fewInfrastructureErrors(), configurationErrors(),
        configurationErrorsAcrossAGap(), activityConfigurationErrors(), poison(), backlog(),
        workerBacklog(), backlogBelowThreshold(), queueWait(), stuck(), stuckWithEverySlotHeld(),
        notStuckWhileFetching(), notStuckWhileBusy(), engineAbsent(), noEngineAtAll(),
        pipelineBroken(), collectorExportFailures(), collectorDropping(), collectorQueueFull(),
        watchdog());
  }

  /** Tests of the recording rules. */
  public List<RuleTest> recordingTests() {
    return List.of(histogramRates(), failureRatios());
  }

  /** A counter's or gauge's series of the engine job. */
  private TestSeries series(MetricDefinition metric) {
    return TestSeries.of(metric, job);
  }

  /** The dispatcher slots every engine process reports at every export: it is reporting. */
  private TestSeries reporting(String instance) {
    return series(DISPATCHER_SLOTS).with("instance", instance).with(DISPATCHER, "worker")
        .with(SLOT_STATE, "idle");
  }

  private TestSeries completions(String orchestration, String status) {
    return series(ORCHESTRATION_COMPLETIONS).with(ORCHESTRATION_NAME, orchestration)
        .with(VERSION, "1").with(STATUS, status).with(FINAL_TURN_COUNT, "1-5");
  }

  private RuleTest failureRate() {
    return new RuleTest("failure rate: 10% fires after 10m, 1% stays quiet")
        .input(completions("checkout", "success"), "0+9x30")
        .input(completions("checkout", "failed"), "0+1x30")
        .input(completions("billing", "success"), "0+99x30")
        .input(completions("billing", "failed"), "0+1x30")
        .expectQuiet("5m", rules.orchestrationFailureRate())
        .expectFiring("20m", rules.orchestrationFailureRate(), alert("10% of the checkout "
            + "executions that finished on " + job + " in the last " + window + " failed "
            + "(threshold " + failureThreshold + ").", "job", job, "orchestration_name", "checkout"));
  }

  private RuleTest failureRateTooLittleTraffic() {
    return new RuleTest("failure rate: 1 of 1 execution a minute failing is too little traffic")
        .input(completions("checkout", "failed"), "0+1x30")
        .expectQuiet("20m", rules.orchestrationFailureRate());
  }

  /** A burn-rate alert of this window pair for this share of failed executions. */
  private RuleTest.ExpectedAlert burning(BurnRate r, String failed) {
    String lasts = r.budgetLastsDays();
    return alert(job + ": " + failed + " of finished executions failed over " + r.longWindow()
        + " (and over " + r.shortWindow() + "), above " + Wording.number(r.factor())
        + "x the error budget of the " + objective + " success objective: at this rate a 30-day "
        + "budget lasts " + lasts + " days.", "job", job);
  }

  /** Expects each burn-rate alert to fire ({@code true}) or stay quiet at {@code at}. */
  private RuleTest burnCases(RuleTest test, String at, String failed, boolean... fires) {
    List<BurnRate> pairs = new java.util.ArrayList<>(config.pageBurnRates());
    pairs.addAll(config.ticketBurnRates());
    List<AlertRule> alerts = rules.burns();
    for (int i = 0; i < alerts.size(); i++) {
      if (fires[i]) {
        test.expectFiring(at, alerts.get(i), burning(pairs.get(i), failed));
      } else {
        test.expectQuiet(at, alerts.get(i));
      }
    }
    return test;
  }

  private RuleTest burnFast() {
    return burnCases(new RuleTest("error budget: 80% failures page and ticket through every "
            + "window pair, each after its own hold time")
        .input(completions("checkout", "success"), "0+2x240")
        .input(completions("checkout", "failed"), "0+8x240"), "200m", "80%",
        true, true, true, true);
  }

  private RuleTest burnSlowOneDay() {
    return burnCases(new RuleTest("error budget: 20% failures ticket (3x over 1d) but do not page")
        .input(completions("checkout", "success"), "0+8x240")
        .input(completions("checkout", "failed"), "0+2x240"), "200m", "20%",
        false, false, true, true);
  }

  private RuleTest burnSlowThreeDays() {
    return burnCases(new RuleTest("error budget: 7% failures ticket through the 3d window only")
        .input(completions("checkout", "success"), "0+93x240")
        .input(completions("checkout", "failed"), "0+7x240"), "200m", "7%",
        false, false, false, true);
  }

  private RuleTest withinBudget() {
    RuleTest test = new RuleTest("error budget: 4% failures and any number of cancellations are fine")
        .input(completions("checkout", "success"), "0+96x90")
        .input(completions("checkout", "failed"), "0+4x90")
        .input(completions("checkout", "cancelled"), "0+50x90")
        .expectQuiet("70m", rules.orchestrationFailureRate());
    rules.burns().forEach(a -> test.expectQuiet("70m", a));
    return test;
  }

  private TestSeries activityBucket(String activity, String le) {
    return TestSeries.bucket(ACTIVITY_DURATION, le, job).with(ACTIVITY_NAME, activity)
        .with(ACTIVITY_OUTCOME, "success");
  }

  private RuleTest activitySlow() {
    return new RuleTest("slow activity: p99 of 297.6s fires, p99 under 1s stays quiet")
        .input(activityBucket("charge", "1"), "0x30")
        .input(activityBucket("charge", "60"), "0x30")
        .input(activityBucket("charge", "300"), "0+10x30")
        .input(activityBucket("charge", "+Inf"), "0+10x30")
        .input(activityBucket("ping", "1"), "0+10x30")
        .input(activityBucket("ping", "60"), "0+10x30")
        .input(activityBucket("ping", "300"), "0+10x30")
        .input(activityBucket("ping", "+Inf"), "0+10x30")
        .expectFiring("25m", rules.activitySlow(), alert("The p99 duration of activity charge on "
            + job + " is 4m 57s (threshold " + slowActivity + ").",
            "job", job, "activity_name", "charge"));
  }

  private RuleTest activityFast() {
    return new RuleTest("slow activity: p99 under 1s stays quiet")
        .input(activityBucket("ping", "1"), "0+10x30")
        .input(activityBucket("ping", "60"), "0+10x30")
        .input(activityBucket("ping", "+Inf"), "0+10x30")
        .expectQuiet("25m", rules.activitySlow());
  }

  private TestSeries storeBucket(String operation, String le) {
    return TestSeries.bucket(PROVIDER_OPERATION_DURATION, le, job).with(OPERATION, operation)
        .with(CALL_STATUS, "success");
  }

  private RuleTest storeLatency() {
    return new RuleTest("store latency: p95 of 975ms fires, p95 under 10ms stays quiet")
        .input(storeBucket("read_history", "0.5"), "0x30")
        .input(storeBucket("read_history", "1"), "0+10x30")
        .input(storeBucket("read_history", "+Inf"), "0+10x30")
        .input(storeBucket("ack_work_item", "0.01"), "0+100x30")
        .input(storeBucket("ack_work_item", "0.5"), "0+100x30")
        .input(storeBucket("ack_work_item", "+Inf"), "0+100x30")
        .expectFiring("25m", rules.storeLatency(), alert("The p95 latency of store operation "
            + "read_history on " + job + " is 975ms (threshold " + slowStore + ").",
            "job", job, "operation", "read_history"));
  }

  private RuleTest storeFast() {
    return new RuleTest("store latency: p95 under 10ms stays quiet")
        .input(storeBucket("ack_work_item", "0.01"), "0+100x30")
        .input(storeBucket("ack_work_item", "0.5"), "0+100x30")
        .input(storeBucket("ack_work_item", "+Inf"), "0+100x30")
        .expectQuiet("25m", rules.storeLatency());
  }

  private RuleTest fewInfrastructureErrors() {
    return new RuleTest("infrastructure errors: 5 a minute or fewer stay quiet")
        .input(series(ORCHESTRATION_INFRASTRUCTURE_ERRORS)
            .with(ORCHESTRATION_NAME, "checkout").with(OPERATION, "ack_orchestration_item"), "0+5x20")
        .input(series(ACTIVITY_INFRASTRUCTURE_ERRORS).with(ACTIVITY_NAME, "ping"), "0+5x20")
        .input(series(PROVIDER_ERRORS).with(OPERATION, "ack_work_item")
            .with(STORE_ERROR_TYPE, "deadlock"), "0+2x20")
        .expectQuiet("15m", rules.orchestrationInfrastructureErrors())
        .expectQuiet("15m", rules.activityInfrastructureErrors())
        .expectQuiet("15m", rules.storeErrors());
  }

  private RuleTest infrastructureErrors() {
    return new RuleTest("infrastructure errors: 20, 12 and 30 a minute fire, 5 and 2 stay quiet")
        .input(series(ORCHESTRATION_INFRASTRUCTURE_ERRORS)
            .with(ORCHESTRATION_NAME, "checkout").with(OPERATION, "read_history"), "0+20x20")
        .input(series(ORCHESTRATION_INFRASTRUCTURE_ERRORS)
            .with(ORCHESTRATION_NAME, "checkout").with(OPERATION, "ack_orchestration_item"), "0+5x20")
        .input(series(ACTIVITY_INFRASTRUCTURE_ERRORS).with(ACTIVITY_NAME, "charge"), "0+12x20")
        .input(series(ACTIVITY_INFRASTRUCTURE_ERRORS).with(ACTIVITY_NAME, "ping"), "0+5x20")
        .input(series(PROVIDER_ERRORS).with(OPERATION, "fetch_work_item")
            .with(STORE_ERROR_TYPE, "connection"), "0+30x20")
        .input(series(PROVIDER_ERRORS).with(OPERATION, "ack_work_item")
            .with(STORE_ERROR_TYPE, "deadlock"), "0+2x20")
        .expectQuiet("3m", rules.orchestrationInfrastructureErrors())
        .expectFiring("15m", rules.orchestrationInfrastructureErrors(), alert("20 infrastructure "
            + "errors a minute in read_history while processing turns on " + job + " "
            + "(threshold " + errorsPerMinute + ").", "job", job, "operation", "read_history"))
        .expectFiring("15m", rules.activityInfrastructureErrors(), alert("12 infrastructure "
            + "errors a minute around activity charge on " + job + " (threshold "
            + errorsPerMinute + ").",
            "job", job, "activity_name", "charge"))
        .expectFiring("15m", rules.storeErrors(), alert("30 store calls a minute fail with connection "
            + "errors on " + job + " (threshold " + errorsPerMinute + ").",
            "job", job, "error_type", "connection"));
  }

  private TestSeries configurationErrors(String orchestration, String kind) {
    return series(ORCHESTRATION_CONFIGURATION_ERRORS)
        .with(ORCHESTRATION_NAME, orchestration).with(ERROR_KIND, kind);
  }

  private RuleTest configurationErrors() {
    return new RuleTest("configuration errors: a new series or an increase fires, a steady "
        + "count stays quiet")
        .input(reporting(TestSeries.INSTANCE), "4x50")
        .input(configurationErrors("checkout", "nondeterminism"), "_x15 1x35")
        .input(configurationErrors("billing", "unregistered_activity"), "2x50")
        .input(configurationErrors("refund", "version_not_found"), "1x30 2x20")
        .expectFiring("16m", rules.configurationErrors(), alert("checkout on " + job + " hit "
            + "nondeterminism in the last 10 minutes.", "job", job,
            "orchestration_name", "checkout", "error_kind", "nondeterminism"))
        .expectFiring("33m", rules.configurationErrors(), alert("refund on " + job + " hit "
            + "version_not_found in the last 10 minutes.", "job", job,
            "orchestration_name", "refund", "error_kind", "version_not_found"))
        .expectQuiet("45m", rules.configurationErrors());
  }

  private RuleTest configurationErrorsAcrossAGap() {
    return new RuleTest("configuration errors: old errors after a 20m gap in the data (collector "
        + "or Prometheus outage) stay quiet")
        .input(reporting(TestSeries.INSTANCE), "4x10 stale _x19 4x20")
        .input(configurationErrors("checkout", "nondeterminism"), "1x10 stale _x19 1x20")
        .input(series(ORCHESTRATION_POISON).with(ORCHESTRATION_NAME, "checkout"),
            "1x10 stale _x19 1x20")
        .input(series(ACTIVITY_POISON).with(ACTIVITY_NAME, "charge"), "1x10 stale _x19 1x20")
        .input(series(ACTIVITY_CONFIGURATION_ERRORS).with(ACTIVITY_NAME, "charge"),
            "1x10 stale _x19 1x20")
        .expectQuiet("31m", rules.configurationErrors())
        .expectQuiet("35m", rules.configurationErrors())
        .expectQuiet("35m", rules.orchestrationPoisoned())
        .expectQuiet("35m", rules.activityPoisoned())
        .expectQuiet("35m", rules.activityConfigurationErrors());
  }

  private RuleTest activityConfigurationErrors() {
    return new RuleTest("activity configuration errors: the first error fires")
        .input(reporting(TestSeries.INSTANCE), "4x33")
        .input(series(ACTIVITY_CONFIGURATION_ERRORS).with(ACTIVITY_NAME, "charge"), "_x13 1x20")
        .input(series(ACTIVITY_CONFIGURATION_ERRORS).with(ACTIVITY_NAME, "ping"), "4x33")
        .expectFiring("14m", rules.activityConfigurationErrors(), alert("Activity charge is not "
            + "registered on a worker of " + job + " (seen in the last 10 minutes).",
            "job", job, "activity_name", "charge"))
        .expectQuiet("30m", rules.activityConfigurationErrors());
  }

  private RuleTest poison() {
    return new RuleTest("poison: the first poisoned message fires, old ones stay quiet")
        .input(reporting(TestSeries.INSTANCE), "4x33")
        .input(series(ORCHESTRATION_POISON).with(ORCHESTRATION_NAME, "checkout"), "_x3 1x30")
        .input(series(ACTIVITY_POISON).with(ACTIVITY_NAME, "charge"), "_x3 1x30")
        .expectFiring("4m", rules.orchestrationPoisoned(), alert("A message of checkout on "
            + job + " was given up as poison in the last 10 minutes.",
            "job", job, "orchestration_name", "checkout"))
        .expectFiring("4m", rules.activityPoisoned(), alert("An attempt of activity charge on "
            + job + " was given up as poison in the last 10 minutes.",
            "job", job, "activity_name", "charge"))
        .expectQuiet("25m", rules.orchestrationPoisoned())
        .expectQuiet("25m", rules.activityPoisoned());
  }

  private TestSeries on(MetricDefinition gauge, String instance) {
    return series(gauge).with("instance", instance);
  }

  private RuleTest backlog() {
    return new RuleTest("backlog: a long orchestrator queue fires (each of two processes "
        + "reports it, the alert counts it once); so does a long queue that stopped growing")
        .input(on(ORCHESTRATOR_QUEUE_DEPTH, "engine-1"), "0+10x60")
        .input(on(ORCHESTRATOR_QUEUE_DEPTH, "engine-2"), "0+10x60")
        .input(on(WORKER_QUEUE_DEPTH, "engine-1"), "500x60")
        .input(on(WORKER_QUEUE_DEPTH, "engine-2"), "500x60")
        .expectQuiet("20m", rules.orchestratorBacklog())
        .expectFiring("45m", rules.orchestratorBacklog(), alert("450 messages wait in the "
            + "orchestrator queue of " + job + "; it has held more than "
            + config.queueBacklogThreshold() + " for 15 minutes.", "job", job))
        .expectFiring("45m", rules.workerBacklog(), alert("500 messages wait in the worker queue "
            + "of " + job + "; it has held more than " + config.queueBacklogThreshold()
            + " for 15 minutes.", "job", job));
  }

  private RuleTest workerBacklog() {
    return new RuleTest("backlog: a growing worker queue fires")
        .input(on(WORKER_QUEUE_DEPTH, "engine-1"), "200+20x60")
        .expectFiring("40m", rules.workerBacklog(), alert("1000 messages wait in the worker queue of "
            + job + "; it has held more than " + config.queueBacklogThreshold()
            + " for 15 minutes.", "job", job));
  }

  private RuleTest backlogBelowThreshold() {
    return new RuleTest("backlog: a growing but short worker queue stays quiet, a long one fires")
        .input(on(WORKER_QUEUE_DEPTH, "engine-1"), "0+1x60")
        .input(on(ORCHESTRATOR_QUEUE_DEPTH, "engine-1"), "0x60")
        .expectQuiet("45m", rules.workerBacklog())
        .expectQuiet("45m", rules.orchestratorBacklog());
  }

  private RuleTest queueWait() {
    TestSeries worker = TestSeries.bucket(QUEUE_WAIT_DURATION, "300", job).with(QUEUE, "worker");
    TestSeries orchestrator = TestSeries.bucket(QUEUE_WAIT_DURATION, "1", job)
        .with(QUEUE, "orchestrator");
    return new RuleTest("queue wait: a p95 of minutes fires, a p95 under a second stays quiet")
        .input(worker.with("le", "60"), "0x30")
        .input(worker, "0+10x30")
        .input(worker.with("le", "+Inf"), "0+10x30")
        .input(orchestrator, "0+10x30")
        .input(orchestrator.with("le", "+Inf"), "0+10x30")
        .expectQuiet("10m", rules.queueWait())
        .expectFiring("25m", rules.queueWait(), alert("The p95 wait of the worker queue of "
            + job + " is 4m 48s (threshold " + Wording.shortDuration(config.queueWaitP95Threshold())
            + ").", "job", job, "queue", "worker"));
  }

  private RuleTest stuckInput(RuleTest test, String fetched, String busy) {
    return stuckInput(test, fetched, busy, "4x40");
  }

  private RuleTest stuckInput(RuleTest test, String fetched, String busy, String idle) {
    for (String instance : List.of("engine-1", "engine-2")) {
      test.input(on(ACTIVE_ORCHESTRATIONS, instance).with(ORCHESTRATION_NAME, "checkout")
              .with(STATE, "running"), "3x40")
          .input(on(ACTIVE_ORCHESTRATIONS, instance).with(ORCHESTRATION_NAME, "checkout")
              .with(STATE, "waiting_for_timer"), "7x40")
          .input(on(DISPATCHER_ITEMS_FETCHED, instance).with(DISPATCHER, "orchestration"), fetched)
          .input(on(DISPATCHER_SLOTS, instance).with(DISPATCHER, "orchestration")
              .with(SLOT_STATE, "busy"), busy)
          .input(on(DISPATCHER_SLOTS, instance).with(DISPATCHER, "orchestration")
              .with(SLOT_STATE, "idle"), idle);
    }
    return test;
  }

  private RuleTest stuck() {
    return stuckInput(new RuleTest("stuck: 3 running instances (reported by two processes), "
            + "nothing fetched, no slot busy: fires with 3, not 6"), "50x40", "0x40")
        .expectQuiet("10m", rules.stuck())
        .expectFiring("35m", rules.stuck(), alert("3 orchestrations on " + job + " are running or "
            + "waiting for an activity, but no dispatcher has fetched work for 15 minutes: either "
            + "no slot is busy, or every slot of a dispatcher is held.", "job", job));
  }

  private RuleTest stuckWithEverySlotHeld() {
    return stuckInput(new RuleTest("stuck: handlers hang with every slot busy, nothing fetched: "
            + "fires"), "50x40", "4x40", "0x40")
        .expectQuiet("10m", rules.stuck())
        .expectFiring("35m", rules.stuck(), alert("3 orchestrations on " + job + " are running or "
            + "waiting for an activity, but no dispatcher has fetched work for 15 minutes: either "
            + "no slot is busy, or every slot of a dispatcher is held.", "job", job));
  }

  private RuleTest notStuckWhileFetching() {
    return stuckInput(new RuleTest("stuck: dispatchers fetching work stays quiet"), "0+5x40", "0x40")
        .expectQuiet("35m", rules.stuck());
  }

  private RuleTest notStuckWhileBusy() {
    return stuckInput(new RuleTest("stuck: a busy slot (a long activity) stays quiet"), "50x40", "1x40")
        .expectQuiet("35m", rules.stuck());
  }

  /** An engine process's gauge refreshes: the heartbeat the absence alert watches. */
  private TestSeries heartbeat(String job) {
    return TestSeries.count(PROVIDER_OPERATION_DURATION, job).with(OPERATION, "refresh_gauges")
        .with(CALL_STATUS, "success");
  }

  private RuleTest engineAbsent() {
    String other = "checkout-service";
    return new RuleTest("engine absent: a job under another service.name reports on; the default "
        + "job's process dies at 10m (the collector keeps its last values until 15m): fires for it "
        + "alone within 4m of its last export, and keeps firing after its series expire")
        .input(heartbeat(other), "0+6x40")
        .input(series(DISPATCHER_SLOTS).with("job", other).with(DISPATCHER, "worker")
            .with(SLOT_STATE, "idle"), "4x40")
        .input(heartbeat(job), "0+6x10 60x5 stale")
        .input(reporting(TestSeries.INSTANCE), "4x15 stale")
        .expectQuiet("10m", rules.engineAbsent())
        .expectFiring("14m", rules.engineAbsent(), absentAlert(job))
        .expectFiring("35m", rules.engineAbsent(), absentAlert(job));
  }

  private RuleTest.ExpectedAlert absentAlert(String job) {
    return alert("Job " + job + " has not reported a gauge refresh in the last 2 minutes: no "
        + "engine process of it is running, or its telemetry does not get through.", "job", job);
  }

  private RuleTest noEngineAtAll() {
    return new RuleTest("engine absent: no engine series at all fires")
        .input(TestSeries.external("up").with("job", EngineRules.COLLECTOR_SCRAPE_JOB)
            .with("instance", "collector:8889"), "1x10")
        .expectFiring("5m", rules.engineAbsent(), alert("No engine job has reported a gauge "
            + "refresh in the last 2 minutes: no engine process of it is running, or its "
            + "telemetry does not get through."));
  }

  private RuleTest pipelineBroken() {
    return new RuleTest("pipeline: the collector's scrape target down for 2m fires")
        .input(TestSeries.external("up").with("job", EngineRules.COLLECTOR_SCRAPE_JOB)
            .with("instance", "collector:8889"), "1x5 0x10")
        .expectQuiet("5m", rules.pipelineBroken())
        .expectFiring("12m", rules.pipelineBroken(), alert("The collector's metrics endpoint "
            + "collector:8889 has been down for 2 minutes: no engine metric reaches "
            + "Prometheus and logs may not reach Loki.", "job", EngineRules.COLLECTOR_SCRAPE_JOB,
            "instance", "collector:8889"));
  }

  private TestSeries collector(String metric, String exporter, String dataType) {
    return TestSeries.external(metric).with("job", "otelcol").with("instance", "collector:8888")
        .with("exporter", exporter).with("data_type", dataType);
  }

  private RuleTest collectorExportFailures() {
    return new RuleTest("collector: the Loki exporter failing fires; sending fine stays quiet")
        .input(collector(CollectorSelfMetrics.SEND_FAILED_LOG_RECORDS, "otlp_http/loki", "logs"),
            "0x5 0+60x20")
        .input(collector(CollectorSelfMetrics.SEND_FAILED_METRIC_POINTS, "prometheus", "metrics"),
            "0x25")
        .expectQuiet("5m", rules.collectorExportFailures())
        .expectFiring("20m", rules.collectorExportFailures(), alert("Exporter otlp_http/loki of "
            + "collector collector:8888 fails to send 1 items a second.", "job", "otelcol",
            "instance", "collector:8888", "exporter", "otlp_http/loki"));
  }

  private RuleTest collectorDropping() {
    return new RuleTest("collector: a full queue dropping log records fires")
        .input(collector(CollectorSelfMetrics.ENQUEUE_FAILED_LOG_RECORDS, "otlp_http/loki", "logs"),
            "0x5 0+120x20")
        .input(TestSeries.external(CollectorSelfMetrics.REFUSED_METRIC_POINTS)
            .with("job", "otelcol").with("instance", "collector:8888").with("receiver", "otlp")
            .with("transport", "http"), "0x25")
        .expectQuiet("5m", rules.collectorDropping())
        .expectFiring("20m", rules.collectorDropping(), alert("Collector collector:8888 refuses "
            + "or drops 2 items a second (memory limiter or a full sending queue).",
            "job", "otelcol", "instance", "collector:8888"));
  }

  private RuleTest collectorQueueFull() {
    return new RuleTest("collector: a sending queue 90% full fires, 10% stays quiet")
        .input(collector(CollectorSelfMetrics.QUEUE_SIZE, "otlp_http/loki", "logs"), "100x5 900x20")
        .input(collector(CollectorSelfMetrics.QUEUE_CAPACITY, "otlp_http/loki", "logs"), "1000x25")
        .expectQuiet("5m", rules.collectorQueueFull())
        .expectFiring("20m", rules.collectorQueueFull(), alert("The sending queue of exporter "
            + "otlp_http/loki on collector collector:8888 is 90% full.", "job", "otelcol",
            "instance", "collector:8888", "exporter", "otlp_http/loki"));
  }

  private RuleTest watchdog() {
    return new RuleTest("watchdog: always fires, with no data at all")
        .input(TestSeries.external("up").with("job", EngineRules.COLLECTOR_SCRAPE_JOB)
            .with("instance", "collector:8889"), "1x5")
        .expectFiring("1m", rules.watchdog(), alert("This alert always fires. Alertmanager routes "
            + "it to a dead man's switch, which pages when it stops arriving."));
  }

  private RuleTest histogramRates() {
    TestSeries orchestration = TestSeries.bucket(ORCHESTRATION_DURATION, "1", job)
        .with(ORCHESTRATION_NAME, "checkout").with(VERSION, "1");
    TestSeries queue = TestSeries.bucket(QUEUE_WAIT_DURATION, "0.1", job).with(QUEUE, "worker");
    return new RuleTest("histogram recordings: rates per instance and name, other labels summed")
        .input(orchestration.with(STATUS, "success"), "0+6x10")
        .input(orchestration.with(STATUS, "failed"), "0+3x10")
        .input(activityBucket("charge", "60"), "0+12x10")
        .input(activityBucket("charge", "60").with(ACTIVITY_OUTCOME, "timeout"), "0+6x10")
        .input(storeBucket("read_history", "0.5"), "0+30x10")
        .input(storeBucket("read_history", "0.5").with(CALL_STATUS, "error"), "0+30x10")
        .input(queue, "0+60x10")
        .expectSamples("10m", rules.orchestrationDurationRate(), sample(
            rules.orchestrationDurationRate(), 0.15, "le", "1", "orchestration_name", "checkout"))
        .expectSamples("10m", rules.activityDurationRate(), sample(
            rules.activityDurationRate(), 0.3, "activity_name", "charge", "le", "60"))
        .expectSamples("10m", rules.storeDurationRate(), sample(
            rules.storeDurationRate(), 1, "le", "0.5", "operation", "read_history"))
        .expectSamples("10m", rules.queueWaitRate(), sample(
            rules.queueWaitRate(), 1, "le", "0.1", "queue", "worker"));
  }

  private RuleTest failureRatios() {
    RuleTest test = new RuleTest("failure ratios: failed / (succeeded + failed) in every "
        + "window and over the error-budget period; cancelled and continued-as-new executions do not count")
        .input(completions("checkout", "success"), "0+3x30")
        .input(completions("checkout", "failed"), "0+1x30")
        .input(completions("checkout", "cancelled"), "0+5x30")
        .input(completions("checkout", "continuedAsNew"), "0+7x30")
        .input(completions("billing", "success"), "0+1x30")
        .input(completions("billing", "failed"), "0+3x30");
    List<RecordingRule> ratios = new java.util.ArrayList<>(rules.failureRatios());
    ratios.add(rules.budgetFailureRatio());
    for (RecordingRule r : ratios) {
      test.expectSamples("30m", r, new RuleTest.Sample(
          TestSeries.recorded(r.record()).with("job", job).notation(), 0.5));
    }
    return test;
  }

  private RuleTest.Sample sample(RecordingRule rule, double value, String... labels) {
    TestSeries s = TestSeries.recorded(rule.record()).with("instance", TestSeries.INSTANCE)
        .with("job", job);
    for (int i = 0; i < labels.length; i += 2) {
      s = s.with(labels[i], labels[i + 1]);
    }
    return new RuleTest.Sample(s.notation(), value);
  }
}
