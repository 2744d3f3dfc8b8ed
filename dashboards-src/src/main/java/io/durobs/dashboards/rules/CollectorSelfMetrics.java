package io.durobs.dashboards.rules;

import java.util.List;
import java.util.Map;

/**
 * The OpenTelemetry Collector's own metrics the pipeline alerts and the Telemetry pipeline
 * dashboard read, as its internal telemetry exposes them on the scrape job
 * {@link io.durobs.stack.PrometheusConfig#COLLECTOR_JOB} (collector v0.165 at
 * {@code metrics.level: normal}: counters without a {@code _total} suffix). The one place these
 * names are spelled; they are outside the engine's catalogue because the collector, not the
 * engine, emits them.
 *
 * <p>What a v0.165 collector exposes, observed on its {@code :8888}-style endpoint: the receiver
 * counters (accepted, refused, failed; labels {@code receiver}, {@code transport}) exist at zero
 * from the first request; {@code sent} (label {@code exporter}, plus {@code server_address} etc.
 * for OTLP exporters) from the exporter's first batch; {@code send_failed} and
 * {@code enqueue_failed} only from the first failure; the queue gauges (labels {@code exporter},
 * {@code data_type}) only for exporters with a sending queue (the Loki exporter; not the
 * Prometheus, debug or file exporters).
 */
public final class CollectorSelfMetrics {

  /** Metric points a receiver accepted into the pipeline. */
  public static final String ACCEPTED_METRIC_POINTS = "otelcol_receiver_accepted_metric_points";
  /** Log records a receiver accepted into the pipeline. */
  public static final String ACCEPTED_LOG_RECORDS = "otelcol_receiver_accepted_log_records";
  /** Metric points a receiver failed to take in (bad requests, internal errors). */
  public static final String RECEIVER_FAILED_METRIC_POINTS = "otelcol_receiver_failed_metric_points";
  /** Log records a receiver failed to take in (bad requests, internal errors). */
  public static final String RECEIVER_FAILED_LOG_RECORDS = "otelcol_receiver_failed_log_records";
  /** Metric points an exporter sent successfully. */
  public static final String SENT_METRIC_POINTS = "otelcol_exporter_sent_metric_points";
  /** Log records an exporter sent successfully. */
  public static final String SENT_LOG_RECORDS = "otelcol_exporter_sent_log_records";
  /** Requests an exporter is sending right now (every exporter, labels {@code data_type} too). */
  public static final String IN_FLIGHT_REQUESTS = "otelcol_exporter_in_flight_requests";

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

  /** The exporter counters' labels (v0.165 puts the signal in the name, not in a label). */
  private static final List<String> EXPORTER = List.of("job", "instance", "exporter");
  /** The exporter gauges' labels: per exporter and signal. */
  private static final List<String> EXPORTER_SIGNAL =
      List.of("job", "instance", "exporter", "data_type");
  private static final List<String> RECEIVER = List.of("job", "instance", "receiver", "transport");

  /**
   * One signal's counters through the pipeline, so panels and rules treat metrics and logs alike.
   *
   * @param name the signal as panels name it ({@code metrics}, {@code logs})
   * @param unit what is counted ({@code metric points}, {@code log records})
   * @param accepted taken in by a receiver
   * @param refused refused by a receiver (the memory limiter pushing back)
   * @param receiverFailed failed in a receiver
   * @param sent sent by an exporter
   * @param sendFailed failed to send by an exporter, after retries
   * @param enqueueFailed dropped because an exporter's sending queue was full
   */
  public record Signal(String name, String unit, String accepted, String refused,
      String receiverFailed, String sent, String sendFailed, String enqueueFailed) {}

  /** Metric points. */
  public static final Signal METRICS = new Signal("metrics", "metric points",
      ACCEPTED_METRIC_POINTS, REFUSED_METRIC_POINTS, RECEIVER_FAILED_METRIC_POINTS,
      SENT_METRIC_POINTS, SEND_FAILED_METRIC_POINTS, ENQUEUE_FAILED_METRIC_POINTS);
  /** Log records. */
  public static final Signal LOGS = new Signal("logs", "log records",
      ACCEPTED_LOG_RECORDS, REFUSED_LOG_RECORDS, RECEIVER_FAILED_LOG_RECORDS,
      SENT_LOG_RECORDS, SEND_FAILED_LOG_RECORDS, ENQUEUE_FAILED_LOG_RECORDS);
  /** The signals the engine sends through the collector. */
  public static final List<Signal> SIGNALS = List.of(METRICS, LOGS);

  private CollectorSelfMetrics() {}

  /** Every series above with the labels rules and panels may use. */
  public static Map<String, List<String>> series() {
    Map<String, List<String>> all = new java.util.TreeMap<>();
    for (Signal s : SIGNALS) {
      all.put(s.accepted(), RECEIVER);
      all.put(s.refused(), RECEIVER);
      all.put(s.receiverFailed(), RECEIVER);
      all.put(s.sent(), EXPORTER);
      all.put(s.sendFailed(), EXPORTER);
      all.put(s.enqueueFailed(), EXPORTER);
    }
    all.put(IN_FLIGHT_REQUESTS, EXPORTER_SIGNAL);
    all.put(QUEUE_SIZE, EXPORTER_SIGNAL);
    all.put(QUEUE_CAPACITY, EXPORTER_SIGNAL);
    return java.util.Collections.unmodifiableMap(all);
  }
}
