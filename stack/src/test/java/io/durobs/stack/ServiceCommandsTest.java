package io.durobs.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.toolkit.tools.ManagedProcess;
import io.durobs.toolkit.tools.Ports;
import io.durobs.toolkit.tools.Readiness;
import io.durobs.toolkit.yaml.YamlText;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The servers' command lines: the Compose file's, and the real binaries started with them. */
class ServiceCommandsTest {

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void composeServersListenOnThePortsItPublishesAndRunTheFilesItMounts() {
    StackEndpoints endpoints = StackEndpoints.builder().prometheusPort(19090).alertmanagerPort(19093).build();
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>)
        YamlText.parse(StackFiles.render(endpoints).get(StackFiles.COMPOSE_FILE)).get("services");

    Map<String, Object> prometheus = services.get(StackEndpoints.PROMETHEUS_HOST);
    assertThat((List<Object>) prometheus.get("ports")).containsExactly("127.0.0.1:19090:19090");
    assertThat((List<Object>) prometheus.get("command")).containsExactly(
        "--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus",
        "--storage.tsdb.retention.time=15d", "--storage.tsdb.retention.size=5GB",
        "--web.listen-address=0.0.0.0:19090");
    assertThat((List<Object>) prometheus.get("volumes")).contains("./prometheus:/etc/prometheus:ro",
        "prometheus-data:/prometheus");

    Map<String, Object> alertmanager = services.get(StackEndpoints.ALERTMANAGER_HOST);
    assertThat((List<Object>) alertmanager.get("ports")).containsExactly("127.0.0.1:19093:19093");
    assertThat((List<Object>) alertmanager.get("command")).containsExactly(
        "--config.file=/etc/alertmanager/alertmanager.yml", "--storage.path=/alertmanager",
        "--web.listen-address=0.0.0.0:19093", "--cluster.listen-address=");

    assertThat((List<Object>) services.get(StackEndpoints.COLLECTOR_HOST).get("command"))
        .containsExactly("--config=/etc/durobs/collector/config.yaml");
    assertThat(services.get(StackEndpoints.POSTGRES_HOST).get("environment"))
        .isEqualTo(Map.of("POSTGRES_DB", "durobs", "POSTGRES_USER", "durobs", "POSTGRES_PASSWORD", "durobs"));
  }

  @Test
  void theCollectorReadsTheLocalOverlayOnlyWhereAsked() {
    assertThat(ServiceCommands.collector("/run/collector", true))
        .containsExactly("--config=/run/collector/config.yaml", "--config=/run/collector/config.local.yaml");
    assertThat(ServiceCommands.collector("/run/collector", false))
        .containsExactly("--config=/run/collector/config.yaml");
  }

  @Test
  void prometheusAndAlertmanagerStartWithTheirCommandLinesOnLoopbackPorts() throws Exception {
    StackEndpoints endpoints = StackEndpoints.builder().allOn("127.0.0.1")
        .prometheusPort(Ports.free()).alertmanagerPort(Ports.free())
        .collectorMetricsPort(Ports.free()).collectorTelemetryPort(Ports.free())
        .alertWebhook(URI.create("http://127.0.0.1:" + Ports.free() + "/alerts"))
        .build();
    StackFiles.writeTo(dir, StackFiles.render(endpoints));
    Path prometheusDir = dir.resolve("prometheus");
    Path alertmanagerDir = dir.resolve("alertmanager");

    try (ManagedProcess prometheus = start("prometheus", TestCheckout.tools().prometheus(), prometheusDir,
            ServiceCommands.prometheus(prometheusDir.toString(), prometheusDir.resolve("data").toString(), endpoints));
        ManagedProcess alertmanager = start("alertmanager", TestCheckout.tools().alertmanager(), alertmanagerDir,
            ServiceCommands.alertmanager(alertmanagerDir.toString(), alertmanagerDir.resolve("data").toString(),
                endpoints))) {
      Readiness.await("Prometheus /-/ready", Duration.ofSeconds(60), prometheus,
          () -> Readiness.httpOk(endpoints.prometheus().http("/-/ready").toString()));
      Readiness.await("Alertmanager /-/ready", Duration.ofSeconds(60), alertmanager,
          () -> Readiness.httpOk(endpoints.alertmanager().http("/-/ready").toString()));
      assertThat(prometheus.tail(100)).contains("Server is ready to receive web requests.");
      assertThat(alertmanager.tail(100)).doesNotContain("gossip");
    }
  }

  private static ManagedProcess start(String name, Path binary, Path workDir, List<String> args) {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(args);
    return ManagedProcess.start(name, command, workDir, Map.of(), workDir.resolve(name + ".log"));
  }
}
