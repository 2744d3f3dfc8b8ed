package io.durobs.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each server of the stack is started, written once for the Compose file
 * ({@link ComposeFile}), the harness's container launcher and its local launcher: the arguments
 * after the binary (or the image's entry point) and the environment.
 *
 * <p>The three deployments run the same files with the same flags; what differs is only where
 * the files are (the container paths of {@link ComposeFile} or a run directory on this machine)
 * and where the servers listen ({@link StackEndpoints}), so those are the parameters. The
 * configuration file names are those of {@link StackFiles}, each in its service's directory.
 *
 * <pre>{@code
 * // in a container (the Compose file, Testcontainers)
 * ServiceCommands.prometheus(ComposeFile.PROMETHEUS_CONFIG_DIR, ComposeFile.PROMETHEUS_DATA_DIR, endpoints);
 * // on this machine, the files rendered into runDir
 * ServiceCommands.prometheus(runDir.resolve("prometheus").toString(), runDir.resolve("prometheus/data").toString(), endpoints);
 * }</pre>
 */
public final class ServiceCommands {

  /** The engine's database in the PostgreSQL container: its name, user and password. */
  public static final String POSTGRES_DATABASE = "durobs";
  /** Grafana's admin user in the container. */
  public static final String GRAFANA_ADMIN_USER = "admin";
  /**
   * The variable the Compose file requires for Grafana's admin password: there is no default
   * password, and {@code docker compose} stops with {@link #GRAFANA_PASSWORD_MISSING} when it is
   * unset or empty.
   */
  public static final String GRAFANA_ADMIN_PASSWORD_ENV = "GRAFANA_ADMIN_PASSWORD";
  /** The message Compose prints when {@link #GRAFANA_ADMIN_PASSWORD_ENV} is missing. */
  public static final String GRAFANA_PASSWORD_MISSING =
      "set GRAFANA_ADMIN_PASSWORD (Grafana's admin password) in the environment or in generated/.env";
  /** How long Prometheus keeps samples ({@code --storage.tsdb.retention.time}). */
  public static final String PROMETHEUS_RETENTION_TIME = "15d";
  /**
   * The most disk Prometheus's blocks may take ({@code --storage.tsdb.retention.size}); the older
   * blocks go first when either limit is reached.
   */
  public static final String PROMETHEUS_RETENTION_SIZE = "5GB";

  private ServiceCommands() {}

  /**
   * The collector's arguments: the production configuration, and for machines without Loki the
   * local overlay merged over it ({@link StackFiles#COLLECTOR_LOCAL_OVERLAY}).
   *
   * @param configDir the directory holding {@code config.yaml} (and {@code config.local.yaml})
   * @param localOverlay whether to merge the local overlay
   * @return the arguments, e.g. {@code [--config=/etc/durobs/collector/config.yaml]}
   */
  public static List<String> collector(String configDir, boolean localOverlay) {
    List<String> args = new ArrayList<>();
    args.add("--config=" + inDir(configDir, StackFiles.COLLECTOR_CONFIG));
    if (localOverlay) {
      args.add("--config=" + inDir(configDir, StackFiles.COLLECTOR_LOCAL_OVERLAY));
    }
    return List.copyOf(args);
  }

  /**
   * Prometheus's arguments: retention by time and size, and neither the lifecycle API (anyone who
   * reaches it could stop Prometheus) nor the admin API (deletes series); a changed rule file is
   * loaded by a restart or {@code SIGHUP}.
   *
   * @param configDir the directory holding {@code prometheus.yml} and its {@code rules/}
   * @param dataDir the TSDB directory
   * @param listenAddress where the web server and API listen, {@code host:port}
   * @return the arguments
   */
  public static List<String> prometheus(String configDir, String dataDir, String listenAddress) {
    return List.of(
        "--config.file=" + inDir(configDir, StackFiles.PROMETHEUS_CONFIG),
        "--storage.tsdb.path=" + dataDir,
        "--storage.tsdb.retention.time=" + PROMETHEUS_RETENTION_TIME,
        "--storage.tsdb.retention.size=" + PROMETHEUS_RETENTION_SIZE,
        "--web.listen-address=" + listenAddress);
  }

  /**
   * Prometheus's arguments for the stack's endpoints.
   *
   * @param configDir the directory holding {@code prometheus.yml} and its {@code rules/}
   * @param dataDir the TSDB directory
   * @param endpoints where it listens ({@link StackEndpoints#prometheus()} on the listen host)
   * @return the arguments
   */
  public static List<String> prometheus(String configDir, String dataDir, StackEndpoints endpoints) {
    return prometheus(configDir, dataDir, endpoints.listen(endpoints.prometheus()));
  }

  /**
   * Alertmanager's arguments. The stack runs one Alertmanager, so high availability is off (an
   * empty cluster address): no gossip port to collide with another run on the same machine and
   * no wait for a gossip that has no peers to settle before notifications go out.
   *
   * @param configDir the directory holding {@code alertmanager.yml}
   * @param dataDir its storage directory (silences, notification log)
   * @param endpoints where it listens ({@link StackEndpoints#alertmanager()} on the listen host)
   * @return the arguments
   */
  public static List<String> alertmanager(String configDir, String dataDir, StackEndpoints endpoints) {
    return List.of(
        "--config.file=" + inDir(configDir, StackFiles.ALERTMANAGER_CONFIG),
        "--storage.path=" + dataDir,
        "--web.listen-address=" + endpoints.listen(endpoints.alertmanager()),
        "--cluster.listen-address=");
  }

  /**
   * Loki's arguments: the image's bundled configuration (filesystem storage under {@code /loki},
   * the TSDB schema v13 with structured metadata that Loki's OTLP endpoint needs). Loki runs
   * only in containers.
   *
   * @return the arguments
   */
  public static List<String> loki() {
    return List.of("-config.file=/etc/loki/local-config.yaml");
  }

  /**
   * The PostgreSQL image's environment: one database {@value #POSTGRES_DATABASE}, with a user and
   * password of the same name (the stack is for local use only).
   *
   * @return the environment, in a stable order
   */
  public static Map<String, String> postgresEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("POSTGRES_DB", POSTGRES_DATABASE);
    env.put("POSTGRES_USER", POSTGRES_DATABASE);
    env.put("POSTGRES_PASSWORD", POSTGRES_DATABASE);
    return env;
  }

  /**
   * The Grafana image's environment: the admin login ({@value #GRAFANA_ADMIN_USER} and the given
   * password), no sign-up, no anonymous access.
   *
   * @param adminPassword the admin password; the Compose file passes
   *     {@link #requiredGrafanaPassword()}, the container launcher one it generates per run
   * @return the environment, in a stable order
   * @throws IllegalArgumentException if the password is blank
   */
  public static Map<String, String> grafanaEnvironment(String adminPassword) {
    if (adminPassword == null || adminPassword.isBlank()) {
      throw new IllegalArgumentException("Grafana's admin password must not be empty");
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GF_SECURITY_ADMIN_USER", GRAFANA_ADMIN_USER);
    env.put("GF_SECURITY_ADMIN_PASSWORD", adminPassword);
    env.put("GF_USERS_ALLOW_SIGN_UP", "false");
    env.put("GF_AUTH_ANONYMOUS_ENABLED", "false");
    return env;
  }

  /**
   * Compose's interpolation of the required {@link #GRAFANA_ADMIN_PASSWORD_ENV}: {@code ${VAR:?message}}
   * fails {@code docker compose up} with the message when the variable is unset or empty.
   *
   * @return e.g. {@code ${GRAFANA_ADMIN_PASSWORD:?set GRAFANA_ADMIN_PASSWORD ...}}
   */
  public static String requiredGrafanaPassword() {
    return "${" + GRAFANA_ADMIN_PASSWORD_ENV + ":?" + GRAFANA_PASSWORD_MISSING + "}";
  }

  /** A file of {@code generated/} in its service's directory: {@code configDir/<file name>}. */
  private static String inDir(String configDir, String generatedFile) {
    return configDir + "/" + Path.of(generatedFile).getFileName();
  }
}
