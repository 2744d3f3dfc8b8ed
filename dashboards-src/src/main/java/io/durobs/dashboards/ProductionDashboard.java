package io.durobs.dashboards;

import static io.durobs.dashboards.Panels.instantQuery;
import static io.durobs.dashboards.Panels.outcomeColors;
import static io.durobs.dashboards.Panels.quantiles;
import static io.durobs.dashboards.Panels.query;
import static io.durobs.dashboards.Panels.rate;
import static io.durobs.dashboards.Panels.timeseries;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVE_ORCHESTRATIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_CONFIGURATION_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_EXECUTIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_INFRASTRUCTURE_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_NAME;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_OUTCOME;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.CALL_OUTCOME;
import static io.durobs.engine.catalogue.MetricCatalogue.CHILD_ORCHESTRATION;
import static io.durobs.engine.catalogue.MetricCatalogue.CLIENT_CANCELLATIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.CLIENT_EXTERNAL_EVENTS_RAISED;
import static io.durobs.engine.catalogue.MetricCatalogue.CLIENT_ORCHESTRATION_STARTS;
import static io.durobs.engine.catalogue.MetricCatalogue.CLIENT_WAIT_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_ITEMS_FETCHED;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_SLOTS;
import static io.durobs.engine.catalogue.MetricCatalogue.ERROR_KIND;
import static io.durobs.engine.catalogue.MetricCatalogue.ERROR_TYPE;
import static io.durobs.engine.catalogue.MetricCatalogue.EVENT_NAME;
import static io.durobs.engine.catalogue.MetricCatalogue.INITIATED_BY;
import static io.durobs.engine.catalogue.MetricCatalogue.JVM_CLASS_COUNT;
import static io.durobs.engine.catalogue.MetricCatalogue.JVM_CLASS_LOADED;
import static io.durobs.engine.catalogue.MetricCatalogue.JVM_GC_ACTION;
import static io.durobs.engine.catalogue.MetricCatalogue.JVM_GC_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.JVM_MEMORY_LIMIT;
import static io.durobs.engine.catalogue.MetricCatalogue.JVM_MEMORY_USED;
import static io.durobs.engine.catalogue.MetricCatalogue.JVM_THREAD_COUNT;
import static io.durobs.engine.catalogue.MetricCatalogue.JVM_THREAD_STATE;
import static io.durobs.engine.catalogue.MetricCatalogue.OPERATION;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_COMPLETIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_CONFIGURATION_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_CONTINUE_AS_NEW;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_FAILURES;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_HISTORY_SIZE;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_INFRASTRUCTURE_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_NAME;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_STARTS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_TURNS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATOR_QUEUE_DEPTH;
import static io.durobs.engine.catalogue.MetricCatalogue.PARENT_ORCHESTRATION;
import static io.durobs.engine.catalogue.MetricCatalogue.PROCESS_UPTIME;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_ACK_ORCHESTRATION_RETRIES;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_OPERATION_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.OVERFLOWED_LABEL;
import static io.durobs.engine.catalogue.MetricCatalogue.OVERFLOW_VALUE;
import static io.durobs.engine.catalogue.MetricCatalogue.QUEUE;
import static io.durobs.engine.catalogue.MetricCatalogue.RETRY_ATTEMPT;
import static io.durobs.engine.catalogue.MetricCatalogue.SLOT_STATE;
import static io.durobs.engine.catalogue.MetricCatalogue.STATE;
import static io.durobs.engine.catalogue.MetricCatalogue.STATUS;
import static io.durobs.engine.catalogue.MetricCatalogue.STORE_ERROR_TYPE;
import static io.durobs.engine.catalogue.MetricCatalogue.SUBORCHESTRATION_CALLS;
import static io.durobs.engine.catalogue.MetricCatalogue.SUBORCHESTRATION_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.TELEMETRY_LABEL_OVERFLOW;
import static io.durobs.engine.catalogue.MetricCatalogue.WAIT_OUTCOME;
import static io.durobs.engine.catalogue.MetricCatalogue.WORKER_QUEUE_DEPTH;
import static io.durobs.toolkit.promql.PromQl.histogramQuantile;
import static io.durobs.toolkit.promql.PromQl.increase;
import static io.durobs.toolkit.promql.PromQl.max;
import static io.durobs.toolkit.promql.PromQl.sum;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.config.Wording;
import io.durobs.dashboards.rules.EngineRules;
import io.durobs.toolkit.grafana.BarGaugePanelBuilder;
import io.durobs.toolkit.grafana.Common;
import io.durobs.toolkit.grafana.Dashboard;
import io.durobs.toolkit.grafana.DashboardBuilder;
import io.durobs.toolkit.grafana.OverrideBuilder;
import io.durobs.toolkit.grafana.RowBuilder;
import io.durobs.toolkit.grafana.StatPanelBuilder;
import io.durobs.toolkit.grafana.TablePanelBuilder;
import io.durobs.toolkit.grafana.ThresholdsBuilder;
import io.durobs.toolkit.grafana.TimeseriesPanelBuilder;
import io.durobs.toolkit.grafana.Units;
import io.durobs.toolkit.promql.Expr;
import io.durobs.toolkit.promql.PromQl;
import io.durobs.toolkit.promql.Selector;
import java.time.Duration;
import java.util.Map;

/**
 * The Production dashboard: throughput, success, latency percentiles, errors by class, the
 * store, queues and capacity, clients and sub-orchestrations, filterable by job, instance, orchestration and activity.
 * Percentiles read the recording rules (bucket rates over the rules' window), so they stay
 * cheap over long ranges.
 */
public final class ProductionDashboard {

  private final ContentConfig config;
  /** The shared filters, variables and presets of {@link #config}. */
  private final Panels p;
  private final EngineRules rules;

  private ProductionDashboard(ContentConfig config) {
    this.config = config;
    this.p = Panels.of(config);
    this.rules = EngineRules.of(config);
  }

  /** Builds the dashboard of this configuration. */
  public static Dashboard build(ContentConfig config) {
    return new ProductionDashboard(config).dashboard();
  }

  private Dashboard dashboard() {
    DashboardBuilder d = p.dashboard(config.productionUid(), "Durable engine / Production",
        "Throughput, success, latency, errors by class, the store, queues and capacity of the "
            + "durable orchestration engine.", "production")
        .withVariable(p.datasourceVariable())
        .withVariable(p.jobVariable(".*"))
        .withVariable(p.instanceVariable())
        .withVariable(p.orchestrationVariable())
        .withVariable(p.activityVariable());
    slo(d);
    orchestrations(d);
    activities(d);
    errors(d);
    store(d);
    capacity(d);
    clients(d);
    process(d);
    return d.build();
  }

  /**
   * The success objective, read from the failure-ratio recording rules only (per job; the rules
   * keep no instance): the SLI over every window, the budget left and the burn per alert pair.
   */
  private void slo(DashboardBuilder d) {
    double budget = config.errorBudget().doubleValue();
    d.withRow(new RowBuilder("SLO: " + p.objectiveText()));
    TimeseriesPanelBuilder sli = timeseries("Availability SLI by window",
            "Succeeded / (succeeded + failed) executions per job over each SLO window, from the "
                + "failure-ratio recording rules (1 - ratio). The dashed lines are "
                + p.objectiveText() + " and " + p.healthyText() + ".", Units.PERCENT_UNIT)
        .max(1).thresholds(p.successThresholds()).thresholdsAsLines().span(10);
    for (String w : config.sloWindows()) {
      sli.withTarget(query(Expr.number(1).minus(sloRatio(w)), "{{job}} " + w));
    }
    d.withPanel(sli);
    String period = config.errorBudgetWindow();
    d.withPanel(new StatPanelBuilder().title("Error budget remaining (" + period + ")")
        .description("Share of the " + period + " error budget (" + Wording.percent(config.errorBudget())
            + "% of executions may fail) not yet spent: 1 - failure ratio over " + period
            + " / budget, from the " + period + " failure-ratio recording rule. Below zero the "
            + "objective is missed.")
        .datasource(Panels.PROMETHEUS).unit(Units.PERCENT_UNIT).decimals(1).span(4).height(8)
        .thresholds(new ThresholdsBuilder().base("red").step(0.0, "yellow").step(0.5, "green"))
        .withTarget(query(Expr.number(1).minus(PromQl.recorded(rules.budgetFailureRatio().record())
                .with(jobOnly()).div(Expr.number(budget))), "{{job}}")));
    TimeseriesPanelBuilder burn = timeseries("Burn rate per alert window pair",
            "How many times faster than the budget allows executions fail, per burn-rate alert "
                + "window pair: the slower of its long and short window, which is what the "
                + "alert compares with its factor (the pair's legend). 1 spends the 30-day "
                + "budget in exactly 30 days.", Units.SHORT)
        .span(10);
    java.util.List<ContentConfig.BurnRate> pairs = new java.util.ArrayList<>(config.pageBurnRates());
    pairs.addAll(config.ticketBurnRates());
    for (ContentConfig.BurnRate r : pairs) {
      Expr longBurn = sloRatio(r.longWindow()).div(Expr.number(budget));
      Expr shortBurn = sloRatio(r.shortWindow()).div(Expr.number(budget));
      // the smaller of the two, element-wise: the long burn where it is below the short one,
      // else the short one
      Expr slower = Expr.raw(longBurn.parenthesized().text() + " < "
          + shortBurn.parenthesized().text()).parenthesized().or(shortBurn);
      burn.withTarget(query(slower,
          "{{job}} " + r.longWindow() + "/" + r.shortWindow() + " (alerts above "
              + Wording.number(r.factor()) + "x)"));
    }
    d.withPanel(burn);
  }

  /** A failure-ratio recording rule's series of the selected jobs. */
  private Selector sloRatio(String window) {
    return PromQl.recorded(rules.failureRatio(window).record()).with(jobOnly());
  }

  /** The configuration's job selector and {@code job=~"$job"} (recorded per job, no instance). */
  private java.util.List<Selector.Matcher> jobOnly() {
    return p.jobInstance().stream().filter(m -> !m.label().equals("instance")).toList();
  }

  private void orchestrations(DashboardBuilder d) {
    Selector completions = p.series(ORCHESTRATION_COMPLETIONS);
    d.withRow(new RowBuilder("Orchestrations"));
    d.withPanel(timeseries("Orchestration starts",
            "Executions started per second by orchestration and how they were started (client, "
                + "sub-orchestration, continue-as-new, detached). Counted once per execution, "
                + "never per turn.", Units.OPS_PER_SECOND)
        .stacking(Common.StackingMode.NORMAL)
        .withTarget(query(sum(rate(p.series(ORCHESTRATION_STARTS))).by(ORCHESTRATION_NAME, INITIATED_BY),
            "{{orchestration_name}} ({{initiated_by}})")));
    d.withPanel(outcomeColors(timeseries("Orchestration completions by status",
            "Executions finished per second by final status. continuedAsNew ends one execution "
                + "and starts the next of the same instance.", Units.OPS_PER_SECOND)
        .stacking(Common.StackingMode.NORMAL)
        .withTarget(query(sum(rate(completions)).by(STATUS), "{{status}}")), STATUS.allowedValues()));
    TimeseriesPanelBuilder success = timeseries("Orchestration success rate",
            "Succeeded / (succeeded + failed) executions per orchestration. Cancelled and "
                + "continued-as-new executions are neither. The dashed lines are "
                + p.objectiveText() + " and " + p.healthyText() + ". Click a series for its "
                + "logs or to explore its query.", Units.PERCENT_UNIT)
        .min(0).max(1).thresholds(p.successThresholds()).thresholdsAsLines()
        .dataLink("Logs of this orchestration", Panels.seriesLink(config.logsUid(), ORCHESTRATION_NAME));
    d.withPanel(success.withTarget(query(Panels.exploreSeries(success,
        n -> successRatio(n.apply(completions), ORCHESTRATION_NAME), ORCHESTRATION_NAME),
        "{{orchestration_name}}")));
    d.withPanel(quantiles("Orchestration duration p50 / p95 / p99",
        "Execution start to end, from the durable timestamps (so right across restarts), over "
            + "all selected orchestrations. From the " + config.ruleRateWindow()
            + " bucket-rate recording rule.",
        p.recorded(rules.orchestrationDurationRate().record(), ORCHESTRATION_NAME), ""));
    d.withPanel(timeseries("Orchestration duration p95 by orchestration",
            "95th percentile of execution duration per orchestration "
                + p.recordingRuleNote() + ".",
            Units.SECONDS)
        .withTarget(query(histogramQuantile(0.95, sum(p.recorded(
                rules.orchestrationDurationRate().record(), ORCHESTRATION_NAME))
            .by("le", ORCHESTRATION_NAME)), "{{orchestration_name}}")));
    d.withPanel(timeseries("Continue-as-new",
            "Continue-as-new per second by orchestration: eternal orchestrations restarting "
                + "with a fresh history.", Units.OPS_PER_SECOND)
        .withTarget(query(sum(rate(p.series(ORCHESTRATION_CONTINUE_AS_NEW))).by(ORCHESTRATION_NAME),
            "{{orchestration_name}}")));
    d.withPanel(timeseries("History size and turns p95",
            "95th percentile of history events and of turns per finished execution. Growth "
                + "means longer replays; consider continue-as-new.", Units.SHORT)
        .withTarget(query(histogramQuantile(0.95, sum(rate(p.bucketSeries(ORCHESTRATION_HISTORY_SIZE)))
            .by("le", ORCHESTRATION_NAME)), "events {{orchestration_name}}"))
        .withTarget(query(histogramQuantile(0.95, sum(rate(p.bucketSeries(ORCHESTRATION_TURNS)))
            .by("le", ORCHESTRATION_NAME)), "turns {{orchestration_name}}")));
    d.withPanel(new TablePanelBuilder().title("Orchestrations in the time range")
        .description("Per orchestration over the dashboard's time range: executions started, "
            + "succeeded and failed.")
        .datasource(Panels.PROMETHEUS).unit(Units.SHORT).decimals(0)
        .withTarget(instantQuery(sum(increase(p.series(ORCHESTRATION_STARTS), PromQl.RANGE))
            .by(ORCHESTRATION_NAME), "").formatTable())
        .withTarget(instantQuery(sum(increase(completions.where(STATUS, "success"), PromQl.RANGE))
            .by(ORCHESTRATION_NAME), "").formatTable())
        .withTarget(instantQuery(sum(increase(completions.where(STATUS, "failed"), PromQl.RANGE))
            .by(ORCHESTRATION_NAME), "").formatTable())
        .transformation("merge", Map.of())
        .transformation("organize", Map.of("excludeByName", Map.of("Time", true),
            "renameByName", Map.of("orchestration_name", "Orchestration", "Value #A", "Started",
                "Value #B", "Succeeded", "Value #C", "Failed")))
        .sortBy("Failed", true)
        .withOverride(OverrideBuilder.byName("Failed").fixedColor("red"))
        .span(12));
  }

  private void activities(DashboardBuilder d) {
    Duration activitySlow = config.activityP99Threshold();
    Selector executions = p.series(ACTIVITY_EXECUTIONS);
    d.withRow(new RowBuilder("Activities"));
    d.withPanel(outcomeColors(timeseries("Activity executions by outcome",
            "Activity attempts per second by outcome. Retries count as attempts.",
            Units.OPS_PER_SECOND)
        .stacking(Common.StackingMode.NORMAL)
        .withTarget(query(sum(rate(executions)).by(ACTIVITY_OUTCOME), "{{outcome}}")),
        ACTIVITY_OUTCOME.allowedValues()));
    TimeseriesPanelBuilder success = timeseries("Activity success rate",
            "Successful attempts / attempts that ended (cancelled attempts excluded), per "
                + "activity. Click a series for its logs or to explore its query.",
            Units.PERCENT_UNIT)
        .min(0).max(1).thresholds(p.successThresholds()).thresholdsAsLines()
        .dataLink("Logs of this activity", Panels.seriesLink(config.logsUid(), ACTIVITY_NAME));
    d.withPanel(success.withTarget(query(Panels.exploreSeries(success,
        n -> sum(rate(n.apply(executions.where(ACTIVITY_OUTCOME, "success")))).by(ACTIVITY_NAME)
            .div(sum(rate(n.apply(executions.whereNot(ACTIVITY_OUTCOME, "cancelled"))))
                .by(ACTIVITY_NAME)),
        ACTIVITY_NAME), "{{activity_name}}")));
    d.withPanel(quantiles("Activity duration p50 / p95 / p99",
        "Handler wall time of activity attempts over all selected activities "
            + p.recordingRuleNote() + ". The slow-activity alert fires above "
            + Wording.shortDuration(activitySlow) + " at p99.",
        p.recorded(rules.activityDurationRate().record(), ACTIVITY_NAME), ""));
    d.withPanel(timeseries("Activity duration p99 by activity",
            "99th percentile of attempt wall time per activity " + p.recordingRuleNote() + ".",
            Units.SECONDS)
        .thresholds(new ThresholdsBuilder().base("green").step(Wording.seconds(activitySlow), "red"))
        .thresholdsAsLines()
        .withTarget(query(histogramQuantile(0.99, sum(p.recorded(
                rules.activityDurationRate().record(), ACTIVITY_NAME))
            .by("le", ACTIVITY_NAME)), "{{activity_name}}")));
    d.withPanel(timeseries("Activity retries",
            "Retry attempts per second by activity and attempt number (1, 2, 3+); first tries "
                + "are not shown. Flaky activities stand out here.", Units.OPS_PER_SECOND)
        .withTarget(query(sum(rate(executions.whereNot(RETRY_ATTEMPT, "0")))
            .by(ACTIVITY_NAME, RETRY_ATTEMPT), "{{activity_name}} attempt {{retry_attempt}}")));
    d.withPanel(new BarGaugePanelBuilder().title("Activity attempts in the time range")
        .description("Attempts per activity over the dashboard's time range.")
        .datasource(Panels.PROMETHEUS).unit(Units.SHORT).decimals(0)
        .withTarget(instantQuery(sum(increase(executions, PromQl.RANGE)).by(ACTIVITY_NAME),
            "{{activity_name}}")));
  }

  private void errors(DashboardBuilder d) {
    d.withRow(new RowBuilder("Errors"));
    d.withPanel(timeseries("Orchestration failures by class",
            "Failed executions per second by error class: application (the code threw), "
                + "infrastructure (the store), configuration (nondeterminism, unregistered code), "
                + "poison (gave up after the attempt limit).", Units.OPS_PER_SECOND)
        .stacking(Common.StackingMode.NORMAL).link("Logs of these failures", p.logsLink())
        .withTarget(query(sum(rate(p.series(ORCHESTRATION_FAILURES))).by(ERROR_TYPE), "{{error_type}}")));
    d.withPanel(timeseries("Configuration errors",
            "Configuration errors per second: nondeterminism and unregistered or missing "
                + "versions in orchestrations, unregistered activities on workers. Any value "
                + "above zero alerts.", Units.OPS_PER_SECOND)
        .thresholds(Panels.errorThresholds()).link("Logs of these errors", p.logsLink())
        .withTarget(query(sum(rate(p.series(ORCHESTRATION_CONFIGURATION_ERRORS)))
            .by(ORCHESTRATION_NAME, ERROR_KIND), "{{orchestration_name}}: {{error_kind}}"))
        .withTarget(query(sum(rate(p.series(ACTIVITY_CONFIGURATION_ERRORS))).by(ACTIVITY_NAME),
            "{{activity_name}}: unregistered activity")));
    d.withPanel(timeseries("Infrastructure errors",
            "Infrastructure errors per second met while processing turns (by store operation) "
                + "and around activities (ack failed, lock lost). Retried, so they cost time.",
            Units.OPS_PER_SECOND)
        .link("Logs of these errors", p.logsLink())
        .withTarget(query(sum(rate(p.series(ORCHESTRATION_INFRASTRUCTURE_ERRORS))).by(OPERATION),
            "turn: {{operation}}"))
        .withTarget(query(sum(rate(p.series(ACTIVITY_INFRASTRUCTURE_ERRORS))).by(ACTIVITY_NAME),
            "activity: {{activity_name}}")));
    d.withPanel(timeseries("Poison messages",
            "Messages given up after the attempt limit, per second: the orchestration or "
                + "activity failed without its code finishing. Any value alerts.",
            Units.OPS_PER_SECOND)
        .thresholds(Panels.errorThresholds()).link("Logs of these errors", p.logsLink())
        .withTarget(query(sum(rate(p.series(ORCHESTRATION_POISON))).by(ORCHESTRATION_NAME),
            "orchestration: {{orchestration_name}}"))
        .withTarget(query(sum(rate(p.series(ACTIVITY_POISON))).by(ACTIVITY_NAME),
            "activity: {{activity_name}}")));
  }

  private void store(DashboardBuilder d) {
    Duration storeSlow = config.storeP95Threshold();
    Selector calls = p.filtered(PromQl.count(PROVIDER_OPERATION_DURATION));
    d.withRow(new RowBuilder("Store"));
    d.withPanel(quantiles("Store latency p50 / p95 / p99",
        "Duration of every store (Postgres) call, client calls included, over all operations "
            + p.recordingRuleNote() + ".",
        p.recorded(rules.storeDurationRate().record()), ""));
    d.withPanel(timeseries("Store latency p95 by operation",
            "95th percentile of store call duration per operation " + p.recordingRuleNote()
                + ". The store-latency alert fires above " + Wording.shortDuration(storeSlow) + ".",
            Units.SECONDS)
        .thresholds(new ThresholdsBuilder().base("green").step(Wording.seconds(storeSlow), "red"))
        .thresholdsAsLines()
        .withTarget(query(histogramQuantile(0.95, sum(p.recorded(rules.storeDurationRate().record()))
            .by("le", OPERATION)), "{{operation}}")));
    d.withPanel(timeseries("Store calls by operation",
            "Store calls per second by operation and status.", Units.OPS_PER_SECOND)
        .withTarget(query(sum(rate(calls)).by(OPERATION, "status"), "{{operation}} {{status}}")));
    d.withPanel(timeseries("Store errors by class",
            "Failed store calls per second, classified by SQLSTATE: connection, timeout, "
                + "serialization, deadlock, constraint, other.", Units.OPS_PER_SECOND)
        .stacking(Common.StackingMode.NORMAL)
        .withTarget(query(sum(rate(p.series(PROVIDER_ERRORS))).by(OPERATION, STORE_ERROR_TYPE),
            "{{operation}}: {{error_type}}")));
    TimeseriesPanelBuilder errorRatio = timeseries("Store error ratio by operation",
            "Failed / all store calls per operation (errors by SQLSTATE over the calls' "
                + "histogram count). A ratio shows a failing store at any load. Click a series "
                + "to explore its query.",
            Units.PERCENT_UNIT)
        .min(0).max(1).thresholds(new ThresholdsBuilder().base("green").step(0.01, "yellow")
            .step(0.05, "red"));
    Selector errors = p.series(PROVIDER_ERRORS);
    d.withPanel(errorRatio.withTarget(query(Panels.exploreSeries(errorRatio,
        n -> sum(rate(n.apply(errors))).by(OPERATION).div(sum(rate(n.apply(calls))).by(OPERATION)),
        OPERATION), "{{operation}}")));
    d.withPanel(timeseries("Orchestration ack retries",
            "Retries of the turn's atomic commit after a retryable store error (serialization, "
                + "deadlock), per second.", Units.OPS_PER_SECOND)
        .withTarget(query(sum(rate(p.series(PROVIDER_ACK_ORCHESTRATION_RETRIES))), "ack retries")));
  }

  private void capacity(DashboardBuilder d) {
    Selector slots = p.series(DISPATCHER_SLOTS);
    d.withRow(new RowBuilder("Queues and capacity"));
    d.withPanel(timeseries("Queue depth",
            "Visible, unlocked messages waiting in the orchestrator and worker queues. Read "
                + "from the store, so every process reports the same value: shown as max.",
            Units.SHORT)
        .thresholds(new ThresholdsBuilder().base("green").step(config.queueBacklogThreshold(), "yellow")
            .step(1000, "red"))
        .withTarget(query(max(p.series(ORCHESTRATOR_QUEUE_DEPTH)), "orchestrator"))
        .withTarget(query(max(p.series(WORKER_QUEUE_DEPTH)), "worker")));
    d.withPanel(timeseries("Active orchestrations by state",
            "Instances not yet finished, by what they wait on (cluster-wide, from the store: "
                + "max across processes, then summed over orchestrations).", Units.SHORT)
        .stacking(Common.StackingMode.NORMAL)
        .withTarget(query(sum(max(p.series(ACTIVE_ORCHESTRATIONS)).by(ORCHESTRATION_NAME, STATE))
            .by(STATE), "{{state}}")));
    d.withPanel(timeseries("Queue wait p95 (schedule to start)",
            "How long a message waited visible in its queue before a dispatcher took it, 95th "
                + "percentile per queue " + p.recordingRuleNote() + ". Rising wait with busy slots means "
                + "too little capacity.", Units.SECONDS)
        .withTarget(query(histogramQuantile(0.95, sum(p.recorded(rules.queueWaitRate().record()))
            .by("le", QUEUE)), "{{queue}}")));
    d.withPanel(timeseries("Dispatcher slot utilization",
            "Busy / all dispatcher slots per dispatcher, over the selected processes. Near 100% "
                + "the engine cannot take more work.", Units.PERCENT_UNIT)
        .min(0).max(1)
        .thresholds(new ThresholdsBuilder().base("green").step(0.8, "yellow").step(0.95, "red"))
        .withTarget(query(sum(slots.where(SLOT_STATE, "busy")).by(DISPATCHER)
            .div(sum(slots).by(DISPATCHER)), "{{dispatcher}}")));
    d.withPanel(timeseries("Dispatcher throughput",
            "Items fetched per second by each dispatcher (orchestration turns, activity work).",
            Units.OPS_PER_SECOND)
        .withTarget(query(sum(rate(p.series(DISPATCHER_ITEMS_FETCHED))).by(DISPATCHER), "{{dispatcher}}")));
    d.withPanel(timeseries("Metric label overflow",
            "Per second, by process and label: recordings whose orchestration, activity or event "
                + "name (or version) was reported as " + OVERFLOW_VALUE + " because the process "
                + "already had its limit of distinct values for that label "
                + "(metricLabelValueLimit). Above zero, per-name panels lump those names "
                + "together: raise the limit or use fewer names.", Units.OPS_PER_SECOND)
        .withTarget(query(sum(rate(p.series(TELEMETRY_LABEL_OVERFLOW)))
            .by("instance", OVERFLOWED_LABEL), "{{instance}} {{label}}")));
  }

  private void clients(DashboardBuilder d) {
    d.withRow(new RowBuilder("Clients and sub-orchestrations"));
    d.withPanel(timeseries("Client requests",
            "Per second: orchestrations started by clients, external events raised, and "
                + "cancellation requests.", Units.OPS_PER_SECOND)
        .withTarget(query(sum(rate(p.series(CLIENT_ORCHESTRATION_STARTS))).by(ORCHESTRATION_NAME),
            "start {{orchestration_name}}"))
        .withTarget(query(sum(rate(p.series(CLIENT_EXTERNAL_EVENTS_RAISED))).by(EVENT_NAME),
            "event {{event_name}}"))
        .withTarget(query(sum(rate(p.series(CLIENT_CANCELLATIONS))), "cancel")));
    d.withPanel(timeseries("Client wait p95 by outcome",
            "95th percentile of the time clients spent waiting for an orchestration to finish, "
                + "by whether it finished or the wait timed out.", Units.SECONDS)
        .withTarget(query(histogramQuantile(0.95, sum(rate(p.bucketSeries(CLIENT_WAIT_DURATION)))
            .by("le", WAIT_OUTCOME)), "{{outcome}}")));
    d.withPanel(outcomeColors(timeseries("Sub-orchestration calls by outcome",
            "Child results delivered to parents per second, by outcome.", Units.OPS_PER_SECOND)
        .stacking(Common.StackingMode.NORMAL)
        .withTarget(query(sum(rate(p.series(SUBORCHESTRATION_CALLS))).by(CALL_OUTCOME), "{{outcome}}")),
        CALL_OUTCOME.allowedValues()));
    d.withPanel(timeseries("Sub-orchestration duration p95",
            "95th percentile from the parent scheduling a child to the child's result reaching "
                + "the parent, by parent and child.", Units.SECONDS)
        .withTarget(query(histogramQuantile(0.95, sum(rate(p.bucketSeries(SUBORCHESTRATION_DURATION)))
            .by("le", PARENT_ORCHESTRATION, CHILD_ORCHESTRATION)),
            "{{parent_orchestration}} → {{child_orchestration}}")));
  }

  /**
   * The engine processes' JVMs (the catalogue's process group): CPU, heap, GC, threads, classes
   * and uptime per instance.
   */
  private void process(DashboardBuilder d) {
    d.withRow(new RowBuilder("Process"));
    d.withPanel(p.processCpu("CPU utilization per process",
            "Recent CPU use of each engine JVM, as a share of the processors available to it "
                + "(1 = every processor busy).").span(8));
    d.withPanel(timeseries("Heap used and limit per process",
            "Heap in use (all heap pools) and the most the heap can grow to, per engine JVM. "
                + "Used staying near the limit after collections means too small a heap or a "
                + "leak.", Units.BYTES)
        .span(8)
        .withTarget(query(p.heapByInstance(JVM_MEMORY_USED), "used {{instance}}"))
        .withTarget(query(p.heapByInstance(JVM_MEMORY_LIMIT), "limit {{instance}}")));
    d.withPanel(timeseries("GC time per second",
            "Seconds spent in garbage collection per second, by process and collector action "
                + "(0.1 = 10% of the time collecting).", Units.PERCENT_UNIT)
        .min(0).span(8)
        .withTarget(query(sum(rate(PromQl.sumSeries(JVM_GC_DURATION).with(p.jobInstance())))
            .by("instance", JVM_GC_ACTION), "{{instance}} {{jvm_gc_action}}")));
    d.withPanel(timeseries("Threads per process",
            "Live JVM threads by state, per engine process. Steady growth means a thread leak; "
                + "many blocked threads mean lock contention.", Units.SHORT)
        .span(8)
        .withTarget(query(sum(p.overall(JVM_THREAD_COUNT)).by("instance", JVM_THREAD_STATE),
            "{{instance}} {{jvm_thread_state}}")));
    d.withPanel(timeseries("Classes loaded per second",
            "Classes loaded per second and currently loaded, per process: steady loading after "
                + "start-up means generated classes piling up.", Units.SHORT)
        .span(8)
        .withTarget(query(sum(rate(p.overall(JVM_CLASS_LOADED))).by("instance"),
            "loaded/s {{instance}}"))
        .withTarget(query(sum(p.overall(JVM_CLASS_COUNT)).by("instance"), "loaded {{instance}}")));
    d.withPanel(timeseries("Uptime per process",
            "Seconds since each engine JVM started: a drop to zero, or a new instance, is a "
                + "restart (also marked as the \"Engine starts\" annotation).", Units.SECONDS)
        .span(8)
        .withTarget(query(max(p.overall(PROCESS_UPTIME)).by("instance"), "{{instance}}")));
  }

  /** Succeeded / (succeeded + failed) by a label. */
  static Expr successRatio(Selector completions, Object... by) {
    return sum(rate(completions.where(STATUS, "success"))).by(by)
        .div(sum(rate(completions.whereIn(STATUS, "success", "failed"))).by(by));
  }
}
