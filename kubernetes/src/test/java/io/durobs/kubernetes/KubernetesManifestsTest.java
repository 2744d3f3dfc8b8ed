package io.durobs.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.collector.CollectorPipeline;
import io.durobs.toolkit.yaml.YamlText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code generated/kubernetes/} against the rest of {@code generated/}: every rule and dashboard
 * exactly once, the overlays differing only where they should, the collector sized and locked
 * down; and the rendering reproducible and current.
 */
class KubernetesManifestsTest {

  private final SortedMap<String, String> generated = GeneratedTree.files();
  private final SortedMap<String, String> rendered = KubernetesManifests.render(GeneratedTree.inputs());

  private List<Map<String, Object>> base(String file) {
    return GeneratedTree.documents(generated.get(KubernetesManifests.BASE + "/" + file));
  }

  @Test
  void generatedKubernetesIsWhatTheJavaRendersAndRenderingIsReproducible() {
    SortedMap<String, String> committed = new TreeMap<>(generated.subMap(KubernetesManifests.DIR + "/",
        KubernetesManifests.DIR + "0"));
    assertThat(committed).isEqualTo(rendered);
    assertThat(KubernetesManifests.render(GeneratedTree.inputs())).isEqualTo(rendered);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyAlertAndRecordingRuleOfGeneratedAppearsExactlyOnceInThePrometheusRules() {
    Map<String, Map<String, Object>> inFiles = new HashMap<>();
    List<String> names = new ArrayList<>();
    generated.forEach((path, text) -> {
      if (path.startsWith(GeneratedTree.RULES_DIR + "/")) {
        for (Map<String, Object> g : (List<Map<String, Object>>) YamlText.parse(text).get("groups")) {
          for (Map<String, Object> rule : (List<Map<String, Object>>) g.get("rules")) {
            String name = (String) rule.getOrDefault("alert", rule.get("record"));
            inFiles.put(g.get("name") + "/" + name + "/" + rule.get("expr"), rule);
          }
        }
      }
    });
    Map<String, Integer> seen = new HashMap<>();
    for (Map<String, Object> doc : base("prometheus-rules.yaml")) {
      assertThat(doc).containsEntry("kind", "PrometheusRule").containsEntry("apiVersion", "monitoring.coreos.com/v1");
      for (Map<String, Object> g : (List<Map<String, Object>>) ((Map<String, Object>) doc.get("spec")).get("groups")) {
        assertThat(((Map<String, Object>) doc.get("metadata")).get("name")).isEqualTo(g.get("name"));
        for (Map<String, Object> rule : (List<Map<String, Object>>) g.get("rules")) {
          String key = g.get("name") + "/" + rule.getOrDefault("alert", rule.get("record")) + "/" + rule.get("expr");
          seen.merge(key, 1, Integer::sum);
          assertThat(rule).as(key).isEqualTo(inFiles.get(key));
          names.add((String) rule.getOrDefault("alert", rule.get("record")));
        }
      }
    }
    assertThat(seen.keySet()).isEqualTo(inFiles.keySet());
    assertThat(seen.values()).allMatch(n -> n == 1);
    assertThat(names).hasSize(inFiles.size()).isNotEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyDashboardIsExactlyOneConfigMapForTheSidecarWithItsFolder() {
    Map<String, String> dashboards = new TreeMap<>();
    generated.forEach((path, text) -> {
      if (path.startsWith(GeneratedTree.DASHBOARDS_DIR + "/") && path.endsWith(".json")) {
        dashboards.put(path.substring(GeneratedTree.DASHBOARDS_DIR.length() + 1), text);
      }
    });
    Map<String, String> inConfigMaps = new TreeMap<>();
    for (Map<String, Object> doc : base("grafana-dashboards.yaml")) {
      Map<String, Object> meta = (Map<String, Object>) doc.get("metadata");
      assertThat(doc).containsEntry("kind", "ConfigMap");
      assertThat((Map<String, Object>) meta.get("labels")).containsEntry(KubernetesManifests.DASHBOARD_LABEL, "1");
      assertThat((Map<String, Object>) meta.get("annotations"))
          .containsEntry(KubernetesManifests.FOLDER_ANNOTATION, GeneratedTree.inputs().dashboardFolder());
      Map<String, Object> data = (Map<String, Object>) doc.get("data");
      assertThat(data).hasSize(1);
      data.forEach((file, json) -> assertThat(inConfigMaps.put(file, (String) json)).as(file).isNull());
    }
    assertThat(inConfigMaps).isEqualTo(dashboards);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theOverlaysDifferOnlyInEndpointsReplicasAndResources() {
    for (Overlay overlay : Overlay.all()) {
      String dir = KubernetesManifests.OVERLAYS + "/" + overlay.name();
      assertThat(rendered.keySet()).contains(dir + "/kustomization.yaml", dir + "/collector-patch.yaml",
          dir + "/grafana-datasources-patch.yaml");
      List<Map<String, Object>> patch = GeneratedTree.documents(rendered.get(dir + "/collector-patch.yaml"));
      Map<String, Object> spec = (Map<String, Object>) patch.get(0).get("spec");
      assertThat(spec).containsOnlyKeys("replicas", "template").containsEntry("replicas", overlay.replicas());
      Map<String, Object> container = ((List<Map<String, Object>>) ((Map<String, Object>)
          ((Map<String, Object>) spec.get("template")).get("spec")).get("containers")).get(0);
      assertThat(container).containsOnlyKeys("name", "env", "resources");
      assertThat(patch.get(1)).containsOnlyKeys("apiVersion", "kind", "metadata", "data");
      // the memory_limiter is sized from this overlay's memory limit
      Map<String, Object> config = YamlText.parse((String) ((Map<String, Object>) patch.get(1).get("data"))
          .get(KubernetesManifests.COLLECTOR_CONFIG_KEY));
      Map<String, Object> limiter = (Map<String, Object>) ((Map<String, Object>) config.get("processors"))
          .get("memory_limiter");
      assertThat(limiter).containsEntry("limit_mib", overlay.memoryLimitMib() * 4 / 5);
      assertThat(((Map<String, Object>) ((Map<String, Object>) container.get("resources")).get("limits")))
          .containsEntry("memory", overlay.memoryLimitMib() + "Mi");
      assertThat(config.toString()).contains(overlay.loki().hostPort()).doesNotContain("debug");
      assertThat(rendered.get(dir + "/grafana-datasources-patch.yaml"))
          .contains(overlay.prometheusUrl().toString(), overlay.lokiUrl().toString());
    }
    // the two kustomizations are the same apart from their header
    assertThat(withoutComments(rendered.get(KubernetesManifests.OVERLAYS + "/local/kustomization.yaml")))
        .isEqualTo(withoutComments(rendered.get(KubernetesManifests.OVERLAYS + "/production/kustomization.yaml")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theCollectorRunsNonRootReadOnlyWithProbesOnItsHealthExtension() {
    Map<String, Object> deployment = base("collector.yaml").stream()
        .filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
    Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>)
        ((Map<String, Object>) deployment.get("spec")).get("template")).get("spec");
    assertThat((Map<String, Object>) pod.get("securityContext")).containsEntry("runAsNonRoot", true);
    Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
    assertThat((Map<String, Object>) container.get("securityContext"))
        .containsEntry("readOnlyRootFilesystem", true)
        .containsEntry("allowPrivilegeEscalation", false)
        .containsEntry("runAsNonRoot", true);
    for (String probe : List.of("readinessProbe", "livenessProbe")) {
      assertThat(((Map<String, Object>) container.get(probe)).toString()).contains("port=health");
    }
    assertThat(container.get("ports").toString()).contains("containerPort=13133, name=health");
    assertThat(container.get("image")).isEqualTo(io.durobs.stack.Images.COLLECTOR);
  }

  @Test
  void anInputThatTheModelDoesNotKnowFailsTheRenderNamingTheFile() {
    KubernetesInputs inputs = GeneratedTree.inputs();
    SortedMap<String, String> rules = new TreeMap<>(inputs.ruleFiles());
    rules.put("broken.yaml", "groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: up\n        fro: 5m\n");
    KubernetesInputs broken = new KubernetesInputs(rules, inputs.dashboards(), inputs.datasources(),
        inputs.dashboardFolder(), inputs.alertmanagerConfig());
    assertThatThrownBy(() -> KubernetesManifests.render(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prometheus/rules/broken.yaml")
        .hasMessageContaining("fro");
  }

  @Test
  void theCollectorConfigurationIsThePipelinesForTheOverlaysMemory() {
    assertThat(KubernetesManifests.collectorConfig(Overlay.PRODUCTION).toTree().toString())
        .contains("limit_mib=" + Overlay.PRODUCTION.memoryLimitMib() * 4 / 5);
    assertThat(Overlay.LOCAL.memoryLimitMib()).isEqualTo(CollectorPipeline.DEFAULT_MEMORY_LIMIT_MIB);
  }

  private static String withoutComments(String yaml) {
    return yaml.replaceAll("(?m)^#.*\n", "");
  }
}
