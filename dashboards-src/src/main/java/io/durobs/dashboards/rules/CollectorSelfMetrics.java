package io.durobs.dashboards.rules;

import java.util.List;
import java.util.Map;

/**
 * The OpenTelemetry Collector's own metrics the pipeline alerts read, as its internal telemetry
 * exposes them on the scrape job {@link io.durobs.stack.PrometheusConfig#COLLECTOR_JOB}
 * (collector v0.165: counters without a {@code _total} suffix; labels {@code exporter},
 * {@code receiver}, {@code data_type}). The one place these names are spelled; they are outside
 * the engine's catalogue because the collector, not the engine, emits them.
 */
public final class CollectorSelfMetrics {

  /** Metric points an exporter failed to send (after retries). */
  public static final String SEND_FAILED_METRIC_POINTS = "otelcol_exporter_send_failed_metric_points";
  /** Log records an exporter failed to send (after retries): logs that never reach Loki. */
  public static final String SEND_FAILED_LOG_RECORDS = "otelcol_exporter_send_failed_log_records";
  /** Metric points dropped because the exporter's sending queue was full. */
  public static final String ENQUEUE_FAILED_METRIC_POINTS = "otelcol_exporter_enqueue_failed_metric_points";
  /** Log records dropped because the exporter's sending queue was full. */
  public static final String ENQUEUE_FAILED_LOG_RECORDS = "otelcol_exporter_enqueue_failed_log_records";
  /** Metric points a receiver refused (the memory limiter pushing back). */
  public static final String REFUSED_METRIC_POINTS = "otelcol_receiver_refused_metric_points";
  /** Log records a receiver refused (the memory limiter pushing back). */
  public static final String REFUSED_LOG_RECORDS = "otelcol_receiver_refused_log_records";
  /** Batches waiting in an exporter's sending queue. */
  public static final String QUEUE_SIZE = "otelcol_exporter_queue_size";
  /** The sending queue's capacity. */
  public static final String QUEUE_CAPACITY = "otelcol_exporter_queue_capacity";

  private static final List<String> EXPORTER = List.of("job", "instance", "exporter", "data_type");
  private static final List<String> RECEIVER = List.of("job", "instance", "receiver", "transport");

  private CollectorSelfMetrics() {}

  /** Every series above with the labels rules may use. */
  public static Map<String, List<String>> series() {
    return Map.of(SEND_FAILED_METRIC_POINTS, EXPORTER, SEND_FAILED_LOG_RECORDS, EXPORTER,
        ENQUEUE_FAILED_METRIC_POINTS, EXPORTER, ENQUEUE_FAILED_LOG_RECORDS, EXPORTER,
        REFUSED_METRIC_POINTS, RECEIVER, REFUSED_LOG_RECORDS, RECEIVER,
        QUEUE_SIZE, EXPORTER, QUEUE_CAPACITY, EXPORTER);
  }
}
