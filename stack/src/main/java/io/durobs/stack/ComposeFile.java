package io.durobs.stack;

import static io.durobs.toolkit.yaml.Trees.map;

import io.durobs.collector.CollectorPipeline;
import io.durobs.collector.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /** Where published ports are bound on the host: the loopback address only. */
  public static final String PUBLISH_HOST = "127.0.0.1";
  /** Every service's restart policy: back after a crash or a reboot, not after {@code stop}. */
  public static final String RESTART = "unless-stopped";
  /**
   * Services whose image has no shell or HTTP client for a health check: the collector's image
   * holds the binary alone. Its {@code health_check} extension is published on loopback for
   * {@code durobs stack status}; services that need it wait for it to start.
   */
  public static final Set<String> NO_HEALTH_CHECK = Set.of(StackEndpoints.COLLECTOR_HOST);

  /** Each service's memory limit; the collector's is the one its {@code memory_limiter} is sized from. */
  private static final Map<String, String> MEMORY_LIMITS = Map.of(
      StackEndpoints.POSTGRES_HOST, "512M",
      StackEndpoints.COLLECTOR_HOST, CollectorPipeline.DEFAULT_MEMORY_LIMIT_MIB + "M",
      StackEndpoints.PROMETHEUS_HOST, "2G",
      StackEndpoints.ALERTMANAGER_HOST, "256M",
      StackEndpoints.LOKI_HOST, "1G",
      StackEndpoints.GRAFANA_HOST, "512M");

  /**
   * The Compose file as an ordered tree. Safe by default: ports published on {@link #PUBLISH_HOST}
   * only, and only those a person or {@code durobs stack} uses (the collector's exporter and
   * self-metrics ports stay inside the network, where Prometheus scrapes them); no default
   * password (Grafana's is {@link ServiceCommands#requiredGrafanaPassword()}); a health check per
   * service (except {@link #NO_HEALTH_CHECK}) that {@code depends_on} waits for; a restart policy
   * and a memory limit per service.
   *
   * @param endpoints the ports to publish (container and host side alike)
   * @return a new tree
   */
  public static Map<String, Object> tree(StackEndpoints endpoints) {
    Map<String, Object> services = map(
        StackEndpoints.POSTGRES_HOST, service(StackEndpoints.POSTGRES_HOST, Images.POSTGRES,
            map("environment", ServiceCommands.postgresEnvironment(),
                "volumes", List.of("postgres-data:/var/lib/postgresql/data")),
            List.of("pg_isready", "-U", ServiceCommands.POSTGRES_DATABASE, "-d", ServiceCommands.POSTGRES_DATABASE),
            List.of(), endpoints.postgres()),
        StackEndpoints.COLLECTOR_HOST, service(StackEndpoints.COLLECTOR_HOST, Images.COLLECTOR,
            map("command", ServiceCommands.collector(COLLECTOR_CONFIG_DIR, false),
                "environment", map(CollectorPipeline.ENVIRONMENT_ENV,
                    "${" + CollectorPipeline.ENVIRONMENT_ENV + ":-" + CollectorPipeline.DEFAULT_ENVIRONMENT + "}"),
                "volumes", List.of(readOnly("collector"))),
            null, List.of(StackEndpoints.LOKI_HOST),
            endpoints.otlpGrpc(), endpoints.otlpHttp(), endpoints.healthCheck()),
        StackEndpoints.PROMETHEUS_HOST, service(StackEndpoints.PROMETHEUS_HOST, Images.PROMETHEUS,
            map("command", ServiceCommands.prometheus(PROMETHEUS_CONFIG_DIR, PROMETHEUS_DATA_DIR, endpoints),
                "volumes", List.of(readOnly("prometheus"), "prometheus-data:" + PROMETHEUS_DATA_DIR)),
            httpGet(endpoints.prometheus(), "/-/ready"),
            List.of(StackEndpoints.COLLECTOR_HOST, StackEndpoints.ALERTMANAGER_HOST), endpoints.prometheus()),
        StackEndpoints.ALERTMANAGER_HOST, service(StackEndpoints.ALERTMANAGER_HOST, Images.ALERTMANAGER,
            map("command", ServiceCommands.alertmanager(ALERTMANAGER_CONFIG_DIR, ALERTMANAGER_DATA_DIR, endpoints),
                "volumes", List.of(readOnly("alertmanager"), "alertmanager-data:" + ALERTMANAGER_DATA_DIR)),
            httpGet(endpoints.alertmanager(), "/-/ready"), List.of(), endpoints.alertmanager()),
        StackEndpoints.LOKI_HOST, service(StackEndpoints.LOKI_HOST, Images.LOKI,
            map("command", ServiceCommands.loki(), "volumes", List.of("loki-data:/loki")),
            httpGet(endpoints.loki(), "/ready"), List.of(), endpoints.loki()),
        StackEndpoints.GRAFANA_HOST, service(StackEndpoints.GRAFANA_HOST, Images.GRAFANA,
            map("environment", ServiceCommands.grafanaEnvironment(ServiceCommands.requiredGrafanaPassword()),
                "volumes", List.of(
                    readOnly("grafana/provisioning"),
                    readOnly("grafana/dashboards"),
                    "grafana-data:/var/lib/grafana")),
            httpGet(endpoints.grafana(), "/api/health"),
            List.of(StackEndpoints.PROMETHEUS_HOST, StackEndpoints.LOKI_HOST), endpoints.grafana()));
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

  /**
   * One service: image, its own settings, then the health check, restart policy, memory limit,
   * loopback ports and the services it waits for (healthy, or started for {@link #NO_HEALTH_CHECK}).
   */
  private static Map<String, Object> service(String name, String image, Map<String, Object> settings,
      List<String> healthCheck, List<String> dependsOn, Endpoint... published) {
    Map<String, Object> service = map("image", image);
    service.putAll(settings);
    if (healthCheck != null) {
      service.put("healthcheck", map(
          "test", concat("CMD", healthCheck),
          "interval", "5s",
          "timeout", "3s",
          "retries", 10,
          "start_period", "30s"));
    }
    service.put("restart", RESTART);
    service.put("deploy", map("resources", map("limits", map("memory", MEMORY_LIMITS.get(name)))));
    service.put("ports", ports(published));
    if (!dependsOn.isEmpty()) {
      Map<String, Object> waits = map();
      for (String other : dependsOn) {
        waits.put(other, map("condition",
            NO_HEALTH_CHECK.contains(other) ? "service_started" : "service_healthy"));
      }
      service.put("depends_on", waits);
    }
    return service;
  }

  /** A health check by the image's busybox {@code wget} on the server's own port. */
  private static List<String> httpGet(Endpoint endpoint, String path) {
    return List.of("wget", "-q", "-O", "/dev/null", "http://127.0.0.1:" + endpoint.port() + path);
  }

  private static List<Object> concat(String first, List<String> rest) {
    List<Object> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /** A directory of {@code generated/} (beside the Compose file) mounted read-only at its {@link #MOUNTS} path. */
  private static String readOnly(String generatedDir) {
    return "./" + generatedDir + ":" + MOUNTS.get(generatedDir) + ":ro";
  }

  private static List<Object> ports(Endpoint... endpoints) {
    List<Object> ports = new ArrayList<>();
    for (Endpoint e : endpoints) {
      ports.add(PUBLISH_HOST + ":" + e.port() + ":" + e.port());
    }
    return ports;
  }
}
