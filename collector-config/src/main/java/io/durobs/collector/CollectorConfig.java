package io.durobs.collector;

import io.durobs.toolkit.yaml.Trees;
import io.durobs.toolkit.yaml.YamlText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A collector configuration as a typed model: pipelines built from {@link Component}s, the
 * extensions the service starts, and the service's own telemetry settings. The component sections
 * of the YAML are derived from what the pipelines and extensions reference, so a component cannot
 * be configured but unused, nor used but unconfigured, and the set of component types (hence the
 * builder manifest, see {@link BuilderManifest}) is exactly what the configuration needs.
 *
 * <p>Immutable; build with {@link #builder()} or derive with {@link #withPipeline(Pipeline)}.
 */
public final class CollectorConfig {

  private final List<Pipeline> pipelines;
  private final List<Component> extensions;
  private final Map<String, Object> telemetry;
  private final List<Component> components;

  private CollectorConfig(Builder b) {
    this.pipelines = List.copyOf(b.pipelines.values());
    this.extensions = List.copyOf(b.extensions);
    this.telemetry = b.telemetry;
    if (pipelines.isEmpty()) {
      throw new IllegalArgumentException("a collector configuration needs at least one pipeline");
    }
    this.components = collectComponents();
  }

  /**
   * Starts an empty configuration.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The pipelines, in the order they were added.
   *
   * @return an unmodifiable list
   */
  public List<Pipeline> pipelines() {
    return pipelines;
  }

  /**
   * Looks up a pipeline.
   *
   * @param id e.g. {@code "logs"}
   * @return the pipeline, if configured
   */
  public Optional<Pipeline> pipeline(String id) {
    return pipelines.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /**
   * The extensions the service starts, in order.
   *
   * @return an unmodifiable list
   */
  public List<Component> extensions() {
    return extensions;
  }

  /**
   * Every configured component once: receivers, processors, exporters, extensions, each group in
   * order of first use.
   *
   * @return an unmodifiable list
   */
  public List<Component> components() {
    return components;
  }

  /**
   * The component types this configuration needs compiled into the collector.
   *
   * @return the types, in the order of {@link #components()}
   */
  public Set<ComponentType> componentTypes() {
    Set<ComponentType> types = new LinkedHashSet<>();
    components.forEach(c -> types.add(c.type()));
    return Collections.unmodifiableSet(types);
  }

  /**
   * The same configuration with one pipeline replaced (matched by id) or added.
   *
   * @param pipeline the new pipeline
   * @return a new configuration
   */
  public CollectorConfig withPipeline(Pipeline pipeline) {
    Builder b = new Builder();
    pipelines.forEach(p -> b.pipelines.put(p.id(), p));
    b.pipelines.put(pipeline.id(), pipeline);
    b.extensions.addAll(extensions);
    b.telemetry = telemetry;
    return new CollectorConfig(b);
  }

  /**
   * The configuration as the collector reads it: {@code receivers}, {@code processors},
   * {@code exporters}, {@code extensions}, then {@code service} with {@code extensions},
   * {@code telemetry} and {@code pipelines}.
   *
   * @return a new, mutable ordered tree
   */
  public Map<String, Object> toTree() {
    Map<String, Object> root = new LinkedHashMap<>();
    for (ComponentKind kind : ComponentKind.values()) {
      Map<String, Object> section = new LinkedHashMap<>();
      components.stream().filter(c -> c.kind() == kind).forEach(c -> section.put(c.id(), Trees.thaw(c.config())));
      if (!section.isEmpty()) {
        root.put(kind.section(), section);
      }
    }
    Map<String, Object> service = new LinkedHashMap<>();
    if (!extensions.isEmpty()) {
      service.put("extensions", ids(extensions));
    }
    if (!telemetry.isEmpty()) {
      service.put("telemetry", Trees.thaw(telemetry));
    }
    Map<String, Object> pipelineTree = new LinkedHashMap<>();
    for (Pipeline p : pipelines) {
      pipelineTree.put(p.id(), pipelineTree(p));
    }
    service.put("pipelines", pipelineTree);
    root.put("service", service);
    return root;
  }

  /**
   * Renders the configuration as YAML.
   *
   * @param header comment lines for the top of the file
   * @return the YAML text
   */
  public String toYaml(List<String> header) {
    return YamlText.render(header, toTree());
  }

  /**
   * The service's telemetry settings ({@code service.telemetry}).
   *
   * @return an unmodifiable tree, empty for the collector's defaults
   */
  public Map<String, Object> telemetry() {
    return telemetry;
  }

  static Map<String, Object> pipelineTree(Pipeline p) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("receivers", ids(p.receivers()));
    if (!p.processors().isEmpty()) {
      tree.put("processors", ids(p.processors()));
    }
    tree.put("exporters", ids(p.exporters()));
    return tree;
  }

  static List<Object> ids(List<Component> components) {
    List<Object> ids = new ArrayList<>();
    components.forEach(c -> ids.add(c.id()));
    return ids;
  }

  private List<Component> collectComponents() {
    Map<String, Component> byId = new LinkedHashMap<>();
    List<Component> all = new ArrayList<>();
    for (ComponentKind kind : ComponentKind.values()) {
      for (Pipeline p : pipelines) {
        List<Component> list = switch (kind) {
          case RECEIVER -> p.receivers();
          case PROCESSOR -> p.processors();
          case EXPORTER -> p.exporters();
          case EXTENSION -> List.of();
        };
        list.forEach(c -> add(byId, all, c, "pipeline " + p.id()));
      }
    }
    Set<String> extensionIds = new LinkedHashSet<>();
    for (Component e : extensions) {
      if (e.kind() != ComponentKind.EXTENSION) {
        throw new IllegalArgumentException("service.extensions: " + e.id() + " is not an extension");
      }
      if (!extensionIds.add(e.id())) {
        throw new IllegalArgumentException("service.extensions: " + e.id() + " appears twice");
      }
      add(byId, all, e, "service.extensions");
    }
    return List.copyOf(all);
  }

  private static void add(Map<String, Component> byId, List<Component> all, Component c, String where) {
    Component known = byId.putIfAbsent(c.kind().section() + "/" + c.id(), c);
    if (known == null) {
      all.add(c);
    } else if (!known.equals(c)) {
      throw new IllegalArgumentException(where + ": " + c.kind().section() + "." + c.id()
          + " is used with two different configurations: " + known.config() + " and " + c.config());
    }
  }

  /** Collects pipelines, extensions and telemetry settings; {@link #build()} validates them. */
  public static final class Builder {
    private final Map<String, Pipeline> pipelines = new LinkedHashMap<>();
    private final List<Component> extensions = new ArrayList<>();
    private Map<String, Object> telemetry = Map.of();

    private Builder() {}

    /**
     * Adds a pipeline.
     *
     * @param pipeline the pipeline
     * @return this builder
     * @throws IllegalArgumentException if a pipeline with the same id was added
     */
    public Builder pipeline(Pipeline pipeline) {
      if (pipelines.putIfAbsent(pipeline.id(), pipeline) != null) {
        throw new IllegalArgumentException("pipeline " + pipeline.id() + " is defined twice");
      }
      return this;
    }

    /**
     * Adds an extension the service starts.
     *
     * @param extension an extension component
     * @return this builder
     */
    public Builder extension(Component extension) {
      extensions.add(Objects.requireNonNull(extension, "extension"));
      return this;
    }

    /**
     * Sets {@code service.telemetry}.
     *
     * @param settings the settings tree
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    public Builder telemetry(Map<String, Object> settings) {
      this.telemetry = (Map<String, Object>) Trees.freeze(settings);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the configuration
     * @throws IllegalArgumentException if there is no pipeline, a component id is used with two
     *     configurations, or an extension is repeated or is not an extension
     */
    public CollectorConfig build() {
      return new CollectorConfig(this);
    }
  }
}
