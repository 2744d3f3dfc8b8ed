package io.durobs.collector;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A collector component type: what a configuration calls it ({@code otlp_http}) and the Go module
 * the OpenTelemetry Collector Builder compiles in for it. Because a {@link Component} carries its
 * type, the builder manifest is derived from the same definition as the configuration and the two
 * cannot drift.
 *
 * @param kind receiver, processor, exporter or extension
 * @param name the type as written in a configuration, e.g. {@code memory_limiter}
 * @param module the Go module path, e.g. {@code go.opentelemetry.io/collector/receiver/otlpreceiver}
 * @param version the module version, e.g. {@code v0.165.0}
 */
public record ComponentType(ComponentKind kind, String name, String module, String version) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");

  /**
   * Validates the parts.
   *
   * @throws IllegalArgumentException if the name is not a valid collector type name, the module
   *     path is blank or contains spaces, or the version is not a semantic version with a leading v
   */
  public ComponentType {
    Objects.requireNonNull(kind, "kind");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("component type name '" + name + "' must match " + NAME);
    }
    if (module == null || module.isBlank() || module.contains(" ")) {
      throw new IllegalArgumentException("component type '" + name + "': bad Go module path '" + module + "'");
    }
    if (version == null || !VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("component type '" + name + "': bad module version '" + version + "'");
    }
  }

  /**
   * The manifest's {@code gomod} value.
   *
   * @return module path, a space, version
   */
  public String gomod() {
    return module + " " + version;
  }
}
