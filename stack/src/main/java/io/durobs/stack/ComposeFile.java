package io.durobs.stack;

import static io.durobs.toolkit.yaml.Trees.map;

import io.durobs.collector.CollectorPipeline;
import io.durobs.collector.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Docker Compose file ({@code generated/docker-compose.yaml}) for running the stack by hand:
 * {@code docker compose -f generated/docker-compose.yaml up -d}. Images are {@link Images}, the
 * command lines and environments {@link ServiceCommands}; the services mount the other files of
 * {@code generated/} (directories rather than single files, so an edited file is seen after a
 * reload), and their container paths are the constants here, which the Testcontainers launcher
 * and Grafana's provisioning use too.
 */
public final class ComposeFile {

  /** Compose project name. */
  public static final String PROJECT = "durobs";
  /** Where the collector's configuration directory is mounted. */
  public static final String COLLECTOR_CONFIG_DIR = "/etc/durobs/collector";
  /** Where Prometheus's configuration directory (with {@code rules/}) is mounted. */
  public static final String PROMETHEUS_CONFIG_DIR = "/etc/prometheus";
  /** Where Prometheus keeps its TSDB (a named volume). */
  public static final String PROMETHEUS_DATA_DIR = "/prometheus";
  /** Where Alertmanager's configuration directory is mounted. */
  public static final String ALERTMANAGER_CONFIG_DIR = "/etc/alertmanager";
  /** Where Alertmanager keeps silences and its notification log (a named volume). */
  public static final String ALERTMANAGER_DATA_DIR = "/alertmanager";
  /** Where Grafana reads provisioning (datasources, dashboard providers). */
  public static final String GRAFANA_PROVISIONING_DIR = "/etc/grafana/provisioning";
  /** Where the dashboard JSON files are mounted; the dashboard provider's {@code path}. */
  public static final String GRAFANA_DASHBOARDS_DIR = "/var/lib/grafana/dashboards";

  /**
   * The directories of {@code generated/} that services mount read-only, and where: the one
   * mapping from a generated file to its path in a container ({@link #containerPath(String)}).
   */
  private static final Map<String, String> MOUNTS = Map.of(
      "collector", COLLECTOR_CONFIG_DIR,
      "prometheus", PROMETHEUS_CONFIG_DIR,
      "alertmanager", ALERTMANAGER_CONFIG_DIR,
      "grafana/provisioning", GRAFANA_PROVISIONING_DIR,
      "grafana/dashboards", GRAFANA_DASHBOARDS_DIR);

  private ComposeFile() {}

  /**
   * Where a file of {@code generated/} is seen inside its service's container, e.g.
   * {@code prometheus/rules/alerts.yaml} at {@code /etc/prometheus/rules/alerts.yaml}.
   *
   * @param generatedFile a path relative to {@code generated/}, e.g. {@link StackFiles#PROMETHEUS_CONFIG}
   * @return the absolute path in the container
   * @throws IllegalArgumentException if no service mounts the file's directory
   */
  public static String containerPath(String generatedFile) {
    for (Map.Entry<String, String> mount : MOUNTS.entrySet()) {
      if (generatedFile.startsWith(mount.getKey() + "/")) {
        return mount.getValue() + generatedFile.substring(mount.getKey().length());
      }
    }
    throw new IllegalArgumentException("no service mounts the directory of '" + generatedFile + "'; mounted: "
        + new java.util.TreeSet<>(MOUNTS.keySet()));
  }

  /**
   * The Compose file as an ordered tree.
   *
   * @param endpoints the ports to publish (container and host side alike)
   * @return a new tree
   */
  public static Map<String, Object> tree(StackEndpoints endpoints) {
    Map<String, Object> services = map(
        StackEndpoints.POSTGRES_HOST, map(
            "image", Images.POSTGRES,
            "environment", ServiceCommands.postgresEnvironment(),
            "ports", ports(endpoints.postgres()),
            "volumes", List.of("postgres-data:/var/lib/postgresql/data")),
        StackEndpoints.COLLECTOR_HOST, map(
            "image", Images.COLLECTOR,
            "command", ServiceCommands.collector(COLLECTOR_CONFIG_DIR, false),
            "environment", map(CollectorPipeline.ENVIRONMENT_ENV,
                "${" + CollectorPipeline.ENVIRONMENT_ENV + ":-" + CollectorPipeline.DEFAULT_ENVIRONMENT + "}"),
            "volumes", List.of(readOnly("collector")),
            "ports", ports(endpoints.otlpGrpc(), endpoints.otlpHttp(), endpoints.collectorMetrics(),
                endpoints.collectorTelemetry(), endpoints.healthCheck()),
            "depends_on", List.of(StackEndpoints.LOKI_HOST)),
        StackEndpoints.PROMETHEUS_HOST, map(
            "image", Images.PROMETHEUS,
            "command", ServiceCommands.prometheus(PROMETHEUS_CONFIG_DIR, PROMETHEUS_DATA_DIR, endpoints),
            "volumes", List.of(readOnly("prometheus"), "prometheus-data:" + PROMETHEUS_DATA_DIR),
            "ports", ports(endpoints.prometheus()),
            "depends_on", List.of(StackEndpoints.COLLECTOR_HOST, StackEndpoints.ALERTMANAGER_HOST)),
        StackEndpoints.ALERTMANAGER_HOST, map(
            "image", Images.ALERTMANAGER,
            "command", ServiceCommands.alertmanager(ALERTMANAGER_CONFIG_DIR, ALERTMANAGER_DATA_DIR, endpoints),
            "volumes", List.of(readOnly("alertmanager"), "alertmanager-data:" + ALERTMANAGER_DATA_DIR),
            "ports", ports(endpoints.alertmanager())),
        StackEndpoints.LOKI_HOST, map(
            "image", Images.LOKI,
            "command", ServiceCommands.loki(),
            "volumes", List.of("loki-data:/loki"),
            "ports", ports(endpoints.loki())),
        StackEndpoints.GRAFANA_HOST, map(
            "image", Images.GRAFANA,
            "environment", ServiceCommands.grafanaEnvironment(),
            "volumes", List.of(
                readOnly("grafana/provisioning"),
                readOnly("grafana/dashboards"),
                "grafana-data:/var/lib/grafana"),
            "ports", ports(endpoints.grafana()),
            "depends_on", List.of(StackEndpoints.PROMETHEUS_HOST, StackEndpoints.LOKI_HOST)));
    return map(
        "name", PROJECT,
        "services", services,
        "volumes", map(
            "postgres-data", map(),
            "prometheus-data", map(),
            "alertmanager-data", map(),
            "loki-data", map(),
            "grafana-data", map()));
  }

  /** A directory of {@code generated/} (beside the Compose file) mounted read-only at its {@link #MOUNTS} path. */
  private static String readOnly(String generatedDir) {
    return "./" + generatedDir + ":" + MOUNTS.get(generatedDir) + ":ro";
  }

  private static List<Object> ports(Endpoint... endpoints) {
    List<Object> ports = new ArrayList<>();
    for (Endpoint e : endpoints) {
      ports.add(e.port() + ":" + e.port());
    }
    return ports;
  }
}
