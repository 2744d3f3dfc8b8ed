package io.durobs.stack;

import static io.durobs.toolkit.yaml.Trees.map;

import java.util.List;
import java.util.Map;

/**
 * The Prometheus configuration ({@code generated/prometheus/prometheus.yml}).
 *
 * <p>Prometheus scrapes the collector's Prometheus exporter with {@code honor_labels: true}, so the
 * {@code job} and {@code instance} labels the exporter derives from {@code service.name} and
 * {@code service.instance.id} are kept (without it they would be renamed {@code exported_job} and
 * {@code exported_instance} and every series would carry the scrape job instead). It also scrapes
 * the collector's own metrics, loads the alert and recording rules from {@code rules/*.yaml} next
 * to the configuration file, and sends alerts to Alertmanager.
 */
public final class PrometheusConfig {

  /**
   * Scrape and rule-evaluation interval. Apps export every 15 s; scraping three times as often
   * picks a new export up within 5 s, which keeps alert latency in the harness short.
   */
  public static final String INTERVAL = "5s";
  /** The scrape job of the collector's Prometheus exporter (the job of its {@code up} series). */
  public static final String EXPORTER_JOB = "otelcol-exporter";
  /** The scrape job of the collector's own metrics. */
  public static final String COLLECTOR_JOB = "otelcol";
  /** The rule files, relative to the configuration file. */
  public static final String RULE_FILES = "rules/*.yaml";

  private PrometheusConfig() {}

  /**
   * The configuration as an ordered tree.
   *
   * @param endpoints where the collector and Alertmanager are
   * @return a new tree
   */
  public static Map<String, Object> tree(StackEndpoints endpoints) {
    return map(
        "global", map(
            "scrape_interval", INTERVAL,
            "scrape_timeout", INTERVAL,
            "evaluation_interval", INTERVAL),
        "rule_files", List.of(RULE_FILES),
        "alerting", map(
            "alertmanagers", List.of(map(
                "static_configs", List.of(map("targets", List.of(endpoints.alertmanager().hostPort())))))),
        "scrape_configs", List.of(
            map(
                "job_name", EXPORTER_JOB,
                "honor_labels", true,
                "static_configs", List.of(map("targets", List.of(endpoints.collectorMetrics().hostPort())))),
            map(
                "job_name", COLLECTOR_JOB,
                "static_configs", List.of(map("targets", List.of(endpoints.collectorTelemetry().hostPort()))))));
  }
}
