package io.durobs.dashboards;

import static io.durobs.dashboards.Panels.instantQuery;
import static io.durobs.dashboards.Panels.outcomeColors;
import static io.durobs.dashboards.Panels.query;
import static io.durobs.dashboards.Panels.rate;
import static io.durobs.dashboards.Panels.timeseries;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVE_ORCHESTRATIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_CONFIGURATION_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_INFRASTRUCTURE_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_SLOTS;
import static io.durobs.engine.catalogue.MetricCatalogue.ERROR_TYPE;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_COMPLETIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_CONFIGURATION_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_FAILURES;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_INFRASTRUCTURE_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_NAME;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATOR_QUEUE_DEPTH;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.SLOT_STATE;
import static io.durobs.engine.catalogue.MetricCatalogue.STATE;
import static io.durobs.engine.catalogue.MetricCatalogue.STATUS;
import static io.durobs.engine.catalogue.MetricCatalogue.WORKER_QUEUE_DEPTH;
import static io.durobs.toolkit.promql.PromQl.count;
import static io.durobs.toolkit.promql.PromQl.group;
import static io.durobs.toolkit.promql.PromQl.histogramQuantile;
import static io.durobs.toolkit.promql.PromQl.increase;
import static io.durobs.toolkit.promql.PromQl.max;
import static io.durobs.toolkit.promql.PromQl.sum;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.config.Wording;
import io.durobs.dashboards.rules.EngineRules;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.toolkit.grafana.Common;
import io.durobs.toolkit.grafana.Dashboard;
import io.durobs.toolkit.grafana.DashboardBuilder;
import io.durobs.toolkit.grafana.GaugePanelBuilder;
import io.durobs.toolkit.grafana.StatPanelBuilder;
import io.durobs.toolkit.grafana.ThresholdsBuilder;
import io.durobs.toolkit.grafana.Units;
import io.durobs.toolkit.promql.Expr;
import io.durobs.toolkit.promql.PromQl;
import java.time.Duration;

/**
 * The Overview dashboard: the one-screen health check. Is work flowing and succeeding, is
 * anything broken (failures, configuration errors, poison), are the queues and the store
 * healthy, and how many engine processes report.
 */
public final class OverviewDashboard {

  private final ContentConfig config;
  /** The shared filters, variables and presets of {@link #config}. */
  private final Panels p;
  private final EngineRules rules;

  private OverviewDashboard(ContentConfig config) {
    this.config = config;
    this.p = Panels.of(config);
    this.rules = EngineRules.of(config);
  }

  /** Builds the dashboard of this configuration. */
  public static Dashboard build(ContentConfig config) {
    return new OverviewDashboard(config).dashboard();
  }

  private Dashboard dashboard() {
    int backlog = config.queueBacklogThreshold();
    Duration activitySlow = config.activityP99Threshold();
    Duration storeSlow = config.storeP95Threshold();
    DashboardBuilder d = p.dashboard(config.overviewUid(), "Durable engine / Overview",
        "One-screen health check of the durable orchestration engine: success, throughput, "
            + "errors, queues, latency and the processes reporting. Drill down in Production "
            + "and Logs.", "overview")
        .withVariable(p.datasourceVariable())
        .withVariable(p.jobVariable(".*"))
        .withVariable(p.instanceVariable());

    d.withPanel(new GaugePanelBuilder().title("Orchestration success rate")
        .description("Succeeded / (succeeded + failed) executions over the last rate window. "
            + "Red below " + p.objectiveText() + ", green from " + p.healthyText() + ". Cancelled "
            + "and continued-as-new executions do not count.")
        .datasource(Panels.PROMETHEUS).unit(Units.PERCENT_UNIT).min(0).max(1).span(4).height(4)
        .thresholds(p.successThresholds())
        .withTarget(query(ProductionDashboard.successRatio(p.overall(ORCHESTRATION_COMPLETIONS)), "success")));
    d.withPanel(stat("Throughput", "Executions finished per second, any status.",
        Units.OPS_PER_SECOND, null)
        .withTarget(query(sum(rate(p.overall(ORCHESTRATION_COMPLETIONS))), "finished")));
    d.withPanel(stat("Active orchestrations",
        "Instances not yet finished (cluster-wide from the store: max across processes, summed "
            + "over orchestrations and states).", Units.SHORT, null)
        .withTarget(query(sum(max(p.overall(ACTIVE_ORCHESTRATIONS)).by(ORCHESTRATION_NAME, STATE)),
            "active")));
    d.withPanel(stat("Orchestrator queue",
        "Orchestrator messages waiting (cluster-wide: max across processes).", Units.SHORT,
        new ThresholdsBuilder().base("green").step(backlog, "yellow").step(1000, "red"))
        .withTarget(query(max(p.overall(ORCHESTRATOR_QUEUE_DEPTH)), "orchestrator")));
    d.withPanel(stat("Worker queue",
        "Activity work items waiting (cluster-wide: max across processes).", Units.SHORT,
        new ThresholdsBuilder().base("green").step(backlog, "yellow").step(500, "red"))
        .withTarget(query(max(p.overall(WORKER_QUEUE_DEPTH)), "worker")));
    d.withPanel(stat("Engine processes",
        "Engine processes reporting telemetry (distinct service.instance.id). Zero means no "
            + "engine runs or its telemetry does not arrive.", Units.SHORT,
        new ThresholdsBuilder().base("red").step(1, "green"))
        .graphMode("none")
        .withTarget(query(count(group(p.overall(DISPATCHER_SLOTS)).by("instance")), "processes")));

    d.withPanel(stat("Failed executions", "Executions that ended failed in the time range.",
        Units.SHORT, Panels.errorThresholds()).noValue("0").graphMode("none")
        .withTarget(instantQuery(orZero(sum(increase(p.overall(ORCHESTRATION_FAILURES), PromQl.RANGE))),
            "failed")));
    d.withPanel(stat("Configuration errors",
        "Nondeterminism, unregistered orchestrations, activities or versions in the time range. "
            + "Should always be zero.", Units.SHORT, Panels.errorThresholds())
        .noValue("0").graphMode("none")
        .withTarget(instantQuery(total(ORCHESTRATION_CONFIGURATION_ERRORS)
            .plus(total(ACTIVITY_CONFIGURATION_ERRORS)), "configuration errors")));
    d.withPanel(stat("Poison messages",
        "Orchestration and activity messages given up after the attempt limit in the time range.",
        Units.SHORT, Panels.errorThresholds()).noValue("0").graphMode("none")
        .withTarget(instantQuery(total(ORCHESTRATION_POISON).plus(total(ACTIVITY_POISON)),
            "poison")));
    d.withPanel(stat("Orchestration p95",
        "95th percentile of execution duration, all orchestrations "
            + p.recordingRuleNote() + ".",
        Units.SECONDS, null).colorMode("value")
        .withTarget(query(histogramQuantile(0.95,
            sum(p.recorded(rules.orchestrationDurationRate().record())).by("le")), "p95")));
    d.withPanel(stat("Activity p99",
        "99th percentile of activity attempt duration, all activities "
            + p.recordingRuleNote() + ". Red above the " + Wording.shortDuration(activitySlow)
            + " alert threshold.", Units.SECONDS,
        new ThresholdsBuilder().base("green").step(Wording.seconds(activitySlow), "red"))
        .withTarget(query(histogramQuantile(0.99,
            sum(p.recorded(rules.activityDurationRate().record())).by("le")), "p99")));
    d.withPanel(stat("Store p95",
        "95th percentile of store call duration, all operations " + p.recordingRuleNote()
            + ". Red above the " + Wording.shortDuration(storeSlow) + " alert threshold.",
        Units.SECONDS, new ThresholdsBuilder().base("green").step(0.1, "yellow")
            .step(Wording.seconds(storeSlow), "red"))
        .withTarget(query(histogramQuantile(0.95,
            sum(p.recorded(rules.storeDurationRate().record())).by("le")), "p95")));

    d.withPanel(outcomeColors(timeseries("Executions finished by status",
            "Executions finished per second by final status.", Units.OPS_PER_SECOND)
        .stacking(Common.StackingMode.NORMAL)
        .withTarget(query(sum(rate(p.overall(ORCHESTRATION_COMPLETIONS))).by(STATUS), "{{status}}")),
        STATUS.allowedValues()));
    d.withPanel(timeseries("Errors",
            "Failed executions by class, infrastructure errors in turns and activities, and "
                + "failed store calls, per second.", Units.OPS_PER_SECOND)
        .link("Production: errors", Panels.dashboardLink(config.productionUid()))
        .withTarget(query(sum(rate(p.overall(ORCHESTRATION_FAILURES))).by(ERROR_TYPE),
            "failed: {{error_type}}"))
        .withTarget(query(sum(rate(p.overall(ORCHESTRATION_INFRASTRUCTURE_ERRORS))),
            "infrastructure: turns"))
        .withTarget(query(sum(rate(p.overall(ACTIVITY_INFRASTRUCTURE_ERRORS))),
            "infrastructure: activities"))
        .withTarget(query(sum(rate(p.overall(PROVIDER_ERRORS))), "store calls failed")));
    d.withPanel(timeseries("Dispatcher slots busy",
            "Busy dispatcher slots summed over the selected processes (each process has its "
                + "own slots).", Units.SHORT)
        .withTarget(query(sum(p.overall(DISPATCHER_SLOTS).where(SLOT_STATE, "busy"))
            .by("dispatcher"), "{{dispatcher}}")));
    d.withPanel(p.processCpu("Process CPU",
            "Recent CPU use of each engine JVM (1 = every available processor busy). "
                + "Production's Process row has heap, GC, threads and uptime.")
        .link("Production: process", Panels.dashboardLink(config.productionUid())));
    d.withPanel(timeseries("Process heap used",
            "Heap in use per engine JVM, and the largest heap limit among them.",
            Units.BYTES)
        .withTarget(query(p.heapByInstance(MetricCatalogue.JVM_MEMORY_USED), "{{instance}}"))
        .withTarget(query(max(p.heapByInstance(MetricCatalogue.JVM_MEMORY_LIMIT)), "limit")));
    return d.build();
  }

  private static StatPanelBuilder stat(String title, String description, String unit,
      ThresholdsBuilder thresholds) {
    StatPanelBuilder s = new StatPanelBuilder().title(title).description(description)
        .datasource(Panels.PROMETHEUS).unit(unit);
    if (thresholds == null) {
      s.colorMode("value").fixedColor("blue");
    } else {
      s.thresholds(thresholds);
    }
    return s;
  }

  /** The counter's increase over the time range, 0 when it has no series yet. */
  private Expr total(MetricDefinition counter) {
    return orZero(sum(increase(p.overall(counter), PromQl.RANGE)));
  }

  private static Expr orZero(Expr e) {
    return e.or(PromQl.call("vector", Expr.number(0))).parenthesized();
  }
}
