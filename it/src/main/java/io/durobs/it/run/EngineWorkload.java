package io.durobs.it.run;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.rules.AlertRule;
import io.durobs.dashboards.rules.EngineRules;
import io.durobs.engine.telemetry.Telemetry;
import io.durobs.it.stack.StackLauncher;
import io.durobs.stack.PrometheusConfig;
import io.durobs.workload.CatalogueWorkload;
import io.durobs.workload.Phase;
import io.durobs.workload.Phases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The engine's {@link CatalogueWorkload} as the validation run's {@link Workload}: engines in this
 * JVM, each exporting metrics through its own {@link Telemetry} (configured with the standard
 * {@code OTEL_*} settings, a one-second export interval so data arrives within seconds) over
 * OTLP/HTTP to the stack's collector, each on its own schema of the stack's database. The healthy
 * engine reports under the settings' {@code service.name} (default {@value Telemetry#DEFAULT_SERVICE_NAME});
 * the catalogue's under {@value #CATALOGUE_JOB}; each scenario's under
 * {@value #SCENARIO_JOB_PREFIX}{@code <scenario>}. Log records leave through one SDK only, the
 * healthy engine's (the logback appender is process-wide), so every engine's records go out
 * under the healthy engine's job; metrics are each engine's own.
 *
 * <p>Each alert rule of {@link EngineRules} has a scenario here: a workload phase of the same name
 * that produces the fault for real (failing code, unregistered code, crashing work, store errors
 * with genuine SQLSTATEs, a locked database, slow activities and turns, a saturated worker queue,
 * wedged dispatching), or, for the telemetry alerts, the collector taken away (global: it hits
 * every job) or the logs backend taken away (the collector's own alerts, for its job, at the
 * same time as the engines' scenarios: no engine alert depends on the logs, and the harness
 * reads the log records from the collector's file exporter, not from the backend).
 */
public final class EngineWorkload implements Workload {

  /** The scenario that interrupts the collector instead of running a workload phase. */
  public static final String COLLECTOR_DOWN = "collector-down";
  /**
   * The scenario that takes the logs backend away (logs stop reaching Loki): it has no engine
   * of its own, its alerts are the collector's ({@value PrometheusConfig#COLLECTOR_JOB}).
   */
  public static final String LOGS_BACKEND_DOWN = "logs-backend-down";
  /** The {@code service.name} of the engine that goes through the catalogue. */
  public static final String CATALOGUE_JOB = "durobs-catalogue";
  /** The {@code service.name} of a scenario's engine: this prefix and the scenario's name. */
  public static final String SCENARIO_JOB_PREFIX = "durobs-scenario-";

  private static final Duration LONGEST_PHASE = Duration.ofMinutes(10);
  /**
   * The pause between two batches of an engine, healthy or in a fault scenario: eleven engines
   * share two cores, and a closed loop on each would starve the PostgreSQL they share (store
   * latency is an alert; the four closed loops of the failure, store error, poison and
   * configuration error scenarios set off DuroxideStoreLatencyHigh on refresh_gauges of whichever
   * engine the machine starved, for a loaded machine's few seconds scaled to the alert's minutes).
   */
  private static final Duration LOAD_PAUSE = Duration.ofMillis(250);

  private final Map<String, String> telemetrySettings;
  private final Map<String, Engine> engines = new LinkedHashMap<>();
  private Engine healthy;
  private Engine catalogue;
  private StackLauncher stack;

  private EngineWorkload(Map<String, String> telemetrySettings) {
    this.telemetrySettings = Map.copyOf(telemetrySettings);
  }

  /** The workload with the default telemetry settings (OTLP/HTTP, export every second). */
  public static EngineWorkload create() {
    return create(Map.of());
  }

  /**
   * The workload with extra OpenTelemetry settings ({@code OTEL_*} names or {@code otel.*}
   * properties) over the defaults; they apply to every engine but for {@code service.name},
   * which names the healthy engine only.
   */
  public static EngineWorkload create(Map<String, String> telemetrySettings) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("otel.exporter.otlp.protocol", "http/protobuf");
    s.put("otel.metric.export.interval", "1000");
    s.put("otel.blrp.schedule.delay", "500");
    s.putAll(telemetrySettings);
    return new EngineWorkload(s);
  }

  /**
   * The alerts no fault scenario drives, each with the reason: none, every alert has its
   * scenario (kept so that an alert added without one is reported apart with its reason).
   */
  @Override
  public Map<String, String> alertsNotDrivenLive() {
    return notDrivenLive();
  }

  static Map<String, String> notDrivenLive() {
    return Map.of();
  }

  /** The fault scenarios and the alerts each must fire, in the order the run reports them. */
  static List<Scenario> catalogueScenarios() {
    EngineRules rules = EngineRules.of(ContentConfig.defaults());
    List<String> failureAlerts = new ArrayList<>(names(rules.orchestrationFailureRate()));
    rules.burns().forEach(a -> failureAlerts.add(a.name()));
    return List.of(
        new Scenario("failures", failureAlerts, List.of()),
        // failed executions count against the failure ratio and the error budget
        new Scenario("config-errors", names(rules.configurationErrors(),
            rules.activityConfigurationErrors()), failureAlerts),
        new Scenario("poison", names(rules.orchestrationPoisoned(), rules.activityPoisoned()),
            failureAlerts),
        new Scenario("store-errors", names(rules.storeErrors(),
            rules.orchestrationInfrastructureErrors(),
            rules.activityInfrastructureErrors()), failureAlerts),
        new Scenario("store-latency", names(rules.storeLatency()), List.of()),
        // activities over a minute on every worker slot: the queue backs up behind them
        new Scenario("slow-activities", names(rules.workerBacklog(), rules.activitySlow()),
            names(rules.queueWait())),
        new Scenario("orchestrator-backlog", names(rules.orchestratorBacklog()),
            names(rules.queueWait())),
        // a backlog that keeps more than a minute of work waiting holds more than 100 messages
        new Scenario("queue-wait", names(rules.queueWait()), names(rules.workerBacklog())),
        // the collector's own alerts, for its job: no engine's alert depends on the logs
        new Scenario(LOGS_BACKEND_DOWN, names(rules.collectorExportFailures(),
            rules.collectorDropping(), rules.collectorQueueFull()), List.of()),
        new Scenario("stuck", names(rules.stuck()), List.of()),
        new Scenario(COLLECTOR_DOWN, names(rules.pipelineBroken(), rules.engineAbsent()), List.of(),
            true));
  }

  private static List<String> names(AlertRule... rules) {
    return java.util.Arrays.stream(rules).map(AlertRule::name).toList();
  }

  /**
   * Starts every engine, at the same time (each migrates its schema and provokes its sample
   * errors first), each under a light healthy load.
   */
  @Override
  public void startHealthy(StackLauncher stack) {
    this.stack = Objects.requireNonNull(stack, "stack");
    // by job (null: the settings' service name, the healthy engine), each on its own schema
    Map<String, String> schemas = new LinkedHashMap<>();
    schemas.put(null, "durobs");
    schemas.put(CATALOGUE_JOB, "durobs_catalogue");
    for (Scenario s : scenarios()) {
      if (hasEngine(s)) {
        schemas.put(jobOf(s), "durobs_" + s.name().replace('-', '_'));
      }
    }
    startAll(schemas);
    healthy = engines.values().iterator().next();
    catalogue = engines.get(CATALOGUE_JOB);
    for (Engine e : engines.values()) {
      e.run(Phases.healthy(LONGEST_PHASE, LOAD_PAUSE));
    }
  }

  /** Starts the engines on threads of their own; when one fails, stops the others and throws. */
  private void startAll(Map<String, String> schemas) {
    ExecutorService pool = Executors.newFixedThreadPool(schemas.size());
    try {
      List<Future<Engine>> starting = new ArrayList<>();
      schemas.forEach((job, schema) -> starting.add(pool.submit(
          () -> Engine.start(stack, telemetrySettings, job, schema))));
      RuntimeException failed = null;
      for (Future<Engine> f : starting) {
        try {
          Engine e = f.get();
          engines.put(e.job(), e);
        } catch (ExecutionException e) {
          failed = failed != null ? failed : e.getCause() instanceof RuntimeException r ? r
              : new IllegalStateException("an engine did not start: " + e.getCause(), e.getCause());
        }
      }
      if (failed != null) {
        close();
        throw failed;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted starting the engines", e);
    } finally {
      pool.shutdown();
    }
  }

  @Override
  public List<String> jobs() {
    return List.copyOf(engines.keySet());
  }

  @Override
  public void runCatalogue() {
    catalogue.stop();
    try {
      catalogue.workload().run(Phases.paths(), Phases.storeFaults());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted in the catalogue phase", e);
    }
  }

  @Override
  public String catalogueJob() {
    return CATALOGUE_JOB;
  }

  @Override
  public List<Scenario> scenarios() {
    return catalogueScenarios();
  }

  @Override
  public String jobOf(Scenario scenario) {
    if (scenario.global()) {
      throw new IllegalArgumentException("scenario " + scenario.name() + " is global: it has no engine of its own");
    }
    return hasEngine(scenario) ? SCENARIO_JOB_PREFIX + scenario.name() : PrometheusConfig.COLLECTOR_JOB;
  }

  /** Whether the scenario drives an engine of its own (the collector's faults do not). */
  private static boolean hasEngine(Scenario scenario) {
    return !scenario.global() && !scenario.name().equals(LOGS_BACKEND_DOWN);
  }

  @Override
  public void startScenario(Scenario scenario) {
    if (scenario.name().equals(COLLECTOR_DOWN)) {
      stack.interruptCollector();
      return;
    }
    if (scenario.name().equals(LOGS_BACKEND_DOWN)) {
      stack.interruptLogsBackend();
      return;
    }
    Engine e = engineOf(scenario);
    e.stop();
    e.run(Phases.parse(scenario.name(), LONGEST_PHASE, LOAD_PAUSE).get(0));
  }

  @Override
  public void endScenario(Scenario scenario) {
    if (scenario.name().equals(COLLECTOR_DOWN)) {
      stack.resumeCollector();
      return;
    }
    if (scenario.name().equals(LOGS_BACKEND_DOWN)) {
      stack.resumeLogsBackend();
      return;
    }
    Engine e = engineOf(scenario);
    e.stop();
    // back to serving: an idle engine fetches nothing, and an instance its fault left active
    // would then set off DuroxideOrchestrationsStuck (which watches for no progress at all)
    e.run(Phases.healthy(LONGEST_PHASE, LOAD_PAUSE));
  }

  private Engine engineOf(Scenario scenario) {
    Engine e = engines.get(jobOf(scenario));
    if (e == null) {
      throw new IllegalStateException("no engine runs for scenario " + scenario.name());
    }
    return e;
  }

  @Override
  public String serviceName() {
    return healthy == null ? Telemetry.DEFAULT_SERVICE_NAME : healthy.job();
  }

  @Override
  public void close() {
    List<Engine> all = new ArrayList<>(engines.values());
    Collections.reverse(all); // the healthy engine, which carries the logs, last
    for (Engine e : all) {
      e.close();
    }
    engines.clear();
  }

  /** One engine: its telemetry, its catalogue workload, and the phase it runs in the background. */
  private static final class Engine implements AutoCloseable {
    private final Telemetry telemetry;
    private final CatalogueWorkload workload;
    private CatalogueWorkload.Background background;

    private Engine(Telemetry telemetry, CatalogueWorkload workload) {
      this.telemetry = telemetry;
      this.workload = workload;
    }

    /**
     * An engine reporting as {@code job} (null: the settings' service name, with the process
     * metrics and the log appender) on {@code schema}.
     */
    static Engine start(StackLauncher stack, Map<String, String> settings, String job, String schema) {
      Telemetry.Builder t = Telemetry.builder().settings(settings)
          .setting("otel.exporter.otlp.endpoint", stack.otlpEndpoint());
      if (job != null) {
        t.setting("otel.service.name", job).installLogAppender(false).processMetrics(false);
      }
      Telemetry telemetry = t.build();
      try {
        StackLauncher.Database db = stack.database();
        return new Engine(telemetry, CatalogueWorkload.builder().databaseUrl(db.jdbcUrl())
            .user(db.user()).password(db.password()).schema(schema)
            .openTelemetry(telemetry.openTelemetry()).start());
      } catch (RuntimeException e) {
        telemetry.close();
        throw e;
      }
    }

    String job() {
      return telemetry.resource().getAttribute(io.opentelemetry.api.common.AttributeKey.stringKey("service.name"));
    }

    CatalogueWorkload workload() {
      return workload;
    }

    synchronized void run(Phase phase) {
      background = workload.runInBackground(phase);
    }

    /** Stops the background phase, if one runs, and waits until its instances have ended. */
    synchronized void stop() {
      if (background == null) {
        return;
      }
      CatalogueWorkload.Background b = background;
      background = null;
      try {
        b.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted stopping " + b.phase().name(), e);
      }
    }

    @Override
    public void close() {
      try {
        stop();
      } catch (RuntimeException e) {
        // closing: the engine goes down anyway
      } finally {
        try {
          workload.close();
        } finally {
          telemetry.close();
        }
      }
    }
  }
}
