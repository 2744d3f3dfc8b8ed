package io.durobs.dashboards.rules;

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
import static io.durobs.dashboards.rules.EngineRules.ACTIVITY_CONFIGURATION_ERRORS_ALERT;
import static io.durobs.dashboards.rules.EngineRules.ACTIVITY_INFRASTRUCTURE_ERRORS_HIGH;
import static io.durobs.dashboards.rules.EngineRules.ACTIVITY_POISONED;
import static io.durobs.dashboards.rules.EngineRules.ACTIVITY_SLOW;
import static io.durobs.dashboards.rules.EngineRules.CONFIGURATION_ERRORS;
import static io.durobs.dashboards.rules.EngineRules.ENGINE_ABSENT;
import static io.durobs.dashboards.rules.EngineRules.ORCHESTRATION_FAILURE_RATE;
import static io.durobs.dashboards.rules.EngineRules.ORCHESTRATION_INFRASTRUCTURE_ERRORS_HIGH;
import static io.durobs.dashboards.rules.EngineRules.ORCHESTRATION_POISONED;
import static io.durobs.dashboards.rules.EngineRules.ORCHESTRATOR_BACKLOG;
import static io.durobs.dashboards.rules.EngineRules.PIPELINE_BROKEN;
import static io.durobs.dashboards.rules.EngineRules.SLO_BURN_FAST;
import static io.durobs.dashboards.rules.EngineRules.SLO_BURN_SLOW;
import static io.durobs.dashboards.rules.EngineRules.STORE_ERRORS;
import static io.durobs.dashboards.rules.EngineRules.STORE_LATENCY;
import static io.durobs.dashboards.rules.EngineRules.STUCK;
import static io.durobs.dashboards.rules.EngineRules.WORKER_BACKLOG;
import static io.durobs.dashboards.rules.RuleTest.alert;

import io.durobs.engine.catalogue.MetricDefinition;
import java.util.List;

/**
 * The promtool unit tests of {@link EngineRules}: for every alert a case where it fires (with
 * its exact labels and rendered description) and one where it stays quiet; for every recording
 * rule the samples it must record. Values use promtool's expanding notation: {@code 0+9x30} is
 * 0, 9, 18, ... (31 values, one a minute), {@code _} a missing sample.
 */
public final class EngineRuleTests {

  private static final String JOB = TestSeries.JOB;

  private EngineRuleTests() {}

  /** Tests of the alerting rules. */
  public static List<RuleTest> alertTests() {
    return List.of(failureRate(), burnFast(), burnSlowOneDay(), burnSlowThreeDays(),
        withinBudget(), activitySlow(), activityFast(), storeLatency(), storeFast(),
        infrastructureErrors(), fewInfrastructureErrors(), configurationErrors(),
        activityConfigurationErrors(), poison(), backlog(), workerBacklog(),
        backlogBelowThreshold(), stuck(), notStuckWhileFetching(), notStuckWhileBusy(),
        engineAbsent(), pipelineBroken());
  }

  /** Tests of the recording rules. */
  public static List<RuleTest> recordingTests() {
    return List.of(histogramRates(), failureRatios());
  }

  private static TestSeries completions(String orchestration, String status) {
    return TestSeries.of(ORCHESTRATION_COMPLETIONS).with(ORCHESTRATION_NAME, orchestration)
        .with(VERSION, "1").with(STATUS, status).with(FINAL_TURN_COUNT, "1-5");
  }

  private static RuleTest failureRate() {
    return new RuleTest("failure rate: 10% fires after 10m, 1% stays quiet")
        .input(completions("checkout", "success"), "0+9x30")
        .input(completions("checkout", "failed"), "0+1x30")
        .input(completions("billing", "success"), "0+99x30")
        .input(completions("billing", "failed"), "0+1x30")
        .expectQuiet("5m", ORCHESTRATION_FAILURE_RATE)
        .expectFiring("20m", ORCHESTRATION_FAILURE_RATE, alert("10% of the checkout executions "
            + "that finished on duroxide-engine in the last 5 minutes failed (threshold 5%).",
            "job", JOB, "orchestration_name", "checkout"));
  }

  private static RuleTest burnFast() {
    return new RuleTest("error budget: 80% failures page (14.4x over 1h) and ticket")
        .input(completions("checkout", "success"), "0+2x90")
        .input(completions("checkout", "failed"), "0+8x90")
        .expectFiring("70m", SLO_BURN_FAST, alert("duroxide-engine: 80% of finished executions "
            + "failed over the long window, 14.4x (1h) or 6x (6h) the error budget of the 95% "
            + "success objective; at this rate a 30-day budget lasts days.", "job", JOB))
        .expectFiring("70m", SLO_BURN_SLOW, alert("duroxide-engine: 80% of finished executions "
            + "failed over the long window, 3x (1d) or 1x (3d) the error budget of the 95% "
            + "success objective.", "job", JOB));
  }

  private static RuleTest burnSlowOneDay() {
    return new RuleTest("error budget: 20% failures ticket (3x over 1d) but do not page")
        .input(completions("checkout", "success"), "0+8x90")
        .input(completions("checkout", "failed"), "0+2x90")
        .expectQuiet("70m", SLO_BURN_FAST)
        .expectFiring("70m", SLO_BURN_SLOW, alert("duroxide-engine: 20% of finished executions "
            + "failed over the long window, 3x (1d) or 1x (3d) the error budget of the 95% "
            + "success objective.", "job", JOB));
  }

  private static RuleTest burnSlowThreeDays() {
    return new RuleTest("error budget: 7% failures ticket through the 3d window")
        .input(completions("checkout", "success"), "0+93x90")
        .input(completions("checkout", "failed"), "0+7x90")
        .expectQuiet("70m", SLO_BURN_FAST)
        .expectFiring("70m", SLO_BURN_SLOW, alert("duroxide-engine: 7% of finished executions "
            + "failed over the long window, 3x (1d) or 1x (3d) the error budget of the 95% "
            + "success objective.", "job", JOB));
  }

  private static RuleTest withinBudget() {
    return new RuleTest("error budget: 4% failures and any number of cancellations are fine")
        .input(completions("checkout", "success"), "0+96x90")
        .input(completions("checkout", "failed"), "0+4x90")
        .input(completions("checkout", "cancelled"), "0+50x90")
        .expectQuiet("70m", SLO_BURN_FAST)
        .expectQuiet("70m", SLO_BURN_SLOW)
        .expectQuiet("70m", ORCHESTRATION_FAILURE_RATE);
  }

  private static TestSeries activityBucket(String activity, String le) {
    return TestSeries.bucket(ACTIVITY_DURATION, le).with(ACTIVITY_NAME, activity)
        .with(ACTIVITY_OUTCOME, "success");
  }

  private static RuleTest activitySlow() {
    return new RuleTest("slow activity: p99 of 297.6s fires, p99 under 1s stays quiet")
        .input(activityBucket("charge", "1"), "0x30")
        .input(activityBucket("charge", "60"), "0x30")
        .input(activityBucket("charge", "300"), "0+10x30")
        .input(activityBucket("charge", "+Inf"), "0+10x30")
        .input(activityBucket("ping", "1"), "0+10x30")
        .input(activityBucket("ping", "60"), "0+10x30")
        .input(activityBucket("ping", "300"), "0+10x30")
        .input(activityBucket("ping", "+Inf"), "0+10x30")
        .expectFiring("25m", ACTIVITY_SLOW, alert("The p99 duration of activity charge on "
            + "duroxide-engine is 4m 57s (threshold 60s).", "job", JOB, "activity_name", "charge"));
  }

  private static RuleTest activityFast() {
    return new RuleTest("slow activity: p99 under 1s stays quiet")
        .input(activityBucket("ping", "1"), "0+10x30")
        .input(activityBucket("ping", "60"), "0+10x30")
        .input(activityBucket("ping", "+Inf"), "0+10x30")
        .expectQuiet("25m", ACTIVITY_SLOW);
  }

  private static TestSeries storeBucket(String operation, String le) {
    return TestSeries.bucket(PROVIDER_OPERATION_DURATION, le).with(OPERATION, operation)
        .with(CALL_STATUS, "success");
  }

  private static RuleTest storeLatency() {
    return new RuleTest("store latency: p95 of 975ms fires, p95 under 10ms stays quiet")
        .input(storeBucket("read_history", "0.5"), "0x30")
        .input(storeBucket("read_history", "1"), "0+10x30")
        .input(storeBucket("read_history", "+Inf"), "0+10x30")
        .input(storeBucket("ack_work_item", "0.01"), "0+100x30")
        .input(storeBucket("ack_work_item", "0.5"), "0+100x30")
        .input(storeBucket("ack_work_item", "+Inf"), "0+100x30")
        .expectFiring("25m", STORE_LATENCY, alert("The p95 latency of store operation "
            + "read_history on duroxide-engine is 975ms (threshold 500ms).",
            "job", JOB, "operation", "read_history"));
  }

  private static RuleTest storeFast() {
    return new RuleTest("store latency: p95 under 10ms stays quiet")
        .input(storeBucket("ack_work_item", "0.01"), "0+100x30")
        .input(storeBucket("ack_work_item", "0.5"), "0+100x30")
        .input(storeBucket("ack_work_item", "+Inf"), "0+100x30")
        .expectQuiet("25m", STORE_LATENCY);
  }

  private static RuleTest fewInfrastructureErrors() {
    return new RuleTest("infrastructure errors: 5 a minute or fewer stay quiet")
        .input(TestSeries.of(ORCHESTRATION_INFRASTRUCTURE_ERRORS)
            .with(ORCHESTRATION_NAME, "checkout").with(OPERATION, "ack_orchestration_item"), "0+5x20")
        .input(TestSeries.of(ACTIVITY_INFRASTRUCTURE_ERRORS).with(ACTIVITY_NAME, "ping"), "0+5x20")
        .input(TestSeries.of(PROVIDER_ERRORS).with(OPERATION, "ack_work_item")
            .with(STORE_ERROR_TYPE, "deadlock"), "0+2x20")
        .expectQuiet("15m", ORCHESTRATION_INFRASTRUCTURE_ERRORS_HIGH)
        .expectQuiet("15m", ACTIVITY_INFRASTRUCTURE_ERRORS_HIGH)
        .expectQuiet("15m", STORE_ERRORS);
  }

  private static RuleTest infrastructureErrors() {
    return new RuleTest("infrastructure errors: 20, 12 and 30 a minute fire, 5 and 2 stay quiet")
        .input(TestSeries.of(ORCHESTRATION_INFRASTRUCTURE_ERRORS)
            .with(ORCHESTRATION_NAME, "checkout").with(OPERATION, "read_history"), "0+20x20")
        .input(TestSeries.of(ORCHESTRATION_INFRASTRUCTURE_ERRORS)
            .with(ORCHESTRATION_NAME, "checkout").with(OPERATION, "ack_orchestration_item"), "0+5x20")
        .input(TestSeries.of(ACTIVITY_INFRASTRUCTURE_ERRORS).with(ACTIVITY_NAME, "charge"), "0+12x20")
        .input(TestSeries.of(ACTIVITY_INFRASTRUCTURE_ERRORS).with(ACTIVITY_NAME, "ping"), "0+5x20")
        .input(TestSeries.of(PROVIDER_ERRORS).with(OPERATION, "fetch_work_item")
            .with(STORE_ERROR_TYPE, "connection"), "0+30x20")
        .input(TestSeries.of(PROVIDER_ERRORS).with(OPERATION, "ack_work_item")
            .with(STORE_ERROR_TYPE, "deadlock"), "0+2x20")
        .expectQuiet("3m", ORCHESTRATION_INFRASTRUCTURE_ERRORS_HIGH)
        .expectFiring("15m", ORCHESTRATION_INFRASTRUCTURE_ERRORS_HIGH, alert("20 infrastructure "
            + "errors a minute in read_history while processing turns on duroxide-engine "
            + "(threshold 10).", "job", JOB, "operation", "read_history"))
        .expectFiring("15m", ACTIVITY_INFRASTRUCTURE_ERRORS_HIGH, alert("12 infrastructure "
            + "errors a minute around activity charge on duroxide-engine (threshold 10).",
            "job", JOB, "activity_name", "charge"))
        .expectFiring("15m", STORE_ERRORS, alert("30 store calls a minute fail with connection "
            + "errors on duroxide-engine (threshold 10).", "job", JOB, "error_type", "connection"));
  }

  private static TestSeries configurationErrors(String orchestration, String kind) {
    return TestSeries.of(ORCHESTRATION_CONFIGURATION_ERRORS)
        .with(ORCHESTRATION_NAME, orchestration).with(ERROR_KIND, kind);
  }

  private static RuleTest configurationErrors() {
    return new RuleTest("configuration errors: a new series or an increase fires, a steady "
        + "count stays quiet")
        .input(configurationErrors("checkout", "nondeterminism"), "_x15 1x35")
        .input(configurationErrors("billing", "unregistered_activity"), "2x50")
        .input(configurationErrors("refund", "version_not_found"), "1x30 2x20")
        .expectFiring("16m", CONFIGURATION_ERRORS, alert("checkout on duroxide-engine hit "
            + "nondeterminism in the last 10 minutes.", "job", JOB,
            "orchestration_name", "checkout", "error_kind", "nondeterminism"))
        .expectFiring("33m", CONFIGURATION_ERRORS, alert("refund on duroxide-engine hit "
            + "version_not_found in the last 10 minutes.", "job", JOB,
            "orchestration_name", "refund", "error_kind", "version_not_found"))
        .expectQuiet("45m", CONFIGURATION_ERRORS);
  }

  private static RuleTest activityConfigurationErrors() {
    return new RuleTest("activity configuration errors: the first error fires")
        .input(TestSeries.of(ACTIVITY_CONFIGURATION_ERRORS).with(ACTIVITY_NAME, "charge"), "_x13 1x20")
        .input(TestSeries.of(ACTIVITY_CONFIGURATION_ERRORS).with(ACTIVITY_NAME, "ping"), "4x33")
        .expectFiring("14m", ACTIVITY_CONFIGURATION_ERRORS_ALERT, alert("Activity charge is not "
            + "registered on a worker of duroxide-engine (seen in the last 10 minutes).",
            "job", JOB, "activity_name", "charge"))
        .expectQuiet("30m", ACTIVITY_CONFIGURATION_ERRORS_ALERT);
  }

  private static RuleTest poison() {
    return new RuleTest("poison: the first poisoned message fires, old ones stay quiet")
        .input(TestSeries.of(ORCHESTRATION_POISON).with(ORCHESTRATION_NAME, "checkout"), "_x3 1x30")
        .input(TestSeries.of(ACTIVITY_POISON).with(ACTIVITY_NAME, "charge"), "_x3 1x30")
        .expectFiring("4m", ORCHESTRATION_POISONED, alert("A message of checkout on "
            + "duroxide-engine was given up as poison in the last 10 minutes.",
            "job", JOB, "orchestration_name", "checkout"))
        .expectFiring("4m", ACTIVITY_POISONED, alert("An attempt of activity charge on "
            + "duroxide-engine was given up as poison in the last 10 minutes.",
            "job", JOB, "activity_name", "charge"))
        .expectQuiet("25m", ORCHESTRATION_POISONED)
        .expectQuiet("25m", ACTIVITY_POISONED);
  }

  private static TestSeries on(MetricDefinition gauge, String instance) {
    return TestSeries.of(gauge).with("instance", instance);
  }

  private static RuleTest backlog() {
    return new RuleTest("backlog: a growing orchestrator queue fires (each of two processes "
        + "reports it, the alert counts it once); a long but flat worker queue stays quiet")
        .input(on(ORCHESTRATOR_QUEUE_DEPTH, "engine-1"), "0+10x60")
        .input(on(ORCHESTRATOR_QUEUE_DEPTH, "engine-2"), "0+10x60")
        .input(on(WORKER_QUEUE_DEPTH, "engine-1"), "500x60")
        .input(on(WORKER_QUEUE_DEPTH, "engine-2"), "500x60")
        .expectQuiet("20m", ORCHESTRATOR_BACKLOG)
        .expectFiring("45m", ORCHESTRATOR_BACKLOG, alert("450 messages wait in the "
            + "orchestrator queue of duroxide-engine and the backlog has grown for 15 minutes.",
            "job", JOB))
        .expectQuiet("45m", WORKER_BACKLOG);
  }

  private static RuleTest workerBacklog() {
    return new RuleTest("backlog: a growing worker queue fires")
        .input(on(WORKER_QUEUE_DEPTH, "engine-1"), "200+20x60")
        .expectFiring("40m", WORKER_BACKLOG, alert("1000 messages wait in the worker queue of "
            + "duroxide-engine and the backlog has grown for 15 minutes.", "job", JOB));
  }

  private static RuleTest backlogBelowThreshold() {
    return new RuleTest("backlog: a growing but short worker queue stays quiet, a long one fires")
        .input(on(WORKER_QUEUE_DEPTH, "engine-1"), "0+1x60")
        .input(on(ORCHESTRATOR_QUEUE_DEPTH, "engine-1"), "0x60")
        .expectQuiet("45m", WORKER_BACKLOG)
        .expectQuiet("45m", ORCHESTRATOR_BACKLOG);
  }

  private static RuleTest stuckInput(RuleTest test, String fetched, String busy) {
    for (String instance : List.of("engine-1", "engine-2")) {
      test.input(on(ACTIVE_ORCHESTRATIONS, instance).with(ORCHESTRATION_NAME, "checkout")
              .with(STATE, "running"), "3x40")
          .input(on(ACTIVE_ORCHESTRATIONS, instance).with(ORCHESTRATION_NAME, "checkout")
              .with(STATE, "waiting_for_timer"), "7x40")
          .input(on(DISPATCHER_ITEMS_FETCHED, instance).with(DISPATCHER, "orchestration"), fetched)
          .input(on(DISPATCHER_SLOTS, instance).with(DISPATCHER, "orchestration")
              .with(SLOT_STATE, "busy"), busy)
          .input(on(DISPATCHER_SLOTS, instance).with(DISPATCHER, "orchestration")
              .with(SLOT_STATE, "idle"), "4x40");
    }
    return test;
  }

  private static RuleTest stuck() {
    return stuckInput(new RuleTest("stuck: 3 running instances (reported by two processes), "
            + "nothing fetched, no slot busy: fires with 3, not 6"), "50x40", "0x40")
        .expectQuiet("10m", STUCK)
        .expectFiring("35m", STUCK, alert("3 orchestrations on duroxide-engine are running or "
            + "waiting for an activity, but no dispatcher has fetched work for 15 minutes and no "
            + "slot is busy.", "job", JOB));
  }

  private static RuleTest notStuckWhileFetching() {
    return stuckInput(new RuleTest("stuck: dispatchers fetching work stays quiet"), "0+5x40", "0x40")
        .expectQuiet("35m", STUCK);
  }

  private static RuleTest notStuckWhileBusy() {
    return stuckInput(new RuleTest("stuck: a busy slot (a long activity) stays quiet"), "50x40", "1x40")
        .expectQuiet("35m", STUCK);
  }

  private static RuleTest engineAbsent() {
    return new RuleTest("engine absent: only another job reports, fires after 5m")
        .input(TestSeries.of(DISPATCHER_SLOTS).with("job", "other-engine")
            .with(DISPATCHER, "worker").with(SLOT_STATE, "idle"), "4x20")
        .input(TestSeries.of(DISPATCHER_SLOTS).with(DISPATCHER, "worker")
            .with(SLOT_STATE, "idle"), "4x5")
        .expectQuiet("4m", ENGINE_ABSENT)
        .expectFiring("18m", ENGINE_ABSENT, alert("No series of job duroxide-engine has reached "
            + "Prometheus for 5 minutes: no engine process is running, or its telemetry does not "
            + "get through.", "job", JOB));
  }

  private static RuleTest pipelineBroken() {
    return new RuleTest("pipeline: the collector's scrape target down for 2m fires")
        .input(TestSeries.external("up").with("job", EngineRules.COLLECTOR_SCRAPE_JOB)
            .with("instance", "collector:8889"), "1x5 0x10")
        .expectQuiet("5m", PIPELINE_BROKEN)
        .expectFiring("12m", PIPELINE_BROKEN, alert("The collector's metrics endpoint "
            + "collector:8889 has been down for 2 minutes: no engine metric reaches "
            + "Prometheus and logs may not reach Loki.", "job", EngineRules.COLLECTOR_SCRAPE_JOB,
            "instance", "collector:8889"));
  }

  private static RuleTest histogramRates() {
    TestSeries orchestration = TestSeries.bucket(ORCHESTRATION_DURATION, "1")
        .with(ORCHESTRATION_NAME, "checkout").with(VERSION, "1");
    TestSeries queue = TestSeries.bucket(QUEUE_WAIT_DURATION, "0.1").with(QUEUE, "worker");
    return new RuleTest("histogram recordings: rates per instance and name, other labels summed")
        .input(orchestration.with(STATUS, "success"), "0+6x10")
        .input(orchestration.with(STATUS, "failed"), "0+3x10")
        .input(activityBucket("charge", "60"), "0+12x10")
        .input(activityBucket("charge", "60").with(ACTIVITY_OUTCOME, "timeout"), "0+6x10")
        .input(storeBucket("read_history", "0.5"), "0+30x10")
        .input(storeBucket("read_history", "0.5").with(CALL_STATUS, "error"), "0+30x10")
        .input(queue, "0+60x10")
        .expectSamples("10m", EngineRules.ORCHESTRATION_DURATION_RATE, sample(
            EngineRules.ORCHESTRATION_DURATION_RATE, 0.15, "le", "1", "orchestration_name", "checkout"))
        .expectSamples("10m", EngineRules.ACTIVITY_DURATION_RATE, sample(
            EngineRules.ACTIVITY_DURATION_RATE, 0.3, "activity_name", "charge", "le", "60"))
        .expectSamples("10m", EngineRules.STORE_DURATION_RATE, sample(
            EngineRules.STORE_DURATION_RATE, 1, "le", "0.5", "operation", "read_history"))
        .expectSamples("10m", EngineRules.QUEUE_WAIT_RATE, sample(
            EngineRules.QUEUE_WAIT_RATE, 1, "le", "0.1", "queue", "worker"));
  }

  private static RuleTest failureRatios() {
    RuleTest test = new RuleTest("failure ratios: failed / (succeeded + failed) in every "
        + "window; cancelled and continued-as-new executions do not count")
        .input(completions("checkout", "success"), "0+3x30")
        .input(completions("checkout", "failed"), "0+1x30")
        .input(completions("checkout", "cancelled"), "0+5x30")
        .input(completions("checkout", "continuedAsNew"), "0+7x30")
        .input(completions("billing", "success"), "0+1x30")
        .input(completions("billing", "failed"), "0+3x30");
    for (RecordingRule r : EngineRules.FAILURE_RATIOS) {
      test.expectSamples("30m", r, new RuleTest.Sample(
          TestSeries.recorded(r.record()).with("job", JOB).notation(), 0.5));
    }
    return test;
  }

  private static RuleTest.Sample sample(RecordingRule rule, double value, String... labels) {
    TestSeries s = TestSeries.recorded(rule.record()).with("instance", TestSeries.INSTANCE)
        .with("job", JOB);
    for (int i = 0; i < labels.length; i += 2) {
      s = s.with(labels[i], labels[i + 1]);
    }
    return new RuleTest.Sample(s.notation(), value);
  }
}
