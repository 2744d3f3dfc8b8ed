package com.example.toygres.observability;

import static com.example.toygres.observability.ToygresMetrics.INSTANCES_CREATED;
import static com.example.toygres.observability.ToygresMetrics.INSTANCES_RUNNING;
import static com.example.toygres.observability.ToygresMetrics.PROVISIONING_DURATION;
import static com.example.toygres.observability.ToygresMetrics.REGION;
import static io.durobs.dashboards.rules.RuleTest.alert;
import static io.durobs.toolkit.promql.PromQl.histogramQuantile;
import static io.durobs.toolkit.promql.PromQl.sum;

import io.durobs.dashboards.Panels;
import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.extension.DurobsExtension;
import io.durobs.dashboards.extension.UserContent;
import io.durobs.dashboards.rules.AlertRule;
import io.durobs.dashboards.rules.RuleGroup;
import io.durobs.dashboards.rules.RuleTest;
import io.durobs.dashboards.rules.Severity;
import io.durobs.dashboards.rules.TestSeries;
import io.durobs.toolkit.grafana.RowBuilder;
import io.durobs.toolkit.grafana.TimeseriesPanelBuilder;
import io.durobs.toolkit.grafana.Units;
import io.durobs.toolkit.promql.PromQl;
import java.util.List;

/**
 * Toygres' dashboard, its row on the engine's Production dashboard and its alert, over its own
 * metrics ({@link ToygresMetrics}); the engine's content renders with Toygres' job.
 */
public final class ToygresObservability implements DurobsExtension {

  /** The service's OpenTelemetry {@code service.name}, so its Prometheus job. */
  public static final String JOB = "toygres";

  /** p95 provisioning time above which the alert fires. */
  static final int SLOW_PROVISIONING_SECONDS = 120;

  @Override
  public ContentConfig configure(ContentConfig config) {
    // the engine runs inside Toygres: its alerts page for Toygres' job
    return config.toBuilder().engineJob(JOB).build();
  }

  @Override
  public UserContent content(ContentConfig config) {
    Panels p = Panels.of(config);
    AlertRule slow = provisioningSlow(config);
    return UserContent.named("toygres")
        .metric(INSTANCES_CREATED)
        .metric(PROVISIONING_DURATION)
        .metric(INSTANCES_RUNNING)
        .dashboard(p.dashboard(uid(config), "Toygres / Instances",
                "Toygres' instances: created, provisioning time and running, by region.", "toygres")
            .withVariable(p.datasourceVariable())
            .withVariable(p.jobVariable(".*"))
            .withVariable(p.instanceVariable())
            .withRow(new RowBuilder("Instances"))
            .withPanel(created(p))
            .withPanel(provisioning(p))
            .withPanel(running(p))
            .build())
        .addToDashboard(config.productionUid(), d -> d
            .withRow(new RowBuilder("Toygres"))
            .withPanel(created(p)))
        .rules(new RuleGroup("toygres", List.of(slow)))
        .ruleTest(slowFires(config, slow))
        .ruleTest(fastStaysQuiet(config, slow))
        .build();
  }

  /** The Toygres dashboard's uid. */
  public static String uid(ContentConfig config) {
    return config.dashboardUidPrefix() + "toygres";
  }

  private static TimeseriesPanelBuilder created(Panels p) {
    return Panels.timeseries("Instances created by region",
            "Instances that finished provisioning, per second, by region.", Units.OPS_PER_SECOND)
        .withTarget(Panels.query(sum(Panels.rate(p.series(INSTANCES_CREATED))).by(REGION),
            "{{region}}"));
  }

  private static TimeseriesPanelBuilder provisioning(Panels p) {
    return Panels.quantiles("Provisioning time by region",
        "p50, p95 and p99 of the time from a create request to a running instance.",
        Panels.rate(p.bucketSeries(PROVISIONING_DURATION)), "{{region}}", REGION);
  }

  private static TimeseriesPanelBuilder running(Panels p) {
    return Panels.timeseries("Instances running by region", "Instances running now, by region.",
            Units.SHORT)
        .withTarget(Panels.query(sum(p.series(INSTANCES_RUNNING)).by(REGION), "{{region}}"));
  }

  /** p95 provisioning time of a region above two minutes for ten minutes. */
  static AlertRule provisioningSlow(ContentConfig config) {
    return AlertRule.named("ToygresProvisioningSlow")
        .when(histogramQuantile(0.95, sum(PromQl.rate(
                PromQl.buckets(PROVISIONING_DURATION).with(config.jobSelector()),
                config.ruleRateWindow())).by("job", REGION, "le"))
            .gt(SLOW_PROVISIONING_SECONDS))
        .holdFor("10m")
        .severity(Severity.WARNING)
        .summary("Instance provisioning in a region is slow.")
        .description("The p95 provisioning time in {{ $labels.region }} on {{ $labels.job }} is "
            + "{{ $value | humanizeDuration }} (threshold 2m).")
        .runbook("New instances in one region take over two minutes to run. Check the region's "
            + "capacity and the provisioning orchestration's activities on the Production "
            + "dashboard.")
        .build();
  }

  private static TestSeries bucket(ContentConfig config, String region, String le) {
    return TestSeries.bucket(PROVISIONING_DURATION, le, config.engineJob()).with(REGION, region);
  }

  private static RuleTest slowFires(ContentConfig config, AlertRule slow) {
    return new RuleTest("toygres: provisioning p95 of 4m 51s in eu-west fires")
        .input(bucket(config, "eu-west", "60"), "0x30")
        .input(bucket(config, "eu-west", "120"), "0x30")
        .input(bucket(config, "eu-west", "300"), "0+10x30")
        .input(bucket(config, "eu-west", "+Inf"), "0+10x30")
        .expectFiring("25m", slow, alert("The p95 provisioning time in eu-west on "
            + config.engineJob() + " is 4m 51s (threshold 2m).", "job", config.engineJob(),
            "region", "eu-west"));
  }

  private static RuleTest fastStaysQuiet(ContentConfig config, AlertRule slow) {
    return new RuleTest("toygres: provisioning under a minute stays quiet")
        .input(bucket(config, "us-east", "60"), "0+10x30")
        .input(bucket(config, "us-east", "120"), "0+10x30")
        .input(bucket(config, "us-east", "+Inf"), "0+10x30")
        .expectQuiet("25m", slow);
  }
}
