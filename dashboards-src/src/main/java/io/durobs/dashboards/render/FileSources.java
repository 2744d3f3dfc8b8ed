package io.durobs.dashboards.render;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.engine.catalogue.MetricsReference;
import io.durobs.stack.StackFiles;
import java.util.LinkedHashMap;
import java.util.Map;
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
    Map<String, Supplier<Map<String, String>>> sources = new LinkedHashMap<>();
    sources.put("dashboards-src (dashboards, provisioning, rules, rule tests, runbooks)",
        () -> RenderAll.projectFiles(config));
    sources.put("engine (metrics reference)",
        () -> Map.of(MetricsReference.PATH, MetricsReference.render()));
    sources.put("collector-config (collector, Prometheus, Alertmanager, Compose)",
        StackFiles::render);
    return sources;
  }
}
