package io.durobs.collector;

import static io.durobs.toolkit.yaml.Trees.map;

import java.util.List;

/**
 * The stack's collector pipeline, defined once.
 *
 * <p>Both pipelines (metrics and logs) receive OTLP over gRPC and HTTP and run
 * {@code memory_limiter} first (so that refusals reach the sender, which retries), then
 * {@code resource}, then {@code batch} last (batching after anything that drops data). Metrics go
 * to the Prometheus exporter, logs to Loki's OTLP endpoint; no {@code debug} exporter in
 * production (it would write every batch to the collector's own log). {@link #local} swaps Loki
 * for the {@code file} exporter (rotated), for machines where no Loki runs, and keeps a
 * {@code debug} line per log batch there (in the collector's output, which the local launchers capture).
 *
 * <p>The {@code memory_limiter} is sized in MiB from the container's memory limit
 * ({@link #DEFAULT_MEMORY_LIMIT_MIB}, the limit the Compose file and the Kubernetes Deployment
 * give the collector): {@code limit_mib} 80 % of it, {@code spike_limit_mib} 20 % of that. A
 * percentage would only mean something under a cgroup limit, and silently the whole machine's
 * memory for a local process.
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
  /**
   * The collector container's memory limit in MiB, which the {@code memory_limiter} is sized
   * from; the Compose file and the Kubernetes Deployment set this limit.
   */
  public static final int DEFAULT_MEMORY_LIMIT_MIB = 512;
  /** The local {@code file} exporter's rotation: a new file after this many MiB. */
  public static final int LOG_RECORDS_ROTATE_MIB = 64;
  /** The local {@code file} exporter's rotation: rotated files kept. */
  public static final int LOG_RECORDS_BACKUPS = 3;
  /** Loki's OTLP path; the exporter appends {@code /v1/logs}. */
  public static final String LOKI_OTLP_PATH = "/otlp";

  private CollectorPipeline() {}

  /**
   * The production pipeline ({@code generated/collector/config.yaml}), sized for a container
   * limited to {@link #DEFAULT_MEMORY_LIMIT_MIB}.
   *
   * @param endpoints where the collector listens and where Loki is
   * @return the configuration
   */
  public static CollectorConfig production(CollectorEndpoints endpoints) {
    return production(endpoints, DEFAULT_MEMORY_LIMIT_MIB);
  }

  /**
   * The production pipeline for a container with another memory limit (a Kubernetes overlay
   * giving the collector more memory renders its configuration with this).
   *
   * @param endpoints where the collector listens and where Loki is
   * @param memoryLimitMib the container's memory limit in MiB
   * @return the configuration
   * @throws IllegalArgumentException if the limit is below 64 MiB
   */
  public static CollectorConfig production(CollectorEndpoints endpoints, int memoryLimitMib) {
    Component otlp = Component.of(ComponentTypes.OTLP_RECEIVER, map(
        "protocols", map(
            "grpc", map("endpoint", endpoints.listen(endpoints.otlpGrpc())),
            "http", map("endpoint", endpoints.listen(endpoints.otlpHttp())))));
    List<Component> processors = List.of(memoryLimiter(memoryLimitMib), resource(), batch());
    Component prometheus = Component.of(ComponentTypes.PROMETHEUS_EXPORTER, map(
        "endpoint", endpoints.listen(endpoints.metrics()),
        "translation_strategy", TRANSLATION_STRATEGY,
        "metric_expiration", METRIC_EXPIRATION,
        "send_timestamps", false,
        "enable_open_metrics", false));
    Component loki = Component.named(ComponentTypes.OTLP_HTTP_EXPORTER, "loki", map(
        "endpoint", endpoints.loki().http(LOKI_OTLP_PATH).toString()));
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
        .pipeline(Pipeline.of(Signal.METRICS, List.of(otlp), processors, List.of(prometheus)))
        .pipeline(Pipeline.of(Signal.LOGS, List.of(otlp), processors, List.of(loki)))
        .build();
  }

  /**
   * The local variant: as {@link #production}, but logs go to the {@code file} exporter (OTLP
   * JSON, one line per batch, in the file named by {@link #LOG_RECORDS_FILE_ENV}, rotated after
   * {@link #LOG_RECORDS_ROTATE_MIB} MiB keeping {@link #LOG_RECORDS_BACKUPS} files) and to
   * {@code debug} instead of Loki.
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
        "flush_interval", "1s",
        "rotation", map(
            "max_megabytes", LOG_RECORDS_ROTATE_MIB,
            "max_backups", LOG_RECORDS_BACKUPS)));
    return production.withPipeline(logs.withExporters(List.of(file, debug())));
  }

  private static Component memoryLimiter(int containerLimitMib) {
    if (containerLimitMib < 64) {
      throw new IllegalArgumentException("collector memory limit " + containerLimitMib + " MiB is below 64 MiB");
    }
    // Soft limit = limit_mib - spike_limit_mib: the limiter refuses data from there on, and forces
    // a GC at limit_mib, which stays 20 % under the container's limit (Go's own overhead).
    int limit = containerLimitMib * 4 / 5;
    return Component.of(ComponentTypes.MEMORY_LIMITER, map(
        "check_interval", "1s",
        "limit_mib", limit,
        "spike_limit_mib", limit / 5));
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
