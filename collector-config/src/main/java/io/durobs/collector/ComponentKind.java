package io.durobs.collector;

/**
 * The kinds of collector component a pipeline can reference, each with the top-level section it
 * is configured under, in the collector's YAML and in the builder manifest alike.
 */
public enum ComponentKind {
  /** Accepts telemetry (e.g. {@code otlp}); section {@code receivers}. */
  RECEIVER("receivers"),
  /** Transforms telemetry in a pipeline (e.g. {@code batch}); section {@code processors}. */
  PROCESSOR("processors"),
  /** Sends telemetry on (e.g. {@code prometheus}); section {@code exporters}. */
  EXPORTER("exporters"),
  /** Runs beside the pipelines (e.g. {@code health_check}); section {@code extensions}. */
  EXTENSION("extensions");

  private final String section;

  ComponentKind(String section) {
    this.section = section;
  }

  /**
   * The section key, identical in the collector configuration and the builder manifest.
   *
   * @return e.g. {@code "receivers"}
   */
  public String section() {
    return section;
  }
}
