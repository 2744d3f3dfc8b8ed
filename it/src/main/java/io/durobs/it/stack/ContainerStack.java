package io.durobs.it.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.durobs.dashboards.Provisioning;
import io.durobs.it.alerts.WebhookReceiver;
import io.durobs.it.logs.LogRecord;
import io.durobs.stack.ComposeFile;
import io.durobs.stack.Images;
import io.durobs.stack.ServiceCommands;
import io.durobs.stack.StackEndpoints;
import io.durobs.stack.StackFiles;
import io.durobs.toolkit.tools.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * The stack as containers (Testcontainers), for machines with Docker: the pinned images of
 * {@link Images}, on one network where each container is reached by its Compose service name,
 * run with the command lines of {@link ServiceCommands} at the container paths of
 * {@link ComposeFile} (as the Compose file runs them), fed with the files
 * {@link StackFiles#render(StackEndpoints)} renders for the default endpoints (the same as
 * {@code generated/}) with Alertmanager's webhook pointed at the test's receiver on the host, the
 * rules of {@link HarnessRules} (as {@link LocalStack} loads them), and Grafana's provisioning and
 * dashboards from {@code generated/} (at the paths {@link Provisioning} renders them to). Grafana runs here, so panels are checked through its {@code /api/ds/query} and its
 * provisioned dashboards read back through its API; logs go to Loki.
 *
 * <p>{@link #containers()} builds the definitions without starting anything, so what is mounted
 * and run can be inspected where no Docker engine exists.
 */
public final class ContainerStack implements StackLauncher {

  /** Grafana's admin user in the container. */
  public static final String GRAFANA_USER = ServiceCommands.GRAFANA_ADMIN_USER;
  /**
   * Grafana's admin password in the container: random per JVM, since the stack has no default
   * password (the Compose file requires {@link ServiceCommands#GRAFANA_ADMIN_PASSWORD_ENV}).
   */
  public static final String GRAFANA_PASSWORD = java.util.UUID.randomUUID().toString();

  private final Path generated;
  private final WebhookReceiver webhook;
  private final Map<String, String> rules;
  private final Map<String, Map<String, String>> mounts = new LinkedHashMap<>();
  private final Map<String, String> images = new LinkedHashMap<>();
  private final Map<String, GenericContainer<?>> containers;
  private Network network;

  /**
   * @param root the checkout root (its {@code generated/} holds rules and Grafana provisioning)
   * @param webhook the receiver Alertmanager notifies (listening on all interfaces)
   */
  public ContainerStack(Path root, WebhookReceiver webhook) {
    this(root, webhook, HarnessRules.files());
  }

  /**
   * @param root the checkout root (its {@code generated/} holds Grafana's provisioning)
   * @param webhook the receiver Alertmanager notifies (listening on all interfaces)
   * @param rules the rule files Prometheus loads, by file name
   */
  public ContainerStack(Path root, WebhookReceiver webhook, Map<String, String> rules) {
    this.generated = root.resolve("generated");
    this.webhook = webhook;
    this.rules = Map.copyOf(rules);
    this.network = Network.newNetwork();
    this.containers = define();
  }

  /** The endpoints the containers' files are rendered for. */
  public StackEndpoints endpoints() {
    return StackEndpoints.builder()
        .alertWebhook(webhook.url(GenericContainer.INTERNAL_HOST_HOSTNAME)).build();
  }

  /** The container definitions by service name (not started). */
  public Map<String, GenericContainer<?>> containers() {
    return containers;
  }

  private Map<String, GenericContainer<?>> define() {
    SortedMap<String, String> files = StackFiles.render(endpoints(), HarnessRules.ALERT_TIMINGS);
    Map<String, GenericContainer<?>> c = new LinkedHashMap<>();

    c.put(StackEndpoints.POSTGRES_HOST, container(Images.POSTGRES, StackEndpoints.POSTGRES_HOST)
        .withEnv(ServiceCommands.postgresEnvironment())
        .withExposedPorts(StackEndpoints.POSTGRES_PORT)
        .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2)));

    c.put(StackEndpoints.COLLECTOR_HOST, mount(container(Images.COLLECTOR, StackEndpoints.COLLECTOR_HOST),
        files.get(StackFiles.COLLECTOR_CONFIG), ComposeFile.containerPath(StackFiles.COLLECTOR_CONFIG))
        .withCommand(command(ServiceCommands.collector(ComposeFile.COLLECTOR_CONFIG_DIR, false)))
        .withExposedPorts(StackEndpoints.OTLP_HTTP_PORT, StackEndpoints.OTLP_GRPC_PORT,
            StackEndpoints.HEALTH_CHECK_PORT, StackEndpoints.COLLECTOR_METRICS_PORT)
        .waitingFor(Wait.forHttp("/").forPort(StackEndpoints.HEALTH_CHECK_PORT)));

    GenericContainer<?> prometheus = mount(container(Images.PROMETHEUS, StackEndpoints.PROMETHEUS_HOST),
        files.get(StackFiles.PROMETHEUS_CONFIG), ComposeFile.containerPath(StackFiles.PROMETHEUS_CONFIG))
        .withCommand(command(ServiceCommands.prometheus(ComposeFile.PROMETHEUS_CONFIG_DIR,
            ComposeFile.PROMETHEUS_DATA_DIR, endpoints())))
        .withExposedPorts(StackEndpoints.PROMETHEUS_PORT)
        .waitingFor(Wait.forHttp("/-/ready").forPort(StackEndpoints.PROMETHEUS_PORT));
    new java.util.TreeMap<>(rules).forEach((name, text) ->
        mount(prometheus, text, ComposeFile.containerPath("prometheus/rules/" + name)));
    c.put(StackEndpoints.PROMETHEUS_HOST, prometheus);

    c.put(StackEndpoints.ALERTMANAGER_HOST, mount(container(Images.ALERTMANAGER, StackEndpoints.ALERTMANAGER_HOST),
        files.get(StackFiles.ALERTMANAGER_CONFIG),
        ComposeFile.containerPath(StackFiles.ALERTMANAGER_CONFIG))
        .withCommand(command(ServiceCommands.alertmanager(ComposeFile.ALERTMANAGER_CONFIG_DIR,
            ComposeFile.ALERTMANAGER_DATA_DIR, endpoints())))
        .withExposedPorts(StackEndpoints.ALERTMANAGER_PORT)
        .waitingFor(Wait.forHttp("/-/ready").forPort(StackEndpoints.ALERTMANAGER_PORT)));

    c.put(StackEndpoints.LOKI_HOST, container(Images.LOKI, StackEndpoints.LOKI_HOST)
        .withCommand(command(ServiceCommands.loki()))
        .withExposedPorts(StackEndpoints.LOKI_PORT)
        .waitingFor(Wait.forHttp("/ready").forPort(StackEndpoints.LOKI_PORT).withStartupTimeout(Duration.ofMinutes(2))));

    GenericContainer<?> grafana = container(Images.GRAFANA, StackEndpoints.GRAFANA_HOST)
        .withEnv(ServiceCommands.grafanaEnvironment(GRAFANA_PASSWORD))
        // a test run has no business calling home
        .withEnv("GF_ANALYTICS_REPORTING_ENABLED", "false").withEnv("GF_ANALYTICS_CHECK_FOR_UPDATES", "false")
        .withExposedPorts(StackEndpoints.GRAFANA_PORT)
        .waitingFor(Wait.forHttp("/api/health").forPort(StackEndpoints.GRAFANA_PORT));
    provisionGrafana(grafana);
    c.put(StackEndpoints.GRAFANA_HOST, grafana);
    return c;
  }

  /**
   * Mounts the provisioning files under {@code /etc/grafana/provisioning} (the data sources and
   * the dashboard provider, where {@link Provisioning} renders them in {@code generated/}), and
   * the dashboard JSON where the provisioned provider reads it ({@code options.path}).
   */
  private void provisionGrafana(GenericContainer<?> grafana) {
    String dashboardsPath = Provisioning.DASHBOARDS_PATH;
    for (String file : List.of(Provisioning.DATASOURCES, Provisioning.DASHBOARD_PROVIDER)) {
      String text = read(generated.resolve(file));
      mount(grafana, text, ComposeFile.containerPath(file));
      if (file.equals(Provisioning.DASHBOARD_PROVIDER)) {
        try {
          JsonNode providers = new YAMLMapper().readTree(text).path("providers");
          if (providers.size() > 0 && providers.get(0).path("options").has("path")) {
            dashboardsPath = providers.get(0).path("options").path("path").asText();
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the dashboard provider " + file, e);
        }
      }
    }
    for (Path d : list(generated.resolve(Provisioning.DASHBOARDS_DIR), ".json")) {
      mount(grafana, read(d), dashboardsPath + "/" + d.getFileName());
    }
  }

  private static String[] command(List<String> args) {
    return args.toArray(String[]::new);
  }

  /** Copies a file into the container at start, and records it for {@link #mounts(String)}. */
  private GenericContainer<?> mount(GenericContainer<?> c, String content, String path) {
    String service = c.getNetworkAliases().get(c.getNetworkAliases().size() - 1);
    mounts.computeIfAbsent(service, k -> new LinkedHashMap<>()).put(path, content);
    return c.withCopyToContainer(Transferable.of(content), path);
  }

  /** The files copied into a service's container: path in the container → content. */
  public Map<String, String> mounts(String service) {
    return mounts.getOrDefault(service, Map.of());
  }

  /** The pinned image a service runs. */
  public String image(String service) {
    return images.get(service);
  }

  private GenericContainer<?> container(String image, String alias) {
    images.put(alias, image);
    return new GenericContainer<>(DockerImageName.parse(image)).withNetwork(network).withNetworkAliases(alias);
  }

  @Override
  public void start() {
    Testcontainers.exposeHostPorts(webhook.port());
    try {
      containers.values().forEach(GenericContainer::start);
    } catch (RuntimeException e) {
      String diag = diagnostics();
      close();
      throw new StackStartException("a container did not start: " + e.getMessage() + "\n" + diag, e);
    }
  }

  private String url(String service, int port) {
    GenericContainer<?> c = containers.get(service);
    return "http://" + c.getHost() + ":" + c.getMappedPort(port);
  }

  @Override
  public String otlpEndpoint() {
    return url(StackEndpoints.COLLECTOR_HOST, StackEndpoints.OTLP_HTTP_PORT);
  }

  @Override
  public String prometheusUrl() {
    return url(StackEndpoints.PROMETHEUS_HOST, StackEndpoints.PROMETHEUS_PORT);
  }

  @Override
  public String alertmanagerUrl() {
    return url(StackEndpoints.ALERTMANAGER_HOST, StackEndpoints.ALERTMANAGER_PORT);
  }

  @Override
  public Optional<String> grafanaUrl() {
    return Optional.of(url(StackEndpoints.GRAFANA_HOST, StackEndpoints.GRAFANA_PORT));
  }

  @Override
  public Optional<String> lokiUrl() {
    return Optional.of(url(StackEndpoints.LOKI_HOST, StackEndpoints.LOKI_PORT));
  }

  @Override
  public Database database() {
    GenericContainer<?> pg = containers.get(StackEndpoints.POSTGRES_HOST);
    String db = ServiceCommands.POSTGRES_DATABASE;
    return new Database("jdbc:postgresql://" + pg.getHost() + ":" + pg.getMappedPort(StackEndpoints.POSTGRES_PORT)
        + "/" + db, db, db);
  }

  /**
   * Pauses the collector's container: its scrapes time out and exports hang, as in an outage,
   * while its mapped ports stay (a stopped and restarted container could get new host ports).
   */
  @Override
  public void interruptCollector() {
    pause(StackEndpoints.COLLECTOR_HOST);
  }

  @Override
  public void resumeCollector() {
    unpause(StackEndpoints.COLLECTOR_HOST, "collector health_check",
        url(StackEndpoints.COLLECTOR_HOST, StackEndpoints.HEALTH_CHECK_PORT) + "/");
  }

  /**
   * Pauses the Loki container. The collector here runs the Compose file's command line, the
   * production configuration, whose Loki exporter retries for 5 minutes and queues a thousand
   * batches: its alerts take minutes longer than the local launcher's, whose collector runs
   * {@link HarnessCollector}'s queue and retries at the harness's time scale.
   */
  @Override
  public void interruptLogsBackend() {
    pause(StackEndpoints.LOKI_HOST);
  }

  @Override
  public void resumeLogsBackend() {
    unpause(StackEndpoints.LOKI_HOST, "Loki /ready", url(StackEndpoints.LOKI_HOST, StackEndpoints.LOKI_PORT) + "/ready");
  }

  private void pause(String service) {
    GenericContainer<?> c = containers.get(service);
    c.getDockerClient().pauseContainerCmd(c.getContainerId()).exec();
  }

  /** Unpauses a service's container and waits until {@code readyUrl} answers. */
  private void unpause(String service, String what, String readyUrl) {
    GenericContainer<?> c = containers.get(service);
    c.getDockerClient().unpauseContainerCmd(c.getContainerId()).exec();
    Readiness.await(what + " at " + readyUrl, Duration.ofSeconds(60), null, () -> Readiness.httpOk(readyUrl));
  }

  /** Log records are in Loki here; the checks query it through Grafana instead. */
  @Override
  public List<LogRecord> logRecords() {
    return List.of();
  }

  @Override
  public String diagnostics() {
    StringBuilder sb = new StringBuilder();
    containers.forEach((name, c) -> {
      if (c.getContainerId() != null) {
        String logs = c.getLogs();
        String[] lines = logs.split("\n");
        sb.append("--- ").append(name).append(":\n")
            .append(String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length)))
            .append('\n');
      }
    });
    return sb.toString();
  }

  @Override
  public void close() {
    List<GenericContainer<?>> all = new ArrayList<>(containers.values());
    java.util.Collections.reverse(all);
    for (GenericContainer<?> c : all) {
      try {
        c.stop();
      } catch (RuntimeException e) {
        // keep stopping the others
      }
    }
    try {
      network.close();
    } catch (RuntimeException e) {
      // the network is removed with the containers' Ryuk session anyway
    }
  }

  private static List<Path> list(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }
}
