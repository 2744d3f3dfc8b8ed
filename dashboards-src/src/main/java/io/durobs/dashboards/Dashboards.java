package io.durobs.dashboards;

import io.durobs.toolkit.grafana.Dashboard;
import java.util.List;

/** The project's dashboards, in the order they are listed and rendered. */
public final class Dashboards {

  private Dashboards() {}

  /** Overview, Production, Logs, Complete. */
  public static List<Dashboard> all() {
    return List.of(OverviewDashboard.build(), ProductionDashboard.build(), LogsDashboard.build(),
        CompleteDashboard.build());
  }

  /** The file name a dashboard is provisioned from: its uid without the project prefix. */
  public static String fileName(Dashboard d) {
    return d.uid().replaceFirst("^durobs-", "") + ".json";
  }
}
