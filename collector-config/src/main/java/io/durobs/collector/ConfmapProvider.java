package io.durobs.collector;

/**
 * A configuration provider compiled into the collector: it resolves one URI scheme, such as
 * {@code file:} for {@code --config} paths or {@code env:} for {@code ${env:VAR:-default}}.
 *
 * @param scheme the URI scheme it resolves
 * @param module the Go module path
 * @param version the module version
 */
public record ConfmapProvider(String scheme, String module, String version) {

  /**
   * The manifest's {@code gomod} value.
   *
   * @return module path, a space, version
   */
  public String gomod() {
    return module + " " + version;
  }
}
