package io.durobs.dashboards;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.toolkit.grafana.Dashboard;
import java.util.List;

/** The project's dashboards, in the order they are listed and rendered. */
public final class Dashboards {

  private Dashboards() {}

  /** Overview, Production, Logs, Telemetry pipeline, Complete, for this configuration. */
  public static List<Dashboard> all(ContentConfig config) {
    return List.of(OverviewDashboard.build(config), ProductionDashboard.build(config),
        LogsDashboard.build(config), PipelineDashboard.build(config),
        CompleteDashboard.build(config));
  }

  /** The file name a dashboard is provisioned from: its uid without the configured prefix. */
  public static String fileName(Dashboard d, ContentConfig config) {
    String uid = d.uid();
    String prefix = config.dashboardUidPrefix();
    return (uid.startsWith(prefix) ? uid.substring(prefix.length()) : uid) + ".json";
  }
}
