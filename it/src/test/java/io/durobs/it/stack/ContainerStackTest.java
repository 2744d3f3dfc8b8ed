package io.durobs.it.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.dashboards.Provisioning;
import io.durobs.it.alerts.WebhookReceiver;
import io.durobs.stack.Images;
import io.durobs.stack.StackEndpoints;
import io.durobs.stack.StackFiles;
import io.durobs.toolkit.tools.Checkout;
import io.durobs.toolkit.yaml.YamlText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

/** What the container launcher mounts and runs, inspected without a Docker engine. */
class ContainerStackTest {

  private WebhookReceiver webhook;
  private ContainerStack stack;

  @BeforeEach
  void define() {
    webhook = WebhookReceiver.start("0.0.0.0");
    stack = new ContainerStack(Checkout.root(), webhook);
  }

  @AfterEach
  void stop() {
    webhook.close();
  }

  private Map<String, String> files(GenericContainer<?> c) {
    return stack.mounts(c.getNetworkAliases().get(c.getNetworkAliases().size() - 1));
  }

  @Test
  void everyServiceRunsItsPinnedImageUnderItsComposeName() {
    Map<String, GenericContainer<?>> c = stack.containers();
    assertThat(c.keySet()).containsExactly(StackEndpoints.POSTGRES_HOST, StackEndpoints.COLLECTOR_HOST,
        StackEndpoints.PROMETHEUS_HOST, StackEndpoints.ALERTMANAGER_HOST, StackEndpoints.LOKI_HOST,
        StackEndpoints.GRAFANA_HOST);
    assertThat(c.keySet().stream().map(stack::image))
        .containsExactlyInAnyOrderElementsOf(Images.all())
        .noneMatch(i -> i.endsWith(":latest") || !i.contains(":"));
    c.forEach((name, container) -> assertThat(container.getNetworkAliases()).contains(name));
    assertThat(Images.PROMETHEUS).startsWith("prom/prometheus:v3.");
    assertThat(Images.LOKI).startsWith("grafana/loki:3.");
    assertThat(Images.GRAFANA).startsWith("grafana/grafana:12.");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyContainerRunsTheComposeFilesCommandLineAndEnvironment() {
    Map<String, Map<String, Object>> compose = (Map<String, Map<String, Object>>) YamlText.parse(
        StackFiles.render(stack.endpoints()).get(StackFiles.COMPOSE_FILE)).get("services");

    stack.containers().forEach((name, container) -> {
      Map<String, Object> service = compose.get(name);
      assertThat(List.of(container.getCommandParts())).as(name + " command")
          .isEqualTo(service.getOrDefault("command", List.of()));
      ((Map<String, Object>) service.getOrDefault("environment", Map.of())).forEach((key, value) -> {
        if (!value.toString().startsWith("${")) { // Compose's own substitution, for a person's shell
          assertThat(container.getEnvMap()).as(name + " environment").containsEntry(key, value.toString());
        }
      });
    });
    assertThat(stack.containers().get(StackEndpoints.ALERTMANAGER_HOST).getCommandParts())
        .contains("--web.listen-address=0.0.0.0:" + StackEndpoints.ALERTMANAGER_PORT);
  }

  @Test
  void collectorRunsTheRenderedConfig() {
    GenericContainer<?> collector = stack.containers().get(StackEndpoints.COLLECTOR_HOST);
    assertThat(collector.getCommandParts()).containsExactly("--config=/etc/durobs/collector/config.yaml");
    String config = files(collector).get("/etc/durobs/collector/config.yaml");
    assertThat(config).contains("0.0.0.0:" + StackEndpoints.OTLP_HTTP_PORT)
        .contains("0.0.0.0:" + StackEndpoints.COLLECTOR_METRICS_PORT).contains("loki");
    assertThat(collector.getExposedPorts()).contains(StackEndpoints.OTLP_HTTP_PORT, StackEndpoints.HEALTH_CHECK_PORT);
  }

  @Test
  void prometheusGetsItsConfigAndEveryGeneratedRuleFile() throws Exception {
    GenericContainer<?> prometheus = stack.containers().get(StackEndpoints.PROMETHEUS_HOST);
    Map<String, String> files = files(prometheus);
    assertThat(files.get("/etc/prometheus/prometheus.yml"))
        .contains("collector:" + StackEndpoints.COLLECTOR_METRICS_PORT)
        .contains("alertmanager:" + StackEndpoints.ALERTMANAGER_PORT).contains("rules/*.yaml");
    HarnessRules.files().forEach((name, text) ->
        assertThat(files).containsEntry("/etc/prometheus/rules/" + name, text));
    assertThat(files.keySet().stream().filter(p -> p.startsWith("/etc/prometheus/rules/")))
        .hasSize(HarnessRules.files().size());
    assertThat(files.get("/etc/prometheus/rules/alerts.yaml")).contains("Timing: durations divided by 60");
    assertThat(prometheus.getCommandParts()).contains("--config.file=/etc/prometheus/prometheus.yml");
  }

  @Test
  void alertmanagerNotifiesTheTestsReceiverOnTheHost() {
    GenericContainer<?> am = stack.containers().get(StackEndpoints.ALERTMANAGER_HOST);
    assertThat(files(am).get("/etc/alertmanager/alertmanager.yml"))
        .contains("http://" + GenericContainer.INTERNAL_HOST_HOSTNAME + ":" + webhook.port() + "/alerts");
    assertThat(am.getCommandParts()).contains("--cluster.listen-address=");
  }

  @Test
  void grafanaIsProvisionedFromGenerated() throws Exception {
    GenericContainer<?> grafana = stack.containers().get(StackEndpoints.GRAFANA_HOST);
    assertThat(grafana.getEnvMap()).containsEntry("GF_SECURITY_ADMIN_USER", ContainerStack.GRAFANA_USER);
    java.nio.file.Path generated = Checkout.root().resolve("generated");
    Map<String, String> files = files(grafana);
    assertThat(files.get("/etc/grafana/provisioning/datasources/datasources.yaml"))
        .isEqualTo(read(generated.resolve(Provisioning.DATASOURCES)));
    assertThat(files.get("/etc/grafana/provisioning/dashboards/dashboards.yaml"))
        .isEqualTo(read(generated.resolve(Provisioning.DASHBOARD_PROVIDER)));
    try (var dashboards = java.nio.file.Files.list(generated.resolve(Provisioning.DASHBOARDS_DIR))) {
      List<java.nio.file.Path> json = dashboards.filter(p -> p.toString().endsWith(".json")).toList();
      assertThat(json).isNotEmpty();
      json.forEach(d -> assertThat(files).containsEntry(Provisioning.DASHBOARDS_PATH + "/" + d.getFileName(), read(d)));
    }
  }

  private static String read(java.nio.file.Path p) {
    try {
      return java.nio.file.Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

}
