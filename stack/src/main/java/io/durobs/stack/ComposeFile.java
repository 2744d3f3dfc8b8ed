package io.durobs.stack;

import io.durobs.collector.Endpoint;
import io.durobs.collector.CollectorPipeline;
import static io.durobs.toolkit.yaml.Trees.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Docker Compose file ({@code generated/docker-compose.yaml}) for running the stack by hand:
 * {@code docker compose -f generated/docker-compose.yaml up -d}. Images are {@link Images}; the
 * services mount the other files of {@code generated/} (directories rather than single files, so
 * an edited file is seen after a reload), and their container paths are the constants here, which
 * the Testcontainers launcher and Grafana's provisioning use too.
 */
public final class ComposeFile {

  /** Compose project name. */
  public static final String PROJECT = "durobs";
  /** Where the collector's configuration directory is mounted. */
  public static final String COLLECTOR_CONFIG_DIR = "/etc/durobs/collector";
  /** Where Prometheus's configuration directory (with {@code rules/}) is mounted. */
  public static final String PROMETHEUS_CONFIG_DIR = "/etc/prometheus";
  /** Where Alertmanager's configuration directory is mounted. */
  public static final String ALERTMANAGER_CONFIG_DIR = "/etc/alertmanager";
  /** Where Grafana reads provisioning (datasources, dashboard providers). */
  public static final String GRAFANA_PROVISIONING_DIR = "/etc/grafana/provisioning";
  /** Where the dashboard JSON files are mounted; the dashboard provider's {@code path}. */
  public static final String GRAFANA_DASHBOARDS_DIR = "/var/lib/grafana/dashboards";
  /** PostgreSQL database, user and password of the Compose stack (local use only). */
  public static final String POSTGRES_DB = "durobs";

  private ComposeFile() {}

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
            "environment", map(
                "POSTGRES_DB", POSTGRES_DB,
                "POSTGRES_USER", POSTGRES_DB,
                "POSTGRES_PASSWORD", POSTGRES_DB),
            "ports", ports(endpoints.postgres()),
            "volumes", List.of("postgres-data:/var/lib/postgresql/data")),
        StackEndpoints.COLLECTOR_HOST, map(
            "image", Images.COLLECTOR,
            "command", List.of("--config=" + COLLECTOR_CONFIG_DIR + "/" + "config.yaml"),
            "environment", map(CollectorPipeline.ENVIRONMENT_ENV,
                "${" + CollectorPipeline.ENVIRONMENT_ENV + ":-" + CollectorPipeline.DEFAULT_ENVIRONMENT + "}"),
            "volumes", List.of("./collector:" + COLLECTOR_CONFIG_DIR + ":ro"),
            "ports", ports(endpoints.otlpGrpc(), endpoints.otlpHttp(), endpoints.collectorMetrics(),
                endpoints.collectorTelemetry(), endpoints.healthCheck()),
            "depends_on", List.of(StackEndpoints.LOKI_HOST)),
        StackEndpoints.PROMETHEUS_HOST, map(
            "image", Images.PROMETHEUS,
            "command", List.of(
                "--config.file=" + PROMETHEUS_CONFIG_DIR + "/prometheus.yml",
                "--storage.tsdb.path=/prometheus",
                "--web.enable-lifecycle"),
            "volumes", List.of("./prometheus:" + PROMETHEUS_CONFIG_DIR + ":ro", "prometheus-data:/prometheus"),
            "ports", ports(endpoints.prometheus()),
            "depends_on", List.of(StackEndpoints.COLLECTOR_HOST, StackEndpoints.ALERTMANAGER_HOST)),
        StackEndpoints.ALERTMANAGER_HOST, map(
            "image", Images.ALERTMANAGER,
            "command", List.of(
                "--config.file=" + ALERTMANAGER_CONFIG_DIR + "/alertmanager.yml",
                "--storage.path=/alertmanager"),
            "volumes", List.of("./alertmanager:" + ALERTMANAGER_CONFIG_DIR + ":ro", "alertmanager-data:/alertmanager"),
            "ports", ports(endpoints.alertmanager())),
        StackEndpoints.LOKI_HOST, map(
            "image", Images.LOKI,
            // The image's bundled configuration: filesystem storage under /loki, TSDB schema v13
            // with structured metadata, which Loki's OTLP endpoint needs.
            "command", List.of("-config.file=/etc/loki/local-config.yaml"),
            "volumes", List.of("loki-data:/loki"),
            "ports", ports(endpoints.loki())),
        StackEndpoints.GRAFANA_HOST, map(
            "image", Images.GRAFANA,
            "environment", map(
                "GF_SECURITY_ADMIN_USER", "admin",
                "GF_SECURITY_ADMIN_PASSWORD", "admin",
                "GF_USERS_ALLOW_SIGN_UP", "false"),
            "volumes", List.of(
                "./grafana/provisioning:" + GRAFANA_PROVISIONING_DIR + ":ro",
                "./grafana/dashboards:" + GRAFANA_DASHBOARDS_DIR + ":ro",
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

  private static List<Object> ports(Endpoint... endpoints) {
    List<Object> ports = new ArrayList<>();
    for (Endpoint e : endpoints) {
      ports.add(e.port() + ":" + e.port());
    }
    return ports;
  }
}
