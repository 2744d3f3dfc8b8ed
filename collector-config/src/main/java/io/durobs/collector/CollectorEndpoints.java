package io.durobs.collector;

import java.util.Objects;

/**
 * Where the collector listens, and the Loki it sends logs to: the part of a stack's endpoints the
 * pipeline needs (a whole stack's endpoints provide it, so the ports are written once there).
 *
 * @param listenHost the address the collector's servers bind to
 * @param otlpGrpc the OTLP/gRPC receiver
 * @param otlpHttp the OTLP/HTTP receiver
 * @param metrics the Prometheus exporter serving the received metrics
 * @param telemetry the collector's own metrics
 * @param healthCheck the health_check extension
 * @param loki Loki, whose OTLP endpoint receives the logs
 */
public record CollectorEndpoints(String listenHost, Endpoint otlpGrpc, Endpoint otlpHttp,
    Endpoint metrics, Endpoint telemetry, Endpoint healthCheck, Endpoint loki) {

  /** Checks that nothing is null. */
  public CollectorEndpoints {
    Objects.requireNonNull(listenHost, "listenHost");
    Objects.requireNonNull(otlpGrpc, "otlpGrpc");
    Objects.requireNonNull(otlpHttp, "otlpHttp");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(telemetry, "telemetry");
    Objects.requireNonNull(healthCheck, "healthCheck");
    Objects.requireNonNull(loki, "loki");
  }

  /**
   * The address a server binds to for one of these endpoints' ports.
   *
   * @param endpoint one of this record's endpoints
   * @return {@code listenHost:port}
   */
  public String listen(Endpoint endpoint) {
    return listenHost + ":" + endpoint.port();
  }
}
