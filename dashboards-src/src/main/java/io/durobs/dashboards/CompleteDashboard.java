package io.durobs.dashboards;

import static io.durobs.dashboards.Panels.quantiles;
import static io.durobs.dashboards.Panels.query;
import static io.durobs.dashboards.Panels.rate;
import static io.durobs.dashboards.Panels.timeseries;
import static io.durobs.engine.catalogue.MetricCatalogue.*;
import static io.durobs.toolkit.promql.PromQl.max;
import static io.durobs.toolkit.promql.PromQl.sum;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.engine.catalogue.Label;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.toolkit.grafana.Dashboard;
import io.durobs.toolkit.grafana.DashboardBuilder;
import io.durobs.toolkit.grafana.HeatmapPanelBuilder;
import io.durobs.toolkit.grafana.PrometheusQueryBuilder;
import io.durobs.toolkit.grafana.RowBuilder;
import io.durobs.toolkit.grafana.Units;
import io.durobs.toolkit.promql.Expr;
import io.durobs.toolkit.promql.PromQl;
import io.durobs.toolkit.promql.Selector;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Complete dashboard: every catalogue metric visualized, in catalogue order, one row per
 * catalogue section. Counters are shown as rates by all their labels, gauges by all their
 * labels (cluster-wide ones through {@code max}), histograms as a heatmap, percentiles with the
 * mean, and observations by label. It is the reference the coverage check holds to the
 * catalogue, and the dashboard the validation harness proves the whole pipeline with.
 */
public final class CompleteDashboard {

  /** The catalogue's sections, as in {@code metric-catalogue.md}. */
  static final Map<String, List<MetricDefinition>> SECTIONS = sections();

  private final ContentConfig config;
  /** The shared filters, variables and presets of {@link #config}. */
  private final Panels p;

  private CompleteDashboard(ContentConfig config) {
    this.config = config;
    this.p = Panels.of(config);
  }

  private static Map<String, List<MetricDefinition>> sections() {
    Map<String, List<MetricDefinition>> s = new java.util.LinkedHashMap<>();
    s.put("Orchestrations", List.of(ORCHESTRATION_STARTS, ORCHESTRATION_COMPLETIONS,
        ORCHESTRATION_FAILURES, ORCHESTRATION_DURATION, ORCHESTRATION_HISTORY_SIZE,
        ORCHESTRATION_TURNS, ORCHESTRATION_CONTINUE_AS_NEW, ORCHESTRATION_INFRASTRUCTURE_ERRORS,
        ORCHESTRATION_CONFIGURATION_ERRORS, ORCHESTRATION_POISON, ACTIVE_ORCHESTRATIONS,
        ORCHESTRATOR_QUEUE_DEPTH, WORKER_QUEUE_DEPTH));
    s.put("Activities", List.of(ACTIVITY_EXECUTIONS, ACTIVITY_DURATION,
        ACTIVITY_INFRASTRUCTURE_ERRORS, ACTIVITY_CONFIGURATION_ERRORS, ACTIVITY_POISON));
    s.put("Store", List.of(PROVIDER_OPERATION_DURATION, PROVIDER_ERRORS,
        PROVIDER_ACK_ORCHESTRATION_RETRIES));
    s.put("Client", List.of(CLIENT_ORCHESTRATION_STARTS, CLIENT_EXTERNAL_EVENTS_RAISED,
        CLIENT_CANCELLATIONS, CLIENT_WAIT_DURATION));
    s.put("Sub-orchestrations", List.of(SUBORCHESTRATION_CALLS, SUBORCHESTRATION_DURATION));
    s.put("Capacity", List.of(QUEUE_WAIT_DURATION, DISPATCHER_SLOTS, DISPATCHER_ITEMS_FETCHED));
    s.put("Telemetry", List.of(TELEMETRY_LABEL_OVERFLOW));
    s.put("Process (JVM)", io.durobs.engine.catalogue.MetricCatalogue.process());
    return java.util.Collections.unmodifiableMap(s);
  }

  /** Builds the dashboard of this configuration. */
  public static Dashboard build(ContentConfig config) {
    return new CompleteDashboard(config).dashboard();
  }

  private Dashboard dashboard() {
    DashboardBuilder d = p.dashboard(config.completeUid(),
        "Durable engine / Complete catalogue",
        "Every metric of the engine's catalogue, in catalogue order, by all its labels. The "
            + "reference for coverage and for the validation harness; day to day, use "
            + "Overview and Production.", "catalogue")
        .withVariable(p.datasourceVariable())
        .withVariable(p.jobVariable(".*"))
        .withVariable(p.instanceVariable())
        .withVariable(p.orchestrationVariable())
        .withVariable(p.activityVariable());
    for (Map.Entry<String, List<MetricDefinition>> section : SECTIONS.entrySet()) {
      d.withRow(new RowBuilder(section.getKey()));
      for (MetricDefinition m : section.getValue()) {
        switch (m.kind()) {
          case COUNTER -> d.withPanel(counter(m));
          case GAUGE -> d.withPanel(gauge(m));
          case HISTOGRAM -> histogram(d, m);
          default -> throw new IllegalStateException("unknown kind " + m.kind());
        }
      }
    }
    return d.build();
  }

  private static String describe(MetricDefinition m, String shown) {
    String labels = m.labels().isEmpty() ? "no labels"
        : "labels " + m.labels().stream().map(Label::name).collect(Collectors.joining(", "));
    String number = io.durobs.engine.catalogue.MetricCatalogue.process().contains(m)
        ? "process group #" + m.number() : "#" + m.number();
    return number + " " + m.otelName() + " (" + m.kind().name().toLowerCase(java.util.Locale.ROOT)
        + ", unit " + m.unit() + ", " + labels + "): " + m.description() + " Shown: " + shown + ".";
  }

  private static Object[] labelNames(MetricDefinition m) {
    return m.labels().stream().map(Label::name).toArray();
  }

  private static String legend(MetricDefinition m, String fallback) {
    if (m.labels().isEmpty()) {
      return fallback;
    }
    return m.labels().stream().map(l -> l.name() + "={{" + l.name() + "}}")
        .collect(Collectors.joining(" "));
  }

  private io.durobs.toolkit.grafana.TimeseriesPanelBuilder counter(MetricDefinition m) {
    Selector s = p.filtered(PromQl.metric(m));
    return timeseries(m.prometheusName(), describe(m, "per-second rate by every label"),
            Units.OPS_PER_SECOND)
        .withTarget(query(sum(rate(s)).by(labelNames(m)), legend(m, "rate")));
  }

  private io.durobs.toolkit.grafana.TimeseriesPanelBuilder gauge(MetricDefinition m) {
    Selector s = p.filtered(PromQl.metric(m));
    boolean clusterWide = Panels.CLUSTER_WIDE_GAUGES.contains(m);
    Expr e = clusterWide ? max(s).by(labelNames(m)) : sum(s).by(labelNames(m));
    return timeseries(m.prometheusName(), describe(m, clusterWide
            ? "by every label, max across processes (every process reports the same value)"
            : "by every label, summed over the selected processes"), Units.SHORT)
        .withTarget(query(e, legend(m, "value")));
  }

  private void histogram(DashboardBuilder d, MetricDefinition m) {
    String unit = "s".equals(m.unit()) ? Units.SECONDS : Units.SHORT;
    Selector buckets = p.filtered(PromQl.buckets(m));
    d.withPanel(new HeatmapPanelBuilder().title(m.prometheusName() + " distribution")
        .description(describe(m, "observations per second in each bucket"))
        .datasource(Panels.PROMETHEUS).unit(Units.SHORT).yAxisUnit(unit).span(8)
        .withTarget(new PrometheusQueryBuilder()
            .expr(sum(rate(buckets)).by("le").text()).legendFormat("{{le}}").formatHeatmap()));
    Expr mean = sum(rate(p.filtered(PromQl.sumSeries(m))))
        .div(sum(rate(p.filtered(PromQl.count(m)))));
    d.withPanel(quantiles(m.prometheusName() + " percentiles",
            describe(m, "p50, p95, p99 and the mean (sum / count) over all label values"),
            rate(buckets), "")
        .unit(unit).span(8)
        .withTarget(query(mean, "mean")));
    d.withPanel(timeseries(m.prometheusName() + " observations",
            describe(m, "observations per second (the _count series) by every label"),
            Units.OPS_PER_SECOND).span(8)
        .withTarget(query(sum(rate(p.filtered(PromQl.count(m)))).by(labelNames(m)),
            legend(m, "observations"))));
  }
}
