package io.durobs.collector;

import io.durobs.toolkit.yaml.YamlText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenTelemetry Collector Builder (ocb) manifest for a collector that can run every given
 * configuration: its component lists are the union of the configurations' component types, no
 * more, so the binary holds exactly what the pipelines use.
 *
 * <p>{@code dist.output_path} is relative: the builder resolves it against its working directory,
 * so running {@code builder --config builder-config.yaml} from a scratch directory keeps the
 * generated Go sources and the binary there ({@code tools/install-tools.sh collector} does this).
 *
 * @param configs the configurations the collector must be able to run (at least one)
 */
public record BuilderManifest(List<CollectorConfig> configs) {

  /** The Go module of the generated distribution. */
  public static final String DIST_MODULE = "io.durobs/otelcol-durobs";
  /** The collector binary's file name. */
  public static final String BINARY_NAME = "otelcol-durobs";
  /** The builder's output directory, relative to its working directory. */
  public static final String OUTPUT_PATH = "./otelcol-durobs-build";

  private static final Comparator<ComponentType> BY_NAME = Comparator.comparing(ComponentType::name);

  /**
   * Copies the list.
   *
   * @throws IllegalArgumentException if it is empty
   */
  public BuilderManifest {
    configs = List.copyOf(configs);
    if (configs.isEmpty()) {
      throw new IllegalArgumentException("a builder manifest needs at least one collector configuration");
    }
  }

  /**
   * The manifest for the given configurations.
   *
   * @param configs the configurations
   * @return the manifest
   */
  public static BuilderManifest forConfigs(CollectorConfig... configs) {
    return new BuilderManifest(List.of(configs));
  }

  /**
   * The union of the configurations' component types.
   *
   * @return the types, sorted by kind then name
   */
  public List<ComponentType> componentTypes() {
    Set<ComponentType> types = new TreeSet<>(Comparator.comparing(ComponentType::kind).thenComparing(BY_NAME));
    configs.forEach(c -> types.addAll(c.componentTypes()));
    return List.copyOf(types);
  }

  /**
   * The configuration providers compiled in: {@code file:} for {@code --config} paths and
   * {@code env:} for {@code ${env:VAR:-default}}; the builder's others (http, https, yaml) are
   * left out because no configuration here uses them.
   *
   * @return the providers
   */
  public List<ConfmapProvider> providers() {
    return List.of(ComponentTypes.ENV_PROVIDER, ComponentTypes.FILE_PROVIDER);
  }

  /**
   * The manifest as the builder reads it.
   *
   * @return a new ordered tree
   */
  public Map<String, Object> toTree() {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> dist = new LinkedHashMap<>();
    dist.put("module", DIST_MODULE);
    dist.put("name", BINARY_NAME);
    dist.put("description", "durobs OpenTelemetry Collector: exactly the components of generated/collector/*.yaml");
    dist.put("version", ComponentTypes.CORE_VERSION.substring(1) + "-durobs");
    dist.put("output_path", OUTPUT_PATH);
    root.put("dist", dist);
    List<ComponentType> types = componentTypes();
    for (ComponentKind kind : ComponentKind.values()) {
      List<Object> modules = new ArrayList<>();
      types.stream().filter(t -> t.kind() == kind).forEach(t -> modules.add(Map.of("gomod", t.gomod())));
      if (!modules.isEmpty()) {
        root.put(kind.section(), modules);
      }
    }
    List<Object> providers = new ArrayList<>();
    providers().forEach(p -> providers.add(Map.of("gomod", p.gomod())));
    root.put("providers", providers);
    return root;
  }

  /**
   * Renders the manifest as YAML.
   *
   * @param header comment lines for the top of the file
   * @return the YAML text
   */
  public String toYaml(List<String> header) {
    return YamlText.render(Objects.requireNonNull(header), toTree());
  }
}
