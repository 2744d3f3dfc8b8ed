package io.durobs.it.stack;

import io.durobs.it.logs.LogRecord;
import java.util.List;
import java.util.Optional;

/**
 * The observability stack for a validation run, started from the same generated files whichever
 * way it runs ({@link LocalStack}: processes on this machine; {@link ContainerStack}: containers
 * with the pinned images). {@link #start()} returns when every part is ready; {@link #close()}
 * stops everything and removes every temporary file, also after a failed start.
 */
public interface StackLauncher extends AutoCloseable {

  /**
   * Starts every part and waits until each is ready.
   *
   * @throws StackStartException naming the part that failed and what it printed
   */
  void start();

  /** The collector's OTLP/HTTP endpoint for the engine ({@code http://127.0.0.1:4318}). */
  String otlpEndpoint();

  /** Prometheus' base URL, as this machine reaches it. */
  String prometheusUrl();

  /** Alertmanager's base URL, as this machine reaches it. */
  String alertmanagerUrl();

  /** The engine's database. */
  Database database();

  /** The log records that reached the end of the logs pipeline (file exporter or Loki). */
  List<LogRecord> logRecords();

  /** Grafana's base URL when the launcher runs Grafana (containers). */
  default Optional<String> grafanaUrl() {
    return Optional.empty();
  }

  /** The Loki base URL when the launcher runs Loki (containers). */
  default Optional<String> lokiUrl() {
    return Optional.empty();
  }

  /**
   * Takes the collector away (a telemetry outage): Prometheus' scrape of it fails and the engine's
   * exports go nowhere until {@link #resumeCollector()}.
   */
  void interruptCollector();

  /** Brings the collector back after {@link #interruptCollector()}, on the same endpoints, and waits until it is ready. */
  void resumeCollector();

  /**
   * Takes the logs backend away (Loki, or the collector that plays it): the collector's logs
   * exporter fails, its sending queue fills and records are dropped, until
   * {@link #resumeLogsBackend()}. The collector and its metrics pipeline keep running.
   */
  void interruptLogsBackend();

  /** Brings the logs backend back after {@link #interruptLogsBackend()} and waits until it is ready. */
  void resumeLogsBackend();

  /** What each part printed last, for a failure message. */
  String diagnostics();

  /** Stops every part and removes temporary files. Never throws. */
  @Override
  void close();

  /**
   * The engine's database.
   *
   * @param jdbcUrl the JDBC URL
   * @param user the user
   * @param password the password
   */
  record Database(String jdbcUrl, String user, String password) {}
}
