package io.durobs.dashboards;

import static io.durobs.dashboards.Panels.query;
import static io.durobs.dashboards.Panels.rate;
import static io.durobs.dashboards.Panels.timeseries;
import static io.durobs.toolkit.promql.PromQl.max;
import static io.durobs.toolkit.promql.PromQl.sum;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.rules.CollectorSelfMetrics;
import io.durobs.dashboards.rules.EngineRules;
import io.durobs.stack.PrometheusConfig;
import io.durobs.toolkit.grafana.Dashboard;
import io.durobs.toolkit.grafana.DashboardBuilder;
import io.durobs.toolkit.grafana.QueryVariableBuilder;
import io.durobs.toolkit.grafana.RowBuilder;
import io.durobs.toolkit.grafana.ThresholdsBuilder;
import io.durobs.toolkit.grafana.TimeseriesPanelBuilder;
import io.durobs.toolkit.grafana.Units;
import io.durobs.toolkit.promql.Expr;
import io.durobs.toolkit.promql.PromQl;
import io.durobs.toolkit.promql.Selector;

/**
 * The Telemetry pipeline dashboard: is the OpenTelemetry Collector between the engines and
 * Prometheus/Loki healthy? Scrape health, what its receivers accepted, refused and failed, what
 * its exporters sent, failed to send and dropped, per signal, and its sending queues, from the
 * collector's own metrics ({@link CollectorSelfMetrics}).
 */
public final class PipelineDashboard {

  /** The variable picking collector processes (their own-metrics scrape instance). */
  static final String COLLECTOR_VARIABLE = "collector";

  private final ContentConfig config;
  /** The shared variables and presets of {@link #config}. */
  private final Panels p;

  private PipelineDashboard(ContentConfig config) {
    this.config = config;
    this.p = Panels.of(config);
  }

  /** Builds the dashboard of this configuration. */
  public static Dashboard build(ContentConfig config) {
    return new PipelineDashboard(config).dashboard();
  }

  private Dashboard dashboard() {
    DashboardBuilder d = p.dashboardWithoutEngineFilters(config.pipelineUid(),
            "Durable engine / Telemetry pipeline",
            "The OpenTelemetry Collector that carries the engines' metrics to Prometheus and "
                + "their logs to Loki: scrape health, items accepted, refused and failed by its "
                + "receivers, sent, failed and dropped by its exporters, and its sending queues. "
                + "Empty engine panels elsewhere start here.", "pipeline")
        .withVariable(p.datasourceVariable())
        .withVariable(new QueryVariableBuilder(COLLECTOR_VARIABLE).label("Collector")
            .datasource(Panels.PROMETHEUS)
            .description("The collector process: the instance its own metrics are scraped from.")
            .query("label_values(" + PromQl.external("up")
                .where("job", PrometheusConfig.COLLECTOR_JOB).text() + ", instance)")
            .allValue(".*"));
    health(d);
    receivers(d);
    exporters(d);
    return d.build();
  }

  private void health(DashboardBuilder d) {
    d.withRow(new RowBuilder("Scrape health"));
    d.withPanel(timeseries("Collector scrape health",
            "Prometheus' up series of the collector's two scrape jobs: "
                + PrometheusConfig.COLLECTOR_JOB + " (the collector's own metrics, this "
                + "dashboard) and " + PrometheusConfig.EXPORTER_JOB + " (the engines' metrics "
                + "through its Prometheus exporter). 0 means Prometheus cannot reach it: every "
                + "engine panel goes empty.", Units.SHORT)
        .min(0).max(1).span(24).height(6)
        .thresholds(new ThresholdsBuilder().base("red").step(1, "green"))
        .withTarget(query(max(PromQl.external("up").matching("job",
                PrometheusConfig.COLLECTOR_JOB + "|" + PrometheusConfig.EXPORTER_JOB))
            .by("job", "instance"), "{{job}} {{instance}}")));
  }

  private void receivers(DashboardBuilder d) {
    d.withRow(new RowBuilder("Receivers: what arrives"));
    TimeseriesPanelBuilder accepted = timeseries("Accepted by receiver",
        "Items per second the collector's receivers took into the pipeline, per signal, "
            + "receiver and transport: the engines' export rate as the collector sees it.",
        Units.OPS_PER_SECOND).span(12);
    TimeseriesPanelBuilder refused = timeseries("Refused and failed by receiver",
        "Items per second the receivers refused (the memory limiter pushing back: the sender "
            + "retries or drops them) or failed to take in (malformed or internal errors). "
            + "Should be 0; the collector dropping-data alert fires on refusals.",
        Units.OPS_PER_SECOND).span(12);
    for (CollectorSelfMetrics.Signal s : CollectorSelfMetrics.SIGNALS) {
      accepted.withTarget(query(byReceiver(s.accepted()),
          "{{receiver}}/{{transport}} " + s.unit()));
      refused.withTarget(query(byReceiver(s.refused()),
          "refused {{receiver}}/{{transport}} " + s.unit()));
      refused.withTarget(query(byReceiver(s.receiverFailed()),
          "failed {{receiver}}/{{transport}} " + s.unit()));
    }
    d.withPanel(accepted);
    d.withPanel(refused);
  }

  private void exporters(DashboardBuilder d) {
    d.withRow(new RowBuilder("Exporters: what leaves"));
    TimeseriesPanelBuilder sent = timeseries("Sent by exporter",
        "Items per second each exporter delivered, per signal: metric points to the Prometheus "
            + "exporter's endpoint, log records to Loki (locally: the file exporter).",
        Units.OPS_PER_SECOND).span(12);
    TimeseriesPanelBuilder failed = timeseries("Send failures by exporter",
        "Items per second an exporter gave up sending after its retries: they are lost. 0 for "
            + "an exporter that never failed (the collector creates the series on the first "
            + "failure). The collector export-failures alert fires on any.",
        Units.OPS_PER_SECOND).span(12);
    TimeseriesPanelBuilder dropped = timeseries("Dropped: sending queue full",
        "Items per second an exporter dropped because its sending queue was full (the backend "
            + "is slower than the input, or down). 0 for an exporter that never dropped; "
            + "exporters without a queue never drop this way.", Units.OPS_PER_SECOND).span(12);
    for (CollectorSelfMetrics.Signal s : CollectorSelfMetrics.SIGNALS) {
      sent.withTarget(query(byExporter(s.sent()), "{{exporter}} " + s.unit()));
      failed.withTarget(query(zeroWhereSending(s.sendFailed(), s), "{{exporter}} " + s.unit()));
      dropped.withTarget(query(zeroWhereSending(s.enqueueFailed(), s), "{{exporter}} " + s.unit()));
    }
    d.withPanel(sent);
    d.withPanel(failed);
    d.withPanel(dropped);
    Expr fill = max(collector(CollectorSelfMetrics.QUEUE_SIZE)
        .divOn(collector(CollectorSelfMetrics.QUEUE_CAPACITY), "job", "instance", "exporter",
            "data_type")).by("exporter", "data_type");
    // Only exporters with a sending queue (Loki's) report its size and capacity; the others
    // (Prometheus, debug, file) send synchronously and can hold nothing back, so their fill is 0,
    // drawn from the in-flight gauge every exporter reports. Without it the panel would hide
    // which exporters exist and be empty wherever no exporter queues.
    Expr none = max(collector(CollectorSelfMetrics.IN_FLIGHT_REQUESTS))
        .by("exporter", "data_type").times(0);
    d.withPanel(timeseries("Sending queue fill (size / capacity)",
            "Batches waiting in each exporter's sending queue as a share of its capacity, per "
                + "signal. Above " + Math.round(EngineRules.COLLECTOR_QUEUE_FULL * 100) + " % "
                + "the collector queue-full alert fires; at 100 % new data is dropped. "
                + "Exporters without a queue show 0.", Units.PERCENT_UNIT)
        .min(0).max(1).span(12)
        .thresholds(new ThresholdsBuilder().base("green")
            .step(EngineRules.COLLECTOR_QUEUE_FULL, "red"))
        .thresholdsAsLines()
        .withTarget(query(fill.or(none), "{{exporter}} {{data_type}}")));
  }

  /** A collector metric of the selected collectors. */
  private Selector collector(String name) {
    return PromQl.external(name).where("job", PrometheusConfig.COLLECTOR_JOB)
        .matching("instance", "$" + COLLECTOR_VARIABLE);
  }

  private Expr byReceiver(String counter) {
    return sum(rate(collector(counter))).by("receiver", "transport");
  }

  private Expr byExporter(String counter) {
    return sum(rate(collector(counter))).by("exporter");
  }

  /**
   * A failure counter's rate per exporter, 0 for the exporters sending this signal that never
   * failed: the collector creates {@code send_failed}/{@code enqueue_failed} only on the first
   * failure, so a healthy exporter has no series, which means 0, not "unknown".
   */
  private Expr zeroWhereSending(String failureCounter, CollectorSelfMetrics.Signal s) {
    return byExporter(failureCounter).or(byExporter(s.sent()).times(0));
  }
}
