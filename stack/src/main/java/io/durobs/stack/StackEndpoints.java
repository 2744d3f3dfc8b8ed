package io.durobs.stack;

import io.durobs.collector.CollectorEndpoints;
import io.durobs.collector.CollectorPipeline;
import io.durobs.collector.Endpoint;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where every service of the stack listens and is reached: the only thing that differs between
 * the files rendered for {@code generated/} (Compose and Testcontainers, {@link #defaults()}) and
 * those the local-process harness renders for free ports on the loopback address
 * ({@link #builder()}).
 *
 * @param listenHost the address servers bind to: {@code 0.0.0.0} in containers (other containers
 *     and published ports must reach them), {@code 127.0.0.1} for local processes
 * @param otlpGrpc the collector's OTLP/gRPC receiver (default port 4317)
 * @param otlpHttp the collector's OTLP/HTTP receiver (4318)
 * @param collectorMetrics the collector's Prometheus exporter, the engine's metrics (8889)
 * @param collectorTelemetry the collector's own metrics (8888)
 * @param healthCheck the collector's health_check extension (13133)
 * @param prometheus Prometheus (9090)
 * @param alertmanager Alertmanager (9093)
 * @param loki Loki (3100); its OTLP endpoint is {@code /otlp}
 * @param grafana Grafana (3000)
 * @param postgres PostgreSQL (5432)
 * @param alertWebhook where Alertmanager posts notifications; in {@code generated/} a placeholder
 *     to replace with a real receiver, the harness points it at its own
 */
public record StackEndpoints(String listenHost, Endpoint otlpGrpc, Endpoint otlpHttp, Endpoint collectorMetrics,
    Endpoint collectorTelemetry, Endpoint healthCheck, Endpoint prometheus, Endpoint alertmanager, Endpoint loki,
    Endpoint grafana, Endpoint postgres, URI alertWebhook) {

  /** Default OTLP/gRPC port. */
  public static final int OTLP_GRPC_PORT = 4317;
  /** Default OTLP/HTTP port. */
  public static final int OTLP_HTTP_PORT = 4318;
  /** Default port of the collector's Prometheus exporter. */
  public static final int COLLECTOR_METRICS_PORT = 8889;
  /** Default port of the collector's own metrics. */
  public static final int COLLECTOR_TELEMETRY_PORT = 8888;
  /** Default port of the health_check extension. */
  public static final int HEALTH_CHECK_PORT = 13133;
  /** Default Prometheus port. */
  public static final int PROMETHEUS_PORT = 9090;
  /** Default Alertmanager port. */
  public static final int ALERTMANAGER_PORT = 9093;
  /** Default Loki port. */
  public static final int LOKI_PORT = 3100;
  /** Default Grafana port. */
  public static final int GRAFANA_PORT = 3000;
  /** Default PostgreSQL port. */
  public static final int POSTGRES_PORT = 5432;
  /** The Compose service names, which are also the host names containers reach each other by. */
  public static final String COLLECTOR_HOST = "collector";
  /** Compose service / host name of Prometheus. */
  public static final String PROMETHEUS_HOST = "prometheus";
  /** Compose service / host name of Alertmanager. */
  public static final String ALERTMANAGER_HOST = "alertmanager";
  /** Compose service / host name of Loki. */
  public static final String LOKI_HOST = "loki";
  /** Compose service / host name of Grafana. */
  public static final String GRAFANA_HOST = "grafana";
  /** Compose service / host name of PostgreSQL. */
  public static final String POSTGRES_HOST = "postgres";
  /**
   * The placeholder webhook in {@code generated/alertmanager/alertmanager.yml}: nothing listens
   * there, so notifications fail (and Alertmanager logs it) until it is replaced.
   */
  public static final URI PLACEHOLDER_WEBHOOK = URI.create("http://alert-webhook.invalid:5001/alerts");

  private static final Pattern LISTEN_HOST = Pattern.compile("[0-9.]+|[A-Za-z0-9.-]+");

  /**
   * Validates the endpoints.
   *
   * @throws IllegalArgumentException if the listen host is blank, the webhook is not an absolute
   *     http(s) URL, or two endpoints on the same host share a port (naming both)
   */
  public StackEndpoints {
    Objects.requireNonNull(listenHost, "listenHost");
    if (!LISTEN_HOST.matcher(listenHost).matches()) {
      throw new IllegalArgumentException("listen host '" + listenHost + "' is not an address or host name");
    }
    Objects.requireNonNull(alertWebhook, "alertWebhook");
    if (!alertWebhook.isAbsolute() || !("http".equals(alertWebhook.getScheme()) || "https".equals(alertWebhook.getScheme()))
        || alertWebhook.getHost() == null) {
      throw new IllegalArgumentException("alert webhook '" + alertWebhook + "' is not an absolute http(s) URL");
    }
    Map<String, String> seen = new LinkedHashMap<>();
    Map<String, Endpoint> all = new LinkedHashMap<>();
    all.put("otlpGrpc", otlpGrpc);
    all.put("otlpHttp", otlpHttp);
    all.put("collectorMetrics", collectorMetrics);
    all.put("collectorTelemetry", collectorTelemetry);
    all.put("healthCheck", healthCheck);
    all.put("prometheus", prometheus);
    all.put("alertmanager", alertmanager);
    all.put("loki", loki);
    all.put("grafana", grafana);
    all.put("postgres", postgres);
    all.forEach((name, endpoint) -> {
      Objects.requireNonNull(endpoint, name);
      String other = seen.putIfAbsent(endpoint.hostPort(), name);
      if (other != null) {
        throw new IllegalArgumentException("endpoints " + other + " and " + name + " both use " + endpoint.hostPort());
      }
    });
  }

  /**
   * The endpoints of {@code generated/}: Compose service names as hosts, default ports, servers
   * listening on all interfaces, the placeholder webhook.
   *
   * @return the defaults
   */
  public static StackEndpoints defaults() {
    return new StackEndpoints("0.0.0.0",
        new Endpoint(COLLECTOR_HOST, OTLP_GRPC_PORT),
        new Endpoint(COLLECTOR_HOST, OTLP_HTTP_PORT),
        new Endpoint(COLLECTOR_HOST, COLLECTOR_METRICS_PORT),
        new Endpoint(COLLECTOR_HOST, COLLECTOR_TELEMETRY_PORT),
        new Endpoint(COLLECTOR_HOST, HEALTH_CHECK_PORT),
        new Endpoint(PROMETHEUS_HOST, PROMETHEUS_PORT),
        new Endpoint(ALERTMANAGER_HOST, ALERTMANAGER_PORT),
        new Endpoint(LOKI_HOST, LOKI_PORT),
        new Endpoint(GRAFANA_HOST, GRAFANA_PORT),
        new Endpoint(POSTGRES_HOST, POSTGRES_PORT),
        PLACEHOLDER_WEBHOOK);
  }

  /**
   * A builder starting from {@link #defaults()}, e.g. for the local harness:
   * {@code StackEndpoints.builder().allOn("127.0.0.1").otlpHttpPort(p1)...alertWebhook(uri).build()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /**
   * A builder starting from these endpoints.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
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

  /**
   * The collector's part of these endpoints, for {@link io.durobs.collector.CollectorPipeline}.
   *
   * @return where the collector listens and where its Loki is
   */
  public CollectorEndpoints collector() {
    return new CollectorEndpoints(listenHost, otlpGrpc, otlpHttp, collectorMetrics,
        collectorTelemetry, healthCheck, loki);
  }

  /** Changes endpoints one at a time; {@link #build()} validates the result. */
  public static final class Builder {
    private String listenHost;
    private Endpoint otlpGrpc;
    private Endpoint otlpHttp;
    private Endpoint collectorMetrics;
    private Endpoint collectorTelemetry;
    private Endpoint healthCheck;
    private Endpoint prometheus;
    private Endpoint alertmanager;
    private Endpoint loki;
    private Endpoint grafana;
    private Endpoint postgres;
    private URI alertWebhook;

    private Builder(StackEndpoints from) {
      listenHost = from.listenHost;
      otlpGrpc = from.otlpGrpc;
      otlpHttp = from.otlpHttp;
      collectorMetrics = from.collectorMetrics;
      collectorTelemetry = from.collectorTelemetry;
      healthCheck = from.healthCheck;
      prometheus = from.prometheus;
      alertmanager = from.alertmanager;
      loki = from.loki;
      grafana = from.grafana;
      postgres = from.postgres;
      alertWebhook = from.alertWebhook;
    }

    /**
     * Puts every service on one host, listening on that address only (the local harness uses
     * {@code 127.0.0.1}).
     *
     * @param host the host name or address
     * @return this builder
     */
    public Builder allOn(String host) {
      listenHost = host;
      otlpGrpc = otlpGrpc.withHost(host);
      otlpHttp = otlpHttp.withHost(host);
      collectorMetrics = collectorMetrics.withHost(host);
      collectorTelemetry = collectorTelemetry.withHost(host);
      healthCheck = healthCheck.withHost(host);
      prometheus = prometheus.withHost(host);
      alertmanager = alertmanager.withHost(host);
      loki = loki.withHost(host);
      grafana = grafana.withHost(host);
      postgres = postgres.withHost(host);
      return this;
    }

    /**
     * Sets the address servers bind to.
     *
     * @param host e.g. {@code 0.0.0.0}
     * @return this builder
     */
    public Builder listenHost(String host) {
      listenHost = host;
      return this;
    }

    /**
     * Sets the OTLP/gRPC port.
     *
     * @param port the port
     * @return this builder
     */
    public Builder otlpGrpcPort(int port) {
      otlpGrpc = otlpGrpc.withPort(port);
      return this;
    }

    /**
     * Sets the OTLP/HTTP port.
     *
     * @param port the port
     * @return this builder
     */
    public Builder otlpHttpPort(int port) {
      otlpHttp = otlpHttp.withPort(port);
      return this;
    }

    /**
     * Sets the port of the collector's Prometheus exporter.
     *
     * @param port the port
     * @return this builder
     */
    public Builder collectorMetricsPort(int port) {
      collectorMetrics = collectorMetrics.withPort(port);
      return this;
    }

    /**
     * Sets the port of the collector's own metrics.
     *
     * @param port the port
     * @return this builder
     */
    public Builder collectorTelemetryPort(int port) {
      collectorTelemetry = collectorTelemetry.withPort(port);
      return this;
    }

    /**
     * Sets the health_check port.
     *
     * @param port the port
     * @return this builder
     */
    public Builder healthCheckPort(int port) {
      healthCheck = healthCheck.withPort(port);
      return this;
    }

    /**
     * Sets the Prometheus port.
     *
     * @param port the port
     * @return this builder
     */
    public Builder prometheusPort(int port) {
      prometheus = prometheus.withPort(port);
      return this;
    }

    /**
     * Sets the Alertmanager port.
     *
     * @param port the port
     * @return this builder
     */
    public Builder alertmanagerPort(int port) {
      alertmanager = alertmanager.withPort(port);
      return this;
    }

    /**
     * Sets the Loki port.
     *
     * @param port the port
     * @return this builder
     */
    public Builder lokiPort(int port) {
      loki = loki.withPort(port);
      return this;
    }

    /**
     * Sets the Grafana port.
     *
     * @param port the port
     * @return this builder
     */
    public Builder grafanaPort(int port) {
      grafana = grafana.withPort(port);
      return this;
    }

    /**
     * Sets the PostgreSQL port.
     *
     * @param port the port
     * @return this builder
     */
    public Builder postgresPort(int port) {
      postgres = postgres.withPort(port);
      return this;
    }

    /**
     * Sets where Alertmanager posts notifications.
     *
     * @param url an absolute http(s) URL
     * @return this builder
     */
    public Builder alertWebhook(URI url) {
      alertWebhook = url;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the endpoints
     * @throws IllegalArgumentException as the record's constructor
     */
    public StackEndpoints build() {
      return new StackEndpoints(listenHost, otlpGrpc, otlpHttp, collectorMetrics, collectorTelemetry, healthCheck,
          prometheus, alertmanager, loki, grafana, postgres, alertWebhook);
    }
  }
}
