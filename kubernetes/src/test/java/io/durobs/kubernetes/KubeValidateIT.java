package io.durobs.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.toolkit.tools.Checkout;
import io.durobs.toolkit.tools.ProcessRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifests through {@code tools/kube-validate} (built by {@link io.durobs.toolkit.tools.Tools}):
 * kustomize's library builds both overlays, every object decodes strictly into the official
 * k8s.io/api and prometheus-operator Go types, and the built-in kinds validate against the
 * official Kubernetes OpenAPI v3 schemas (from the k8s.io/kubernetes module). Validated: what this module renders now (from
 * {@code generated/}'s rules, dashboards and configurations) and the committed
 * {@code generated/kubernetes}; the broken cases prove the validator reports what it must.
 */
class KubeValidateIT {

  private static Path validator;

  @BeforeAll
  static void build() {
    validator = Checkout.tools().kubeValidate();
  }

  private static ProcessRun validate(Path dir) throws Exception {
    return ProcessRun.run(dir, List.of(validator.toString(), dir.toString()), Duration.ofMinutes(2));
  }

  private static Path renderInto(Path dir, Map<String, String> replace) throws Exception {
    Map<String, String> files = new java.util.TreeMap<>(KubernetesManifests.render(GeneratedTree.inputs()));
    files.putAll(replace);
    for (var f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    return dir.resolve(KubernetesManifests.DIR);
  }

  private static long objects() {
    return KubernetesManifests.render(GeneratedTree.inputs()).entrySet().stream()
        .filter(e -> e.getKey().startsWith(KubernetesManifests.BASE + "/") && !e.getKey().endsWith("kustomization.yaml"))
        .mapToLong(e -> GeneratedTree.documents(e.getValue()).size()).sum();
  }

  @Test
  void bothOverlaysBuildAndEveryObjectIsValid(@TempDir Path tmp) throws Exception {
    String expected = "kubernetes: " + Overlay.all().size() + " overlays, " + Overlay.all().size() * objects()
        + " objects, all valid";
    ProcessRun fresh = validate(renderInto(tmp, Map.of()));
    assertThat(fresh.exitCode()).as(fresh.output()).isZero();
    assertThat(fresh.lastLine()).isEqualTo(expected);
    ProcessRun committed = validate(GeneratedTree.GENERATED.resolve(KubernetesManifests.DIR));
    assertThat(committed.exitCode()).as(committed.output()).isZero();
    assertThat(committed.lastLine()).isEqualTo(expected);
    System.out.println(committed.lastLine());
  }

  @Test
  void anUnknownFieldAWrongTypeAndAnUnselectedPodAreReported(@TempDir Path tmp) throws Exception {
    String collector = KubernetesManifests.render(GeneratedTree.inputs()).get(KubernetesManifests.BASE + "/collector.yaml");
    String broken = collector
        .replaceFirst("\nspec:\n  replicas: 1\n", "\nspec:\n  replica: 1\n")
        .replaceFirst("(?m)^  type: ClusterIP$", "  type: ClusterIP\n  sessionAffinityConfig: 3")
        .replaceFirst("(?m)^      labels:\n        app.kubernetes.io/name: durobs-collector\n",
            "      labels:\n        app.kubernetes.io/name: something-else\n");
    assertThat(broken).isNotEqualTo(collector);
    ProcessRun r = validate(renderInto(tmp, Map.of(KubernetesManifests.BASE + "/collector.yaml", broken)));
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output())
        .contains("overlay local: Deployment/durobs-collector: strict decoding: unknown field \"spec.replica\"")
        .contains("overlay production: Service/durobs-collector: does not decode")
        .contains("overlay local: Deployment/durobs-collector: spec.selector label 'app.kubernetes.io/name=durobs-collector' "
            + "is not on the pod template")
        .containsPattern("kubernetes: 2 overlays, \\d+ objects, \\d+ findings");
  }

  @Test
  void aRuleWithoutExpressionAndALabelThatIsNotAStringAreReported(@TempDir Path tmp) throws Exception {
    String rules = KubernetesManifests.render(GeneratedTree.inputs()).get(KubernetesManifests.BASE + "/prometheus-rules.yaml");
    String dashboards = KubernetesManifests.render(GeneratedTree.inputs())
        .get(KubernetesManifests.BASE + "/grafana-dashboards.yaml");
    ProcessRun r = validate(renderInto(tmp, Map.of(
        KubernetesManifests.BASE + "/prometheus-rules.yaml", rules.replaceFirst("(?m)^(\\s+)expr: .*$", "$1expr: \"\""),
        KubernetesManifests.BASE + "/grafana-dashboards.yaml", dashboards.replaceFirst("grafana_dashboard: \"1\"",
            "grafana_dashboard: 1"))));
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output())
        .containsPattern("overlay local: PrometheusRule/durobs-[a-z-]+: group durobs-[a-z-]+ rule 0: expr is empty")
        .contains("ConfigMap/durobs-dashboard-")
        .contains("cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string");
  }

  /** Strict decoding accepts a probe without a port; the official OpenAPI schema requires it. */
  @Test
  void aMissingRequiredFieldIsReportedByTheOfficialOpenApiSchema(@TempDir Path tmp) throws Exception {
    String collector = KubernetesManifests.render(GeneratedTree.inputs()).get(KubernetesManifests.BASE + "/collector.yaml");
    int probe = collector.indexOf("readinessProbe:");
    int port = collector.indexOf("port: health", probe);
    String broken = collector.substring(0, port) + "scheme: HTTP" + collector.substring(port + "port: health".length());
    ProcessRun r = validate(renderInto(tmp, Map.of(KubernetesManifests.BASE + "/collector.yaml", broken)));
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output()).contains("overlay production: Deployment/durobs-collector: OpenAPI schema: "
        + "/spec/template/spec/containers/0/readinessProbe/httpGet: missing property 'port'");
  }

  @Test
  void aDirectoryWithoutOverlaysIsBadInput(@TempDir Path tmp) throws Exception {
    ProcessRun r = validate(tmp);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("no overlays/<name>/kustomization.yaml under " + tmp);
  }
}
