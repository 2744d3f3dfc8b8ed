package io.durobs.dashboards;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.stack.PrometheusConfig;
import io.durobs.toolkit.yaml.Trees;
import io.durobs.toolkit.yaml.YamlText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Grafana's provisioning files: the two data sources with the fixed uids the dashboards
 * reference (the seed set none, so its panels pointed at data source names), and a file
 * provider that loads the dashboards into one folder.
 */
public final class Provisioning {

  /** The data sources file, relative to {@code generated/}. */
  public static final String DATASOURCES = "grafana/provisioning/datasources/datasources.yaml";
  /** The dashboard provider file, relative to {@code generated/}. */
  public static final String DASHBOARD_PROVIDER = "grafana/provisioning/dashboards/dashboards.yaml";
  /** Where the provider reads dashboards from inside the Grafana container. */
  public static final String DASHBOARDS_PATH = "/var/lib/grafana/dashboards";
  /** Where the dashboard JSON files are rendered, relative to {@code generated/}. */
  public static final String DASHBOARDS_DIR = "grafana/dashboards";
  /** Prometheus's URL inside the stack's network. */
  public static final String PROMETHEUS_URL = "http://prometheus:9090";
  /** Loki's URL inside the stack's network. */
  public static final String LOKI_URL = "http://loki:3100";
  /**
   * The data source's "scrape interval" ({@code jsonData.timeInterval}): Prometheus' scrape
   * interval, the one constant {@link PrometheusConfig#INTERVAL}, so Grafana's
   * {@code $__rate_interval} (at least four times it) and the rules' windows reason about the
   * same sample spacing.
   */
  public static final String DATA_INTERVAL = PrometheusConfig.INTERVAL;

  private static final List<String> HEADER = List.of(
      "Rendered by io.durobs.dashboards.render.RenderAll from io.durobs.dashboards.Provisioning; do not edit.");

  private Provisioning() {}

  /** The provisioned data sources: uid to plugin type (what the dashboard lint checks against). */
  public static Map<String, String> datasourceTypesByUid(ContentConfig config) {
    return new TreeMap<>(Map.of(config.prometheusDatasourceUid(), "prometheus",
        config.lokiDatasourceUid(), "loki"));
  }

  /** The data sources file, with the configuration's uids. */
  public static String datasources(ContentConfig config) {
    Map<String, Object> promJson = new LinkedHashMap<>();
    promJson.put("timeInterval", DATA_INTERVAL);
    promJson.put("httpMethod", "POST");
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("apiVersion", 1);
    file.put("datasources", List.of(
        datasource(Panels.PROMETHEUS_NAME, config.prometheusDatasourceUid(), "prometheus",
            PROMETHEUS_URL, true, promJson),
        datasource(Panels.LOKI_NAME, config.lokiDatasourceUid(), "loki", LOKI_URL, false,
            Map.of("maxLines", 1000))));
    return YamlText.render(HEADER, file);
  }

  private static Map<String, Object> datasource(String name, String uid, String type, String url,
      boolean isDefault, Map<String, Object> jsonData) {
    return Trees.map("name", name, "uid", uid, "type", type, "access", "proxy", "url", url,
        "isDefault", isDefault, "editable", false, "jsonData", jsonData);
  }

  /** The dashboard provider file of the default configuration. */
  public static String dashboardProvider() {
    return dashboardProvider(ContentConfig.defaults());
  }

  /** The dashboard provider file, into the configuration's folder. */
  public static String dashboardProvider(ContentConfig config) {
    Map<String, Object> provider = new LinkedHashMap<>();
    provider.put("name", "durobs");
    provider.put("orgId", 1);
    provider.put("folder", config.grafanaFolder());
    provider.put("folderUid", config.grafanaFolderUid());
    provider.put("type", "file");
    // the dashboards are code: edits in the UI would be lost on the next render
    provider.put("disableDeletion", true);
    provider.put("allowUiUpdates", false);
    provider.put("updateIntervalSeconds", 30);
    provider.put("options", Trees.map("path", DASHBOARDS_PATH, "foldersFromFilesStructure", false));
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("apiVersion", 1);
    file.put("providers", List.of(provider));
    return YamlText.render(HEADER, file);
  }
}
