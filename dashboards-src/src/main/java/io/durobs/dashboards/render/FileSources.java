package io.durobs.dashboards.render;

import io.durobs.dashboards.Provisioning;
import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.extension.UserContent;
import io.durobs.engine.catalogue.MetricsReference;
import io.durobs.kubernetes.KubernetesInputs;
import io.durobs.kubernetes.KubernetesManifests;
import io.durobs.stack.StackFiles;
import io.durobs.toolkit.yaml.YamlText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Every source of files under {@code generated/}, in one place: each supplies a map from path
 * (relative to {@code generated/}) to content. A module that renders files adds its renderer
 * here; two sources writing the same path fail the render.
 */
public final class FileSources {

  private FileSources() {}

  /** The sources of {@code generated/}: {@link #all(ContentConfig)} of the defaults. */
  public static Map<String, Supplier<Map<String, String>>> all() {
    return all(ContentConfig.defaults());
  }

  /**
   * The sources by name (the name appears in errors), the engine's content rendered for
   * {@code config}.
   */
  public static Map<String, Supplier<Map<String, String>>> all(ContentConfig config) {
    return all(config, List.of());
  }

  /**
   * The sources by name, the engine's content plus these extensions' rendered for
   * {@code config} (the Kubernetes manifests carry both).
   */
  public static Map<String, Supplier<Map<String, String>>> all(ContentConfig config,
      List<UserContent> extensions) {
    Map<String, Supplier<Map<String, String>>> sources = new LinkedHashMap<>();
    sources.put("dashboards-src (dashboards, provisioning, rules, rule tests, runbooks)",
        () -> RenderAll.projectFiles(config, extensions));
    sources.put("engine (metrics reference)",
        () -> Map.of(MetricsReference.PATH, MetricsReference.render()));
    sources.put("collector-config (collector, Prometheus, Alertmanager, Compose)",
        StackFiles::render);
    sources.put("kubernetes (kustomize base and overlays)", () -> kubernetes(config, extensions));
    return sources;
  }

  /**
   * {@code generated/kubernetes/}: the manifests carry the same rules, dashboards, data sources
   * and Alertmanager configuration as the files above, so they are rendered from those sources'
   * output (normalized as {@code generated/} holds it).
   */
  @SuppressWarnings("unchecked")
  static Map<String, String> kubernetes(ContentConfig config, List<UserContent> extensions) {
    Map<String, String> files = new TreeMap<>();
    RenderAll.projectFiles(config, extensions).forEach((path, text) -> files.put(path, RenderAll.normalize(text)));
    StackFiles.render().forEach((path, text) -> files.put(path, RenderAll.normalize(text)));
    Map<String, Object> provider = ((List<Map<String, Object>>) YamlText.parse(
        files.get(Provisioning.DASHBOARD_PROVIDER)).get("providers")).get(0);
    return KubernetesManifests.render(KubernetesInputs.fromGenerated(files, "prometheus/rules",
        Provisioning.DASHBOARDS_DIR, Provisioning.DATASOURCES, (String) provider.get("folder"),
        StackFiles.ALERTMANAGER_CONFIG));
  }
}
