package io.durobs.collector;

import io.durobs.toolkit.yaml.Trees;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The difference between two collector configurations, expressed as a configuration fragment
 * that the collector merges over the first when both are passed with {@code --config}.
 *
 * <p>The collector merges several {@code --config} sources in order: maps are merged key by key,
 * everything else (lists included) is replaced. So an overlay can add components and replace a
 * pipeline's receiver, processor or exporter list, but it cannot delete anything; components of
 * the base that the variant no longer references stay configured but unused, which the collector
 * accepts. Changes that the merge cannot express (a removed pipeline, a changed setting of an
 * existing component, changed telemetry settings) are refused rather than rendered wrong.
 */
public final class CollectorOverlay {

  private CollectorOverlay() {}

  /**
   * The fragment that turns {@code base} into {@code variant} when merged over it.
   *
   * @param base the configuration passed first
   * @param variant the configuration the merge must produce (up to unused base components)
   * @return the fragment as an ordered tree (sections in the collector's order)
   * @throws IllegalArgumentException if the merge cannot produce {@code variant}
   */
  public static Map<String, Object> between(CollectorConfig base, CollectorConfig variant) {
    Map<String, Object> overlay = new LinkedHashMap<>();
    for (ComponentKind kind : ComponentKind.values()) {
      Map<String, Object> section = new LinkedHashMap<>();
      for (Component c : variant.components()) {
        if (c.kind() != kind) {
          continue;
        }
        Optional<Component> before = find(base, c);
        if (before.isEmpty()) {
          section.put(c.id(), Trees.thaw(c.config()));
        } else if (!before.get().config().equals(c.config())) {
          throw new IllegalArgumentException("overlay cannot change the settings of " + kind.section() + "."
              + c.id() + " (maps merge key by key, so removed keys would survive); define a new named instance");
        }
      }
      if (!section.isEmpty()) {
        overlay.put(kind.section(), section);
      }
    }

    Map<String, Object> service = new LinkedHashMap<>();
    if (!CollectorConfig.ids(base.extensions()).equals(CollectorConfig.ids(variant.extensions()))) {
      service.put("extensions", CollectorConfig.ids(variant.extensions()));
    }
    if (!base.telemetry().equals(variant.telemetry())) {
      throw new IllegalArgumentException("overlay cannot change service.telemetry");
    }
    Map<String, Object> pipelines = new LinkedHashMap<>();
    for (Pipeline p : base.pipelines()) {
      if (variant.pipeline(p.id()).isEmpty()) {
        throw new IllegalArgumentException("overlay cannot remove pipeline " + p.id());
      }
    }
    for (Pipeline p : variant.pipelines()) {
      Map<String, Object> after = CollectorConfig.pipelineTree(p);
      Optional<Pipeline> before = base.pipeline(p.id());
      if (before.isEmpty()) {
        pipelines.put(p.id(), after);
        continue;
      }
      Map<String, Object> was = CollectorConfig.pipelineTree(before.get());
      Map<String, Object> changed = new LinkedHashMap<>();
      for (String list : List.of("receivers", "processors", "exporters")) {
        Object now = after.getOrDefault(list, List.of());
        if (!Objects.equals(now, was.getOrDefault(list, List.of()))) {
          changed.put(list, now);
        }
      }
      if (!changed.isEmpty()) {
        pipelines.put(p.id(), changed);
      }
    }
    if (!pipelines.isEmpty()) {
      service.put("pipelines", pipelines);
    }
    if (!service.isEmpty()) {
      overlay.put("service", service);
    }
    return overlay;
  }

  /**
   * Merges {@code overlay} over {@code base} the way the collector merges {@code --config}
   * sources: maps key by key, lists and scalars replaced.
   *
   * @param base a configuration tree (not modified)
   * @param overlay a fragment (not modified)
   * @return a new merged tree
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
    Map<String, Object> merged = (Map<String, Object>) Trees.thaw(base);
    overlay.forEach((key, value) -> {
      Object current = merged.get(key);
      if (current instanceof Map<?, ?> currentMap && value instanceof Map<?, ?> valueMap) {
        merged.put(key, merge((Map<String, Object>) currentMap, (Map<String, Object>) valueMap));
      } else {
        merged.put(key, Trees.thaw(value));
      }
    });
    return merged;
  }

  private static Optional<Component> find(CollectorConfig config, Component like) {
    return config.components().stream()
        .filter(c -> c.kind() == like.kind() && c.id().equals(like.id()))
        .findFirst();
  }
}
