package io.durobs.collector;

import static io.durobs.toolkit.yaml.Trees.map;

import java.util.List;

/**
 * The stack's collector pipeline, defined once.
 *
 * <p>Both pipelines (metrics and logs) receive OTLP over gRPC and HTTP and run
 * {@code memory_limiter} first (so that refusals reach the sender, which retries), then
 * {@code resource}, then {@code batch} last (batching after anything that drops data). Metrics go
 * to the Prometheus exporter, logs to Loki's OTLP endpoint, both also to {@code debug} (one line
 * per batch). {@link #local} swaps Loki for the {@code file} exporter, for machines where no Loki
 * runs.
 *
 * <p>What the dashboards depend on is pinned here rather than left to collector defaults that have
 * changed before: the Prometheus exporter's {@code translation_strategy} is
 * {@code UnderscoreEscapingWithSuffixes} (dots to underscores, unit suffixes, {@code _total} on
 * counters; the metric catalogue computes the same names), and resource attributes are not copied
 * onto every series (the exporter's default): {@code job} and {@code instance} come from
 * {@code service.name} and {@code service.instance.id}, everything else lands on
 * {@code target_info}. The resource processor only upserts the deployment environment; it never
 * touches {@code service.*}, which those labels are made from.
 */
public final class CollectorPipeline {

  /** Environment variable naming the deployment environment (resource attribute). */
  public static final String ENVIRONMENT_ENV = "DUROBS_DEPLOYMENT_ENVIRONMENT";
  /** The deployment environment when {@link #ENVIRONMENT_ENV} is unset. */
  public static final String DEFAULT_ENVIRONMENT = "local";
  /** The resource attribute the environment is written to (OpenTelemetry semantic conventions). */
  public static final String ENVIRONMENT_ATTRIBUTE = "deployment.environment.name";
  /**
   * Environment variable naming the file the local overlay's {@code file} exporter writes log
   * records to (relative paths are relative to the collector's working directory).
   */
  public static final String LOG_RECORDS_FILE_ENV = "DUROBS_COLLECTOR_LOG_RECORDS";
  /** The log records file when {@link #LOG_RECORDS_FILE_ENV} is unset. */
  public static final String DEFAULT_LOG_RECORDS_FILE = "durobs-log-records.jsonl";
  /** How long the Prometheus exporter keeps serving a series that receives no new data. */
  public static final String METRIC_EXPIRATION = "5m";
  /** The Prometheus exporter's name translation; see the class comment. */
  public static final String TRANSLATION_STRATEGY = "UnderscoreEscapingWithSuffixes";
  /** Loki's OTLP path; the exporter appends {@code /v1/logs}. */
  public static final String LOKI_OTLP_PATH = "/otlp";

  private CollectorPipeline() {}

  /**
   * The production pipeline ({@code generated/collector/config.yaml}).
   *
   * @param endpoints where the collector listens and where Loki is
   * @return the configuration
   */
  public static CollectorConfig production(CollectorEndpoints endpoints) {
    Component otlp = Component.of(ComponentTypes.OTLP_RECEIVER, map(
        "protocols", map(
            "grpc", map("endpoint", endpoints.listen(endpoints.otlpGrpc())),
            "http", map("endpoint", endpoints.listen(endpoints.otlpHttp())))));
    List<Component> processors = List.of(memoryLimiter(), resource(), batch());
    Component prometheus = Component.of(ComponentTypes.PROMETHEUS_EXPORTER, map(
        "endpoint", endpoints.listen(endpoints.metrics()),
        "translation_strategy", TRANSLATION_STRATEGY,
        "metric_expiration", METRIC_EXPIRATION,
        "send_timestamps", false,
        "enable_open_metrics", false));
    Component loki = Component.named(ComponentTypes.OTLP_HTTP_EXPORTER, "loki", map(
        "endpoint", endpoints.loki().http(LOKI_OTLP_PATH).toString()));
    Component debug = debug();
    Component healthCheck = Component.of(ComponentTypes.HEALTH_CHECK, map(
        "endpoint", endpoints.listen(endpoints.healthCheck()),
        "path", "/"));
    return CollectorConfig.builder()
        .extension(healthCheck)
        .telemetry(map(
            "logs", map("level", "info"),
            "metrics", map(
                "level", "normal",
                "readers", List.of(map("pull", map("exporter", map("prometheus", map(
                    "host", endpoints.listenHost(),
                    "port", endpoints.telemetry().port()))))))))
        .pipeline(Pipeline.of(Signal.METRICS, List.of(otlp), processors, List.of(prometheus, debug)))
        .pipeline(Pipeline.of(Signal.LOGS, List.of(otlp), processors, List.of(loki, debug)))
        .build();
  }

  /**
   * The local variant: as {@link #production}, but logs go to the {@code file} exporter (OTLP
   * JSON, one line per batch, in the file named by {@link #LOG_RECORDS_FILE_ENV}) instead of Loki.
   * {@code generated/collector/config.local.yaml} holds the difference, to pass as a second
   * {@code --config}.
   *
   * @param endpoints as for {@link #production}
   * @return the configuration the merge produces (without the unused Loki exporter)
   */
  public static CollectorConfig local(CollectorEndpoints endpoints) {
    CollectorConfig production = production(endpoints);
    Pipeline logs = production.pipeline(Signal.LOGS.key()).orElseThrow();
    Component file = Component.of(ComponentTypes.FILE_EXPORTER, map(
        "path", "${env:" + LOG_RECORDS_FILE_ENV + ":-" + DEFAULT_LOG_RECORDS_FILE + "}",
        "format", "json",
        "flush_interval", "1s"));
    return production.withPipeline(logs.withExporters(List.of(file, debug())));
  }

  private static Component memoryLimiter() {
    // Percentages follow the container's memory limit (cgroup) or the machine's memory.
    return Component.of(ComponentTypes.MEMORY_LIMITER, map(
        "check_interval", "1s",
        "limit_percentage", 80,
        "spike_limit_percentage", 20));
  }

  private static Component resource() {
    return Component.of(ComponentTypes.RESOURCE, map(
        "attributes", List.of(map(
            "key", ENVIRONMENT_ATTRIBUTE,
            "value", "${env:" + ENVIRONMENT_ENV + ":-" + DEFAULT_ENVIRONMENT + "}",
            "action", "upsert"))));
  }

  private static Component batch() {
    // A short timeout keeps log records reaching Loki (and the harness) within seconds.
    return Component.of(ComponentTypes.BATCH, map(
        "timeout", "1s",
        "send_batch_size", 1024,
        "send_batch_max_size", 2048));
  }

  private static Component debug() {
    return Component.of(ComponentTypes.DEBUG_EXPORTER, map("verbosity", "basic"));
  }
}
