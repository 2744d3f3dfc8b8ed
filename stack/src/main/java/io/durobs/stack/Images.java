package io.durobs.stack;

import java.util.List;

/**
 * The container images of the stack, pinned to exact versions (never {@code latest}), as
 * {@code repository:tag} strings that Docker Compose and Testcontainers
 * ({@code DockerImageName.parse}) both accept. The local-process launcher builds the same
 * releases from Go modules: the collector from {@code generated/collector/builder-config.yaml}
 * (the release of {@link #COLLECTOR}), Prometheus and Alertmanager at the versions pinned in
 * {@code tools/install-tools.sh} (those of {@link #PROMETHEUS} and {@link #ALERTMANAGER}; the
 * Prometheus Go module numbers 3.16 as v0.316).
 *
 * <p>A tag can be moved by its publisher; to pin by content where a registry can be reached,
 * replace each image by its digest, printed by
 * {@code docker buildx imagetools inspect IMAGE --format '{{.Name}}@{{.Manifest.Digest}}'}
 * (or {@code crane digest IMAGE}); the header of {@code generated/docker-compose.yaml} says the
 * same.
 */
public final class Images {

  /** PostgreSQL 17, the engine's store. */
  public static final String POSTGRES = "postgres:17.6";
  /**
   * The OpenTelemetry Collector contrib distribution, the same release as the components in the
   * builder manifest ({@code io.durobs.collector.ComponentTypes#CONTRIB_VERSION}).
   */
  public static final String COLLECTOR = "otel/opentelemetry-collector-contrib:0.165.0";
  /** Prometheus 3. */
  public static final String PROMETHEUS = "prom/prometheus:v3.16.0";
  /** Alertmanager. */
  public static final String ALERTMANAGER = "prom/alertmanager:v0.35.0";
  /** Loki 3 (its OTLP endpoint needs Loki 3's default TSDB schema and structured metadata). */
  public static final String LOKI = "grafana/loki:3.7.8";
  /** Grafana 12. */
  public static final String GRAFANA = "grafana/grafana:12.3.1";

  /**
   * Every image of the stack.
   *
   * @return the images, in start-up order
   */
  public static List<String> all() {
    return List.of(POSTGRES, COLLECTOR, PROMETHEUS, ALERTMANAGER, LOKI, GRAFANA);
  }

  private Images() {}
}
