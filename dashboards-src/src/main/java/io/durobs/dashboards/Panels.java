package io.durobs.dashboards;

import static io.durobs.toolkit.promql.PromQl.histogramQuantile;
import static io.durobs.toolkit.promql.PromQl.max;
import static io.durobs.toolkit.promql.PromQl.sum;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.config.Wording;
import io.durobs.engine.catalogue.Label;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.toolkit.grafana.AnnotationBuilder;
import io.durobs.toolkit.grafana.Builder;
import io.durobs.toolkit.grafana.DashboardBuilder;
import io.durobs.toolkit.grafana.DashboardLinkBuilder;
import io.durobs.toolkit.grafana.DataSourceRef;
import io.durobs.toolkit.grafana.DatasourceVariableBuilder;
import io.durobs.toolkit.grafana.OverrideBuilder;
import io.durobs.toolkit.grafana.PanelBuilder;
import io.durobs.toolkit.grafana.PrometheusQueryBuilder;
import io.durobs.toolkit.grafana.QueryVariableBuilder;
import io.durobs.toolkit.grafana.ThresholdsBuilder;
import io.durobs.toolkit.grafana.TimeseriesPanelBuilder;
import io.durobs.toolkit.grafana.Units;
import io.durobs.toolkit.grafana.Variable;
import io.durobs.toolkit.promql.Expr;
import io.durobs.toolkit.promql.PromQl;
import io.durobs.toolkit.promql.Selector;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the four dashboards share: data sources and template variables, the filters every
 * selector carries, query and panel presets, colours, and the header links between the
 * dashboards. The presets are static; what depends on the {@link ContentConfig} (the job
 * selector, uids, the objective) is on an instance for that configuration.
 */
public final class Panels {

  /** Name of the provisioned Prometheus data source. */
  public static final String PROMETHEUS_NAME = "Prometheus";
  /** Name of the provisioned Loki data source. */
  public static final String LOKI_NAME = "Loki";

  /** Panels and queries read Prometheus through the {@code datasource} variable. */
  public static final DataSourceRef PROMETHEUS = DataSourceRef.prometheus("${datasource}");
  /** Log panels read Loki through the {@code loki} variable. */
  public static final DataSourceRef LOKI = DataSourceRef.loki("${loki}");

  /** Prometheus' own series of pending and firing alerts (the alert annotations read it). */
  public static final String ALERTS = "ALERTS";

  /**
   * How long after a start the restart annotation still marks a process: longer than the
   * engine's default metric export interval (60 s) plus a scrape, so every start shows.
   */
  static final int START_MARKER_SECONDS = 180;

  /** Tags on every dashboard (header links and search use them). */
  public static final List<String> TAGS = List.of("durobs", "duroxide");

  /** The Grafana colours of outcomes, shared so "failed" is red everywhere. */
  public static final Map<String, String> OUTCOME_COLORS = Map.ofEntries(
      Map.entry("success", "green"), Map.entry("completed", "green"),
      Map.entry("failed", "red"), Map.entry("app_error", "red"),
      Map.entry("infra_error", "orange"), Map.entry("config_error", "purple"),
      Map.entry("timeout", "yellow"), Map.entry("cancelled", "blue"),
      Map.entry("continuedAsNew", "text"), Map.entry("error", "red"));

  /**
   * The catalogue's cluster-wide gauges (#11-13): read from the store, so every engine process
   * reports the same value; summing them over processes multiplies them by the process count.
   */
  public static final List<MetricDefinition> CLUSTER_WIDE_GAUGES = List.of(
      MetricCatalogue.ACTIVE_ORCHESTRATIONS, MetricCatalogue.ORCHESTRATOR_QUEUE_DEPTH,
      MetricCatalogue.WORKER_QUEUE_DEPTH);

  private final ContentConfig config;

  private Panels(ContentConfig config) {
    this.config = config;
  }

  /** The shared parts of dashboards of this configuration. */
  public static Panels of(ContentConfig config) {
    return new Panels(Objects.requireNonNull(config, "config"));
  }

  /** The configuration. */
  public ContentConfig config() {
    return config;
  }

  /** The Prometheus series names of {@link #CLUSTER_WIDE_GAUGES}, for the lint. */
  public static Set<String> clusterWideSeries() {
    return CLUSTER_WIDE_GAUGES.stream().map(MetricDefinition::prometheusName)
        .collect(Collectors.toUnmodifiableSet());
  }

  // ---- filters -----------------------------------------------------------------------------

  /**
   * The configuration's job selector, then {@code job=~"$job", instance=~"$instance"}: every
   * selector carries them.
   */
  public List<Selector.Matcher> jobInstance() {
    List<Selector.Matcher> m = new ArrayList<>(config.jobSelector());
    m.add(new Selector.Matcher("job", "=~", "$job"));
    m.add(new Selector.Matcher("instance", "=~", "$instance"));
    return List.copyOf(m);
  }

  /**
   * The metric's series filtered by the dashboard's variables: job and instance always, and
   * {@code orchestration_name}/{@code activity_name} when the metric has that label.
   */
  public Selector filtered(Selector selector) {
    Selector s = selector.with(jobInstance());
    MetricDefinition m = selector.metric();
    if (m != null && m.label(MetricCatalogue.ORCHESTRATION_NAME.name()).isPresent()) {
      s = s.matching(MetricCatalogue.ORCHESTRATION_NAME, "$orchestration_name");
    }
    if (m != null && m.label(MetricCatalogue.ACTIVITY_NAME.name()).isPresent()) {
      s = s.matching(MetricCatalogue.ACTIVITY_NAME, "$activity_name");
    }
    return s;
  }

  /** A counter's or gauge's filtered series. */
  public Selector series(MetricDefinition metric) {
    return filtered(PromQl.metric(metric));
  }

  /**
   * A counter's or gauge's series filtered by job and instance only, for dashboards without
   * orchestration and activity pickers.
   */
  public Selector overall(MetricDefinition metric) {
    return PromQl.metric(metric).with(jobInstance());
  }

  /** A histogram's filtered bucket series. */
  public Selector bucketSeries(MetricDefinition histogram) {
    return filtered(PromQl.buckets(histogram));
  }

  /** A recording rule's series, filtered by job, instance and the named-label variables it keeps. */
  public Selector recorded(String record, Label... namedLabels) {
    Selector s = PromQl.recorded(record).with(jobInstance());
    for (Label l : namedLabels) {
      s = s.matching(l, "$" + l.name());
    }
    return s;
  }

  /** {@code rate(selector[$__rate_interval])}. */
  public static Expr rate(Selector selector) {
    return PromQl.rate(selector, PromQl.RATE_INTERVAL);
  }

  // ---- variables ---------------------------------------------------------------------------

  /** The Prometheus data source picker. */
  public Builder<Variable> datasourceVariable() {
    return new DatasourceVariableBuilder("datasource").label("Data source").type("prometheus")
        .defaultValue(config.prometheusDatasourceUid(), PROMETHEUS_NAME);
  }

  /** The Loki data source picker. */
  public Builder<Variable> lokiVariable() {
    return new DatasourceVariableBuilder("loki").label("Logs").type("loki")
        .defaultValue(config.lokiDatasourceUid(), LOKI_NAME);
  }

  /**
   * The engine's job ({@code service.name}), from the dispatcher slots every process reports.
   *
   * @param allValue the "All" value ({@code .+} where Loki needs a non-empty matcher)
   */
  public Builder<Variable> jobVariable(String allValue) {
    return new QueryVariableBuilder("job").label("Job").datasource(PROMETHEUS)
        .description("The engine deployment: OpenTelemetry service.name.")
        .query("label_values(" + slots().text() + ", job)")
        .allValue(allValue);
  }

  /** The engine process ({@code service.instance.id}) within the selected jobs. */
  public Builder<Variable> instanceVariable() {
    return new QueryVariableBuilder("instance").label("Instance").datasource(PROMETHEUS)
        .description("The engine process: OpenTelemetry service.instance.id.")
        .query("label_values(" + slots().matching("job", "$job").text() + ", instance)");
  }

  /** The series every engine process reports, of the configuration's jobs. */
  private Selector slots() {
    return PromQl.metric(MetricCatalogue.DISPATCHER_SLOTS).with(config.jobSelector());
  }

  /** The orchestration names started in the selected jobs and instances. */
  public Builder<Variable> orchestrationVariable() {
    return new QueryVariableBuilder("orchestration_name").label("Orchestration")
        .datasource(PROMETHEUS).description("Registered orchestration names.")
        .query("label_values(" + overall(MetricCatalogue.ORCHESTRATION_STARTS).text()
            + ", orchestration_name)");
  }

  /** The activity names executed in the selected jobs and instances. */
  public Builder<Variable> activityVariable() {
    return new QueryVariableBuilder("activity_name").label("Activity")
        .datasource(PROMETHEUS).description("Registered activity names.")
        .query("label_values(" + overall(MetricCatalogue.ACTIVITY_EXECUTIONS).text()
            + ", activity_name)");
  }

  /** A new dashboard with the shared settings, header links to the others and the base variables. */
  public DashboardBuilder dashboard(String uid, String title, String description,
      String tag) {
    return dashboard(uid, title, description, tag, true);
  }

  /**
   * As {@link #dashboard(String, String, String, String)}, for a dashboard without the engine's
   * job and instance pickers: its engine-start annotation marks every engine of the configured
   * jobs.
   */
  public DashboardBuilder dashboardWithoutEngineFilters(String uid, String title,
      String description, String tag) {
    return dashboard(uid, title, description, tag, false);
  }

  private DashboardBuilder dashboard(String uid, String title, String description, String tag,
      boolean engineFilters) {
    List<String> tags = new ArrayList<>(TAGS);
    tags.add(tag);
    DashboardBuilder d = new DashboardBuilder(title).uid(uid).description(description)
        .tags(tags).time("now-1h", "now").refresh("30s");
    Map<String, String> titles = new LinkedHashMap<>();
    titles.put(config.overviewUid(), "Overview");
    titles.put(config.productionUid(), "Production");
    titles.put(config.logsUid(), "Logs");
    titles.put(config.pipelineUid(), "Telemetry pipeline");
    titles.put(config.completeUid(), "Complete catalogue");
    titles.forEach((other, otherTitle) -> {
      if (!other.equals(uid)) {
        d.link(new DashboardLinkBuilder(otherTitle).dashboardUid(other)
            .tooltip("Same time range and variables"));
      }
    });
    return d.annotation(firingAlerts()).annotation(engineStarts(engineFilters
        ? overall(MetricCatalogue.PROCESS_UPTIME)
        : PromQl.metric(MetricCatalogue.PROCESS_UPTIME).with(config.jobSelector())));
  }

  /** Every firing alert of the stack, as a region from when it fired to when it resolved. */
  private static AnnotationBuilder firingAlerts() {
    return new AnnotationBuilder("Firing alerts").datasource(PROMETHEUS).iconColor("red")
        .expr(PromQl.external(ALERTS).where("alertstate", "firing").text())
        .titleFormat("{{alertname}}").textFormat("{{severity}}: {{alertname}}")
        .tagKeys("alertname,severity");
  }

  /**
   * Engine process starts: each process' first {@value #START_MARKER_SECONDS} seconds of
   * {@code process.uptime}, so a region begins where a process (a new instance, or the same
   * instance restarted) started.
   */
  private static AnnotationBuilder engineStarts(Selector uptime) {
    return new AnnotationBuilder("Engine starts").datasource(PROMETHEUS).iconColor("blue")
        .expr(max(uptime).by("job", "instance")
            .lt(START_MARKER_SECONDS).text())
        .titleFormat("Engine started: {{instance}}").textFormat("job {{job}}")
        .tagKeys("job,instance");
  }

  /** A link to the Logs dashboard for the current time range, job and instance. */
  public String logsLink() {
    return dashboardLink(config.logsUid());
  }

  /**
   * A data link to a dashboard for the clicked series: the current time range, job and instance,
   * and the series' own value of {@code label} as that dashboard's variable of the same name.
   */
  public static String seriesLink(String uid, Label label) {
    return dashboardLink(uid) + "&var-" + label.name() + "=${__field.labels." + label.name() + "}";
  }

  /**
   * Adds a data link to Grafana Explore for the clicked series: the panel's query with its
   * selectors narrowed to the series' own values of {@code labels}
   * ({@code label="${__field.labels.label}"}), on the dashboard's Prometheus data source and
   * time range. Returns the panel's own query, so target and link come from one definition.
   *
   * @param panel the panel to add the link to
   * @param query builds the panel's expression, passing each selector it reads through the
   *     given narrowing (the identity for the panel, the clicked series' labels for the link)
   * @param labels the labels the query groups by, which identify a clicked series
   * @return the panel's expression
   */
  public static Expr exploreSeries(PanelBuilder<?> panel,
      Function<UnaryOperator<Selector>, Expr> query, Label... labels) {
    UnaryOperator<Selector> clicked = s -> {
      Selector narrowed = s;
      for (Label l : labels) {
        narrowed = narrowed.where(l.name(), "${__field.labels." + l.name() + "}");
      }
      return narrowed;
    };
    panel.dataLink("Explore this series", exploreLink(query.apply(clicked)));
    return query.apply(UnaryOperator.identity());
  }

  /**
   * A Grafana Explore URL (the {@code panes} format of Grafana 10 and later) running
   * {@code expr} on the dashboard's Prometheus data source over the dashboard's time range.
   * Dashboard variables in the expression become {@code ${name:regex}}, the form a regex matcher
   * needs when Grafana fills the link in (a multi-value variable's default form is a glob); the
   * URL is percent-encoded except for the {@code ${...}} placeholders Grafana replaces.
   */
  static String exploreLink(Expr expr) {
    String query = VARIABLE.matcher(expr.text()).replaceAll(m -> m.group(1).startsWith("__")
        ? Matcher.quoteReplacement(m.group())
        : Matcher.quoteReplacement("${" + m.group(1) + ":regex}"));
    String panes = "{\"explore\":{\"datasource\":\"${datasource}\",\"queries\":[{\"refId\":\"A\","
        + "\"expr\":" + jsonString(query) + ",\"datasource\":{\"type\":\"prometheus\","
        + "\"uid\":\"${datasource}\"}}],\"range\":{\"from\":\"${__from}\",\"to\":\"${__to}\"}}}";
    return "/explore?schemaVersion=1&orgId=1&panes=" + encodeOutsidePlaceholders(panes);
  }

  /** {@code $name} or {@code ${name}} in an expression (not {@code ${__field...}}). */
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}");

  private static String jsonString(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String encodeOutsidePlaceholders(String text) {
    StringBuilder out = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(text);
    int at = 0;
    while (m.find()) {
      out.append(encode(text.substring(at, m.start()))).append(m.group());
      at = m.end();
    }
    return out.append(encode(text.substring(at))).toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A link to a dashboard for the current time range, job and instance. */
  public static String dashboardLink(String uid) {
    return "/d/" + uid + "?${__url_time_range}&${job:queryparam}&${instance:queryparam}";
  }

  // ---- queries and panels ------------------------------------------------------------------

  /** A Prometheus range query. */
  public static PrometheusQueryBuilder query(Expr expr, String legend) {
    return new PrometheusQueryBuilder().expr(expr.text()).legendFormat(legend);
  }

  /** A Prometheus instant query (one value per series at the end of the range). */
  public static PrometheusQueryBuilder instantQuery(Expr expr, String legend) {
    return query(expr, legend).instant();
  }

  /** A time series panel on the Prometheus data source. */
  public static TimeseriesPanelBuilder timeseries(String title, String description, String unit) {
    return new TimeseriesPanelBuilder().title(title).description(description).unit(unit)
        .datasource(PROMETHEUS);
  }

  /** Colours series named like outcomes ({@code failed} red, {@code success} green, ...). */
  public static TimeseriesPanelBuilder outcomeColors(TimeseriesPanelBuilder panel,
      List<String> outcomes) {
    for (String o : outcomes) {
      String color = OUTCOME_COLORS.get(o);
      if (color != null) {
        panel.withOverride(OverrideBuilder.byName(o).fixedColor(color));
      }
    }
    return panel;
  }

  /**
   * p50, p95 and p99 of buckets (raw bucket rates or a recorded bucket rate), summed by
   * {@code le} and the given labels.
   */
  public static TimeseriesPanelBuilder quantiles(String title, String description, Expr bucketRates,
      String legendPrefix, Object... by) {
    Object[] withLe = new Object[by.length + 1];
    withLe[0] = "le";
    System.arraycopy(by, 0, withLe, 1, by.length);
    TimeseriesPanelBuilder p = timeseries(title, description, Units.SECONDS);
    for (double q : List.of(0.5, 0.95, 0.99)) {
      String name = "p" + Math.round(q * 100);
      p.withTarget(query(histogramQuantile(q, sum(bucketRates).by(withLe)), legendPrefix.isEmpty()
          ? name : name + " " + legendPrefix));
    }
    return p;
  }

  // ---- the process group -------------------------------------------------------------------

  /** Recent CPU use per engine JVM (0 to 1 of its processors), yellow from 80 %, red from 95 %. */
  public TimeseriesPanelBuilder processCpu(String title, String description) {
    return timeseries(title, description, Units.PERCENT_UNIT).min(0).max(1)
        .thresholds(new ThresholdsBuilder().base("green").step(0.8, "yellow").step(0.95, "red"))
        .withTarget(query(max(overall(MetricCatalogue.JVM_CPU_RECENT_UTILIZATION)).by("instance"),
            "{{instance}}"));
  }

  /** A heap memory gauge (used or limit) of the process group, summed over pools per instance. */
  public Expr heapByInstance(MetricDefinition memory) {
    return sum(overall(memory).where(MetricCatalogue.JVM_MEMORY_TYPE, "heap")).by("instance");
  }

  /** Thresholds of a success ratio: red below the objective, green from the healthy ratio. */
  public ThresholdsBuilder successThresholds() {
    return new ThresholdsBuilder().base("red")
        .step(config.successObjective().doubleValue(), "yellow")
        .step(config.successHealthy().doubleValue(), "green");
  }

  /**
   * How the success panels' descriptions state their scale ({@code the 95% objective},
   * {@code 99%}).
   */
  public String objectiveText() {
    return "the " + Wording.percent(config.successObjective()) + "% objective";
  }

  /** The healthy success ratio as the descriptions state it ({@code 99%}). */
  public String healthyText() {
    return Wording.percent(config.successHealthy()) + "%";
  }

  /** Where a percentile panel reads from, as its description says it: {@code (5m recording rule)}. */
  public String recordingRuleNote() {
    return "(" + config.ruleRateWindow() + " recording rule)";
  }

  /** Thresholds of an error count: green at zero, red from one. */
  public static ThresholdsBuilder errorThresholds() {
    return new ThresholdsBuilder().base("green").step(1, "red");
  }
}
