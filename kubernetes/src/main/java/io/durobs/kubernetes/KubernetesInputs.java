package io.durobs.kubernetes;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rendered content the manifests carry: what the renderer of {@code generated/} has already
 * produced from the Java definitions (rules from {@code EngineRules}, dashboards, Grafana's data
 * sources, Alertmanager's configuration), so the cluster gets the same bytes as the Compose stack.
 * The collector's configuration is not among them: {@link KubernetesManifests} renders it from
 * {@code CollectorPipeline} for each overlay's endpoints and memory.
 *
 * @param ruleFiles Prometheus rule files by file name (e.g. {@code alerts.yaml})
 * @param dashboards dashboard JSON by file name (e.g. {@code overview.json})
 * @param datasources Grafana's data source provisioning file (URLs are replaced per overlay)
 * @param dashboardFolder the Grafana folder the dashboards go to
 * @param alertmanagerConfig Alertmanager's configuration file
 */
public record KubernetesInputs(SortedMap<String, String> ruleFiles, SortedMap<String, String> dashboards,
    String datasources, String dashboardFolder, String alertmanagerConfig) {

  /** Checks that nothing is missing and copies the maps (sorted by file name). */
  public KubernetesInputs {
    ruleFiles = new TreeMap<>(ruleFiles);
    dashboards = new TreeMap<>(dashboards);
    if (ruleFiles.isEmpty()) {
      throw new IllegalArgumentException("no Prometheus rule files to put into PrometheusRule objects");
    }
    if (dashboards.isEmpty()) {
      throw new IllegalArgumentException("no dashboards to put into ConfigMaps");
    }
    Objects.requireNonNull(datasources, "datasources");
    Objects.requireNonNull(dashboardFolder, "dashboardFolder");
    Objects.requireNonNull(alertmanagerConfig, "alertmanagerConfig");
  }

  /**
   * Picks the inputs out of {@code generated/}'s files by directory.
   *
   * @param files path relative to {@code generated/} to content
   * @param rulesDir the rule files' directory, e.g. {@code prometheus/rules}
   * @param dashboardsDir the dashboards' directory, e.g. {@code grafana/dashboards}
   * @param datasourcesFile the data source provisioning file
   * @param dashboardFolder the Grafana folder of the dashboards
   * @param alertmanagerFile Alertmanager's configuration file
   * @return the inputs
   * @throws IllegalArgumentException if a named file is missing
   */
  public static KubernetesInputs fromGenerated(Map<String, String> files, String rulesDir, String dashboardsDir,
      String datasourcesFile, String dashboardFolder, String alertmanagerFile) {
    return new KubernetesInputs(inDir(files, rulesDir, ".yaml"), inDir(files, dashboardsDir, ".json"),
        required(files, datasourcesFile), dashboardFolder, required(files, alertmanagerFile));
  }

  private static SortedMap<String, String> inDir(Map<String, String> files, String dir, String suffix) {
    SortedMap<String, String> found = new TreeMap<>();
    files.forEach((path, text) -> {
      if (path.startsWith(dir + "/") && path.endsWith(suffix) && path.indexOf('/', dir.length() + 1) < 0) {
        found.put(path.substring(dir.length() + 1), text);
      }
    });
    return found;
  }

  private static String required(Map<String, String> files, String path) {
    String text = files.get(path);
    if (text == null) {
      throw new IllegalArgumentException("the Kubernetes manifests need " + path + ", which nothing rendered");
    }
    return text;
  }
}
