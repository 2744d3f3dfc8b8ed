package io.durobs.workload;

import io.durobs.engine.telemetry.Telemetry;
import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * JUnit helper: the catalogue workload on a fresh test database, with telemetry read in memory
 * (every metric through an {@link InMemoryMetricReader}, every log record through an
 * {@link InMemoryLogRecordExporter}) next to whatever OTLP export the settings configure.
 *
 * <pre>{@code
 * try (WorkloadFixture f = WorkloadFixture.start(Map.of(), b -> b.duration(Duration.ofSeconds(2)))) {
 *   f.workload().run(Phases.catalogue(Duration.ofSeconds(2)));
 *   CatalogueCoverage c = CatalogueCoverage.of(f.metrics().collectAllMetrics());
 * }
 * }</pre>
 */
public final class WorkloadFixture implements AutoCloseable {

  /** Telemetry settings for reading in memory only (no OTLP). */
  public static final Map<String, String> IN_MEMORY_ONLY = Map.of(
      "OTEL_METRICS_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none");

  private final TestDatabase db;
  private final InMemoryMetricReader metrics;
  private final InMemoryLogRecordExporter logs;
  private final Telemetry telemetry;
  private final CatalogueWorkload workload;

  private WorkloadFixture(TestDatabase db, InMemoryMetricReader metrics,
      InMemoryLogRecordExporter logs, Telemetry telemetry, CatalogueWorkload workload) {
    this.db = db;
    this.metrics = metrics;
    this.logs = logs;
    this.telemetry = telemetry;
    this.workload = workload;
  }

  /**
   * Starts a workload on a fresh database with test timings (gauges every 200 ms).
   *
   * @param telemetrySettings {@code OTEL_*} settings ({@link #IN_MEMORY_ONLY} for no export)
   * @param tune adjusts the workload builder
   */
  public static WorkloadFixture start(Map<String, String> telemetrySettings,
      Consumer<CatalogueWorkload.Builder> tune) {
    TestDatabase db = TestPostgres.freshDatabase();
    InMemoryMetricReader metrics = InMemoryMetricReader.create();
    InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
    Telemetry telemetry = Telemetry.builder().settings(telemetrySettings)
        .addMetricReader(metrics)
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
        .build();
    try {
      CatalogueWorkload.Builder b = CatalogueWorkload.builder().databaseUrl(db.jdbcUrl())
          .user(db.user()).password(db.password()).openTelemetry(telemetry.openTelemetry())
          .gaugeRefreshInterval(Duration.ofMillis(200)).duration(Duration.ofSeconds(2));
      tune.accept(b);
      return new WorkloadFixture(db, metrics, logs, telemetry, b.start());
    } catch (RuntimeException e) {
      telemetry.close();
      throw e;
    }
  }

  /** The database the workload runs on (for assertions that read the engine's tables). */
  public TestDatabase db() {
    return db;
  }

  /** Every metric recorded (collect before {@link #close()}: closing removes the gauges). */
  public InMemoryMetricReader metrics() {
    return metrics;
  }

  /** Every log record emitted through the OpenTelemetry appender. */
  public InMemoryLogRecordExporter logs() {
    return logs;
  }

  /** The telemetry the workload's engine reports through. */
  public Telemetry telemetry() {
    return telemetry;
  }

  /** The workload. */
  public CatalogueWorkload workload() {
    return workload;
  }

  @Override
  public void close() {
    try {
      workload.close();
    } finally {
      telemetry.close();
    }
  }
}
