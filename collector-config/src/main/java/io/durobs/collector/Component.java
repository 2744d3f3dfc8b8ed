package io.durobs.collector;

import io.durobs.toolkit.yaml.Trees;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured component: a {@link ComponentType}, an optional name that tells two instances of
 * the same type apart ({@code otlp_http/loki}), and its settings as an ordered map tree.
 *
 * @param type the component type (which also names the Go module to build in)
 * @param name the instance name, or the empty string for the type's unnamed instance
 * @param config the settings, an ordered tree of maps, lists, strings, numbers and booleans
 *     (frozen on construction); empty for the type's defaults
 */
public record Component(ComponentType type, String name, Map<String, Object> config) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  /**
   * Validates the parts and freezes the settings.
   *
   * @throws IllegalArgumentException if the name has characters a component id cannot hold, or
   *     the settings are not a plain tree
   */
  @SuppressWarnings("unchecked")
  public Component {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    if (!name.isEmpty() && !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("component " + type.name() + ": name '" + name + "' must match " + NAME);
    }
    config = (Map<String, Object>) Trees.freeze(Objects.requireNonNull(config, "config"));
  }

  /**
   * The unnamed instance of a type.
   *
   * @param type the component type
   * @param config its settings
   * @return the component, id {@code type}
   */
  public static Component of(ComponentType type, Map<String, Object> config) {
    return new Component(type, "", config);
  }

  /**
   * A named instance of a type.
   *
   * @param type the component type
   * @param name the instance name
   * @param config its settings
   * @return the component, id {@code type/name}
   */
  public static Component named(ComponentType type, String name, Map<String, Object> config) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("component " + type.name() + ": a named instance needs a non-empty name");
    }
    return new Component(type, name, config);
  }

  /**
   * The id under which the component is configured and referenced from pipelines.
   *
   * @return {@code type} or {@code type/name}
   */
  public String id() {
    return name.isEmpty() ? type.name() : type.name() + "/" + name;
  }

  /**
   * The kind, from the type.
   *
   * @return receiver, processor, exporter or extension
   */
  public ComponentKind kind() {
    return type.kind();
  }
}
