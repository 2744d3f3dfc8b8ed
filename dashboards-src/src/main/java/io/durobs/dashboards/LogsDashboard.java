package io.durobs.dashboards;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.toolkit.grafana.Common;
import io.durobs.toolkit.grafana.Dashboard;
import io.durobs.toolkit.grafana.DashboardBuilder;
import io.durobs.toolkit.grafana.LogsPanelBuilder;
import io.durobs.toolkit.grafana.LokiQueryBuilder;
import io.durobs.toolkit.grafana.OverrideBuilder;
import io.durobs.toolkit.grafana.RowBuilder;
import io.durobs.toolkit.grafana.StatPanelBuilder;
import io.durobs.toolkit.grafana.TextBoxVariableBuilder;
import io.durobs.toolkit.grafana.ThresholdsBuilder;
import io.durobs.toolkit.grafana.TimeseriesPanelBuilder;
import io.durobs.toolkit.grafana.Units;
import io.durobs.toolkit.promql.Selector;

/**
 * The Logs dashboard: log volume by level, errors, and the logs of one orchestration, activity
 * or orchestration instance.
 *
 * <p>Logs reach Loki through the collector's OTLP exporter, so they carry what Loki 3's OTLP
 * ingestion makes of them: {@code service.name} becomes the stream label {@code service_name}
 * (the same value as the metrics' {@code job}); {@code service.instance.id}, the severity
 * ({@code severity_text}) and the engine's log attributes ({@code instance_id},
 * {@code orchestration_name}, {@code activity_name}) are filtered with label filters, which
 * work whether Loki indexes them or keeps them as structured metadata. The seed's
 * {@code {job="toygres", level="error"}} selectors matched nothing after its move to OTLP.
 */
public final class LogsDashboard {

  /** Severities the OpenTelemetry log bridge writes for errors (case as the appender spells it). */
  static final String ERROR_SEVERITY = "(?i)(error|fatal)";

  private final ContentConfig config;
  /** The shared filters, variables and presets of {@link #config}. */
  private final Panels p;

  private LogsDashboard(ContentConfig config) {
    this.config = config;
    this.p = Panels.of(config);
  }

  /**
   * The stream selector and process filter every query starts with. Loki has the job as
   * {@code service_name}, so the configuration's job selector is applied to that label.
   */
  private String stream() {
    StringBuilder matchers = new StringBuilder("service_name=~\"$job\"");
    for (Selector.Matcher m : config.jobSelector()) {
      matchers.append(", ")
          .append(new Selector.Matcher("service_name", m.op(), m.value()).render());
    }
    return "{" + matchers + "} | service_instance_id=~\"$instance\"";
  }

  /** Builds the dashboard of this configuration. */
  public static Dashboard build(ContentConfig config) {
    return new LogsDashboard(config).dashboard();
  }

  private Dashboard dashboard() {
    DashboardBuilder d = p.dashboard(config.logsUid(), "Durable engine / Logs",
        "Engine logs from Loki: volume by level, errors, and drill-down by orchestration, "
            + "activity and orchestration instance id.", "logs")
        .withVariable(p.datasourceVariable())
        .withVariable(p.lokiVariable())
        // Loki refuses a stream selector that matches the empty string, so "All" is .+ here
        .withVariable(p.jobVariable(".+"))
        .withVariable(p.instanceVariable())
        .withVariable(p.orchestrationVariable())
        .withVariable(p.activityVariable())
        .withVariable(new TextBoxVariableBuilder("instance_id").label("Orchestration instance id")
            .description("An orchestration instance id (a regex): shows that instance's logs in "
                + "the drill-down panel. .+ shows every orchestration's logs.")
            .defaultValue(".+"));

    d.withPanel(volume("Log volume by level",
            "Log records per interval by severity.",
            "sum by (severity_text) (count_over_time(" + stream() + " [$__auto]))",
            "{{severity_text}}")
        .bars().stacking(Common.StackingMode.NORMAL).span(12)
        .withOverride(OverrideBuilder.byRegexp("(?i)error|fatal").fixedColor("red"))
        .withOverride(OverrideBuilder.byRegexp("(?i)warn.*").fixedColor("yellow"))
        .withOverride(OverrideBuilder.byRegexp("(?i)info").fixedColor("green")));
    d.withPanel(count("Errors", "Error and fatal records in the time range.",
        stream() + " | severity_text=~\"" + ERROR_SEVERITY + "\"", "red"));
    d.withPanel(count("Warnings", "Warning records in the time range.",
        stream() + " | severity_text=~\"(?i)warn.*\"", "yellow"));
    d.withPanel(count("Log records", "All records in the time range.", stream(), null));
    d.withPanel(volume("Errors by orchestration",
            "Error records per interval by the orchestration they are about.",
            "sum by (orchestration_name) (count_over_time(" + stream() + " | severity_text=~\""
                + ERROR_SEVERITY + "\" | orchestration_name!=\"\" [$__auto]))",
            "{{orchestration_name}}")
        .dataLink("Production: this orchestration",
            Panels.seriesLink(config.productionUid(), MetricCatalogue.ORCHESTRATION_NAME))
        .span(12));
    d.withPanel(volume("Logs by activity",
            "Records per interval by the activity they are about.",
            "sum by (activity_name) (count_over_time(" + stream()
                + " | activity_name!=\"\" | activity_name=~\"$activity_name\" [$__auto]))",
            "{{activity_name}}")
        .span(12));

    d.withRow(new RowBuilder("Logs"));
    d.withPanel(logs("Errors", "Error and fatal records, newest first. Open a record for its "
            + "instance_id, then paste it into the instance id box to see the whole instance.",
        stream() + " | severity_text=~\"" + ERROR_SEVERITY + "\""));
    d.withPanel(logs("Orchestration instance $instance_id",
        "Every record about the orchestration instances matching the instance id box (all "
            + "orchestrations while it is .+).",
        stream() + " | instance_id=~\"$instance_id\""));
    d.withPanel(logs("Orchestration logs",
        "Records about the selected orchestrations.",
        stream() + " | orchestration_name!=\"\" | orchestration_name=~\"$orchestration_name\""));
    d.withPanel(logs("Activity logs",
        "Records about the selected activities.",
        stream() + " | activity_name!=\"\" | activity_name=~\"$activity_name\""));
    d.withPanel(logs("All logs", "Every record of the selected jobs and processes.", stream()));
    return d.build();
  }

  private static TimeseriesPanelBuilder volume(String title, String description, String logql,
      String legend) {
    return new TimeseriesPanelBuilder().title(title).description(description)
        .datasource(Panels.LOKI).unit(Units.SHORT)
        .withTarget(new LokiQueryBuilder().expr(logql).legendFormat(legend));
  }

  /** A count over the time range; from one record on, {@code alarmColor} (null: neutral). */
  private static StatPanelBuilder count(String title, String description, String selector,
      String alarmColor) {
    StatPanelBuilder s = new StatPanelBuilder().title(title).description(description)
        .datasource(Panels.LOKI).unit(Units.SHORT).noValue("0").graphMode("none").height(8)
        .withTarget(new LokiQueryBuilder().instant()
            .expr("sum(count_over_time(" + selector + " [$__range]))"));
    return alarmColor != null
        ? s.thresholds(new ThresholdsBuilder().base("green").step(1, alarmColor))
        : s.colorMode("value").fixedColor("blue");
  }

  private static LogsPanelBuilder logs(String title, String description, String logql) {
    return new LogsPanelBuilder().title(title).description(description).datasource(Panels.LOKI)
        .withTarget(new LokiQueryBuilder().expr(logql).maxLines(1000));
  }
}
