package io.durobs.collector;

import java.util.List;

/**
 * The component types and configuration providers this project's collector is built from, with
 * the Go modules the OpenTelemetry Collector Builder needs for each.
 *
 * <p>All collector modules stay at one release: core components ({@code go.opentelemetry.io/
 * collector/...}) at {@link #CORE_VERSION}, which goes with the stable modules at
 * {@link #STABLE_VERSION}, and contrib components at {@link #CONTRIB_VERSION}; the builder
 * ({@code cmd/builder}) is the same release. Mixing releases compiles against mismatched APIs.
 */
public final class ComponentTypes {

  /** Release of the core (beta) collector modules and of the builder. */
  public static final String CORE_VERSION = "v0.165.0";
  /** Release of the stable core modules (confmap providers) that goes with {@link #CORE_VERSION}. */
  public static final String STABLE_VERSION = "v1.71.0";
  /** Release of the contrib modules. */
  public static final String CONTRIB_VERSION = "v0.165.0";

  private static final String CORE = "go.opentelemetry.io/collector/";
  private static final String CONTRIB = "github.com/open-telemetry/opentelemetry-collector-contrib/";

  /** OTLP over gRPC and HTTP. */
  public static final ComponentType OTLP_RECEIVER =
      new ComponentType(ComponentKind.RECEIVER, "otlp", CORE + "receiver/otlpreceiver", CORE_VERSION);

  /** Refuses data when the collector's heap nears its limit, so senders back off and retry. */
  public static final ComponentType MEMORY_LIMITER = new ComponentType(
      ComponentKind.PROCESSOR, "memory_limiter", CORE + "processor/memorylimiterprocessor", CORE_VERSION);

  /** Groups data into batches before export. */
  public static final ComponentType BATCH =
      new ComponentType(ComponentKind.PROCESSOR, "batch", CORE + "processor/batchprocessor", CORE_VERSION);

  /** Inserts, updates or deletes resource attributes. */
  public static final ComponentType RESOURCE = new ComponentType(
      ComponentKind.PROCESSOR, "resource", CONTRIB + "processor/resourceprocessor", CONTRIB_VERSION);

  /** Serves metrics for Prometheus to scrape. */
  public static final ComponentType PROMETHEUS_EXPORTER = new ComponentType(
      ComponentKind.EXPORTER, "prometheus", CONTRIB + "exporter/prometheusexporter", CONTRIB_VERSION);

  /**
   * OTLP over HTTP. Since v0.165.0 its type is {@code otlp_http}; the old {@code otlphttp} is a
   * deprecated alias.
   */
  public static final ComponentType OTLP_HTTP_EXPORTER = new ComponentType(
      ComponentKind.EXPORTER, "otlp_http", CORE + "exporter/otlphttpexporter", CORE_VERSION);

  /** Writes telemetry to the collector's own log. */
  public static final ComponentType DEBUG_EXPORTER =
      new ComponentType(ComponentKind.EXPORTER, "debug", CORE + "exporter/debugexporter", CORE_VERSION);

  /** Writes telemetry to a file as OTLP JSON, one line per batch. */
  public static final ComponentType FILE_EXPORTER = new ComponentType(
      ComponentKind.EXPORTER, "file", CONTRIB + "exporter/fileexporter", CONTRIB_VERSION);

  /** Answers HTTP health probes. */
  public static final ComponentType HEALTH_CHECK = new ComponentType(
      ComponentKind.EXTENSION, "health_check", CONTRIB + "extension/healthcheckextension", CONTRIB_VERSION);

  /** Resolves {@code ${env:VAR}} and {@code ${env:VAR:-default}}. */
  public static final ConfmapProvider ENV_PROVIDER =
      new ConfmapProvider("env", CORE + "confmap/provider/envprovider", STABLE_VERSION);

  /** Resolves {@code --config} file paths ({@code file:} is the default scheme). */
  public static final ConfmapProvider FILE_PROVIDER =
      new ConfmapProvider("file", CORE + "confmap/provider/fileprovider", STABLE_VERSION);

  /**
   * Every component type defined here.
   *
   * @return the types, in declaration order
   */
  public static List<ComponentType> all() {
    return List.of(OTLP_RECEIVER, MEMORY_LIMITER, BATCH, RESOURCE, PROMETHEUS_EXPORTER,
        OTLP_HTTP_EXPORTER, DEBUG_EXPORTER, FILE_EXPORTER, HEALTH_CHECK);
  }

  private ComponentTypes() {}
}
