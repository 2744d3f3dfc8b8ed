package io.durobs.it.stack;

import static io.durobs.toolkit.yaml.Trees.map;

import io.durobs.collector.CollectorConfig;
import io.durobs.collector.CollectorPipeline;
import io.durobs.collector.Pipeline;
import io.durobs.collector.Signal;
import io.durobs.stack.StackEndpoints;
import io.durobs.toolkit.yaml.YamlText;
import java.util.ArrayList;
import java.util.List;

/**
 * What the harness merges over the collector files {@code StackFiles} renders, so that the
 * seed's real outage (logs that stop reaching Loki) shows within a run of minutes. Neither file
 * is in {@code generated/}: the production configuration keeps the exporter's defaults.
 *
 * <ul>
 *   <li>{@link #overlay}: the production logs exporter ({@code otlp_http/loki}, sending to the
 *       rendered Loki endpoint) with its sending queue and retries at the harness's time scale,
 *       and in the logs pipeline of the given configuration if it is not there already (the
 *       local launcher keeps its file exporter beside it: the harness reads the records there,
 *       whether Loki's stand-in is up or not).</li>
 *   <li>{@link #logsBackendOverlay}: for a second collector that plays Loki's OTLP endpoint (the
 *       rendered configuration and local overlay, on ports of its own): its OTLP/HTTP receiver
 *       takes logs on Loki's path, {@value CollectorPipeline#LOKI_OTLP_PATH}{@code /v1/logs}.</li>
 * </ul>
 */
final class HarnessCollector {

  /** The overlay's file name, beside the configuration it goes over. */
  static final String FILE_NAME = "config.harness.yaml";

  /**
   * The sending queue's capacity in batches. Production keeps the default (1000 batches, which
   * at a batch a second fill in a quarter of an hour); the harness' queue fills within seconds.
   */
  static final int SENDING_QUEUE_BATCHES = 5;
  /**
   * How long a batch is retried before it counts as failed: production's default of 5 minutes at
   * the harness's time scale ({@link HarnessRules#TIMING}: an hour becomes a minute).
   */
  static final String RETRY_ELAPSED = "5s";

  private static final List<String> HEADER = List.of(
      "Rendered by io.durobs.it.stack.HarnessCollector for one validation run; not in generated/.");

  /** The production logs pipeline: its receiver takes OTLP, its exporter sends to Loki. */
  private static final Pipeline PRODUCTION_LOGS = CollectorPipeline.production(
      StackEndpoints.defaults().collector()).pipeline(Signal.LOGS.key()).orElseThrow();

  /** The id of the production exporter that sends logs to Loki. */
  static final String LOKI_EXPORTER = PRODUCTION_LOGS.exporters().get(0).id();

  private HarnessCollector() {}

  /**
   * The overlay merged last over {@code base} (the configuration the launcher runs).
   *
   * @param base the merged configuration the overlay goes over
   * @return the overlay's YAML
   */
  static String overlay(CollectorConfig base) {
    String loki = LOKI_EXPORTER;
    List<String> exporters = new ArrayList<>();
    base.pipeline(Signal.LOGS.key()).orElseThrow().exporters().forEach(e -> exporters.add(e.id()));
    if (!exporters.contains(loki)) {
      exporters.add(loki);
    }
    return YamlText.render(HEADER, map(
        "exporters", map(loki, map(
            // one consumer: batches wait in the queue while one is retried, as with a slow Loki
            "sending_queue", map("num_consumers", 1, "queue_size", SENDING_QUEUE_BATCHES),
            "retry_on_failure", map("initial_interval", "1s", "max_interval", "1s",
                "max_elapsed_time", RETRY_ELAPSED))),
        "service", map("pipelines", map(Signal.LOGS.key(), map("exporters", exporters)))));
  }

  /** The overlay of the collector that plays Loki's OTLP endpoint. */
  static String logsBackendOverlay() {
    String otlp = PRODUCTION_LOGS.receivers().get(0).id();
    return YamlText.render(HEADER, map("receivers", map(otlp, map("protocols", map("http", map(
        "logs_url_path", CollectorPipeline.LOKI_OTLP_PATH + "/v1/logs"))))));
  }
}
