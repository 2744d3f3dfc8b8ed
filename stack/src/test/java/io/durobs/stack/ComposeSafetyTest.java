package io.durobs.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.collector.CollectorPipeline;
import io.durobs.toolkit.yaml.YamlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The safe defaults of the rendered stack files, one assertion per rule, so that a regression
 * (a port on all interfaces, a default password, a lifecycle API, a service without a limit, the
 * debug exporter back in production) fails the build.
 */
class ComposeSafetyTest {

  private static final Pattern EXACT_VERSION = Pattern.compile("[a-z0-9./-]+:v?\\d+\\.\\d+(\\.\\d+)?");

  private final Map<String, String> files = StackFiles.render();
  private final Map<String, Map<String, Object>> services = services();

  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> services() {
    return (Map<String, Map<String, Object>>) YamlText.parse(files.get(StackFiles.COMPOSE_FILE)).get("services");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyPublishedPortIsOnLoopbackAndOnlyThoseAPersonOrDurobsStackUses() {
    Set<String> published = new TreeSet<>();
    services.forEach((name, service) -> {
      for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
        assertThat(port.toString()).as(name).startsWith("127.0.0.1:");
        published.add(port.toString().substring("127.0.0.1:".length()).replaceAll(":.*", ""));
      }
    });
    // not the collector's exporter (8889) and self-metrics (8888): Prometheus scrapes them inside
    assertThat(published).containsExactlyInAnyOrder(
        "3000", "3100", "4317", "4318", "5432", "9090", "9093", "13133");
  }

  @Test
  @SuppressWarnings("unchecked")
  void grafanaHasNoDefaultPasswordButARequiredVariable() {
    Map<String, Object> env = (Map<String, Object>) services.get(StackEndpoints.GRAFANA_HOST).get("environment");
    assertThat(env.get("GF_SECURITY_ADMIN_PASSWORD"))
        .isEqualTo("${GRAFANA_ADMIN_PASSWORD:?" + ServiceCommands.GRAFANA_PASSWORD_MISSING + "}");
    assertThat(env).containsEntry("GF_USERS_ALLOW_SIGN_UP", "false")
        .containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false");
    assertThat(files.get(StackFiles.COMPOSE_FILE)).doesNotContain("admin/admin");
  }

  @Test
  @SuppressWarnings("unchecked")
  void noLifecycleOrAdminApiAndPrometheusRetentionIsSet() {
    services.forEach((name, service) -> assertThat(String.valueOf(service.get("command"))).as(name)
        .doesNotContain("--web.enable-lifecycle", "--web.enable-admin-api", "--web.enable-remote-write-receiver"));
    assertThat((List<Object>) services.get(StackEndpoints.PROMETHEUS_HOST).get("command"))
        .contains("--storage.tsdb.retention.time=" + ServiceCommands.PROMETHEUS_RETENTION_TIME,
            "--storage.tsdb.retention.size=" + ServiceCommands.PROMETHEUS_RETENTION_SIZE);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyServiceHasAHealthCheckARestartPolicyAndAMemoryLimit() {
    services.forEach((name, service) -> {
      assertThat(service).as(name).containsEntry("restart", "unless-stopped");
      Map<String, Object> limits = (Map<String, Object>) ((Map<String, Object>)
          ((Map<String, Object>) service.get("deploy")).get("resources")).get("limits");
      assertThat(String.valueOf(limits.get("memory"))).as(name).matches("\\d+[MG]");
      if (ComposeFile.NO_HEALTH_CHECK.contains(name)) {
        assertThat(service).as(name).doesNotContainKey("healthcheck");
      } else {
        Map<String, Object> check = (Map<String, Object>) service.get("healthcheck");
        assertThat(check).as(name).isNotNull();
        assertThat((List<Object>) check.get("test")).as(name).first().isEqualTo("CMD");
      }
    });
    assertThat(ComposeFile.NO_HEALTH_CHECK).containsExactly(StackEndpoints.COLLECTOR_HOST);
  }

  @Test
  @SuppressWarnings("unchecked")
  void dependsOnWaitsForHealthWhereTheServiceHasACheck() {
    List<String> edges = new ArrayList<>();
    services.forEach((name, service) -> {
      Object dependsOn = service.get("depends_on");
      if (dependsOn == null) {
        return;
      }
      assertThat(dependsOn).as(name + " depends_on is a map with conditions").isInstanceOf(Map.class);
      ((Map<String, Object>) dependsOn).forEach((other, how) -> {
        String condition = (String) ((Map<String, Object>) how).get("condition");
        assertThat(condition).as(name + " -> " + other).isEqualTo(
            ComposeFile.NO_HEALTH_CHECK.contains(other) ? "service_started" : "service_healthy");
        edges.add(name + "->" + other);
      });
    });
    assertThat(edges).contains("grafana->prometheus", "grafana->loki", "prometheus->alertmanager",
        "collector->loki");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theCollectorsMemoryLimiterIsInMibAndFitsItsContainerLimit() {
    Map<String, Object> config = YamlText.parse(files.get(StackFiles.COLLECTOR_CONFIG));
    Map<String, Object> limiter = (Map<String, Object>)
        ((Map<String, Object>) config.get("processors")).get("memory_limiter");
    assertThat(limiter).doesNotContainKeys("limit_percentage", "spike_limit_percentage");
    int limit = (Integer) limiter.get("limit_mib");
    int spike = (Integer) limiter.get("spike_limit_mib");
    Map<String, Object> collector = services.get(StackEndpoints.COLLECTOR_HOST);
    String memory = (String) ((Map<String, Object>) ((Map<String, Object>)
        ((Map<String, Object>) collector.get("deploy")).get("resources")).get("limits")).get("memory");
    int containerMib = Integer.parseInt(memory.replace("M", ""));
    assertThat(containerMib).isEqualTo(CollectorPipeline.DEFAULT_MEMORY_LIMIT_MIB);
    assertThat(limit).isLessThan(containerMib).isGreaterThanOrEqualTo(containerMib * 3 / 4);
    assertThat(spike).isPositive().isLessThan(limit / 2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void noDebugExporterInProductionAndTheLocalFileExporterRotates() {
    Map<String, Object> production = YamlText.parse(files.get(StackFiles.COLLECTOR_CONFIG));
    assertThat((Map<String, Object>) production.get("exporters")).doesNotContainKey("debug");
    assertThat(String.valueOf(((Map<String, Object>) production.get("service")).get("pipelines")))
        .doesNotContain("debug");
    Map<String, Object> local = YamlText.parse(files.get(StackFiles.COLLECTOR_LOCAL_OVERLAY));
    Map<String, Object> file = (Map<String, Object>) ((Map<String, Object>) local.get("exporters")).get("file");
    assertThat((Map<String, Object>) file.get("rotation")).containsKeys("max_megabytes", "max_backups");
  }

  @Test
  void imagesArePinnedByExactVersionTagsAndTheDigestCommandIsDocumented() {
    for (String image : Images.all()) {
      assertThat(image).matches(EXACT_VERSION).doesNotEndWith(":latest");
    }
    services.forEach((name, service) -> assertThat(Images.all()).as(name).contains((String) service.get("image")));
    assertThat(files.get(StackFiles.COMPOSE_FILE)).contains("docker buildx imagetools inspect IMAGE");
  }
}
