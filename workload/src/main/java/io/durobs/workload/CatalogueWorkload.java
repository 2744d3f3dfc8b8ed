package io.durobs.workload;

import static io.durobs.engine.api.Durations.requirePositive;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.Registry;
import io.durobs.engine.api.InstanceNotFoundException;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.OrchestrationStatus;
import io.durobs.engine.api.WaitTimeoutException;
import io.durobs.engine.runtime.ClientRetry;
import io.durobs.engine.runtime.DurableRuntime;
import io.durobs.engine.store.StoreErrorType;
import io.durobs.engine.store.postgres.DatabaseUrl;
import io.durobs.engine.store.postgres.PostgresStore;
import io.opentelemetry.api.OpenTelemetry;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogue workload: an engine (runtime, client, PostgreSQL store behind a fault-injecting
 * wrapper) and the phases that drive it through every path the metric catalogue describes, so
 * that every metric and every allowed value of every enumerated label gets data.
 *
 * <p>Used as a library (tests, the validation harness, benchmarks) and as a program
 * ({@link CatalogueWorkloadMain}). Parameterized by {@link Builder#scale(int) scale} (how many
 * instances of each path) and {@link Builder#duration(Duration) duration} (how long the steady
 * phases last).
 *
 * <pre>{@code
 * try (CatalogueWorkload w = CatalogueWorkload.builder()
 *     .databaseUrl(url).openTelemetry(telemetry.openTelemetry()).scale(1)
 *     .duration(Duration.ofSeconds(10)).start()) {
 *   w.run(Phases.catalogue(w.duration()));
 *   // read the metrics here: closing the runtime removes its gauges
 * }
 * }</pre>
 *
 * <p>Every instance id starts with a prefix unique to the run, so runs can share a database.
 * Thread-safe for the phase methods; phases themselves run one at a time.
 */
public final class CatalogueWorkload implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogueWorkload.class);

  private final int scale;
  private final int workerSlots;
  private final Duration duration;
  private final Duration gaugeRefreshInterval;
  private final Duration awaitTimeout;
  private final PostgresStore store;
  private final FaultInjectingStore faults;
  private final CatalogueRegistry code;
  private final DurableRuntime runtime;
  private final DurableClient client;
  /** A client whose metrics keep one name per label: see {@link #startWithOneLabelValue}. */
  private final DurableClient oneLabelValueClient;
  private final DurableClient faultProbeClient;
  private final String prefix = "cw" + UUID.randomUUID().toString().substring(0, 8) + "-";
  private final AtomicInteger sequence = new AtomicInteger();
  private final Set<String> outstanding = ConcurrentHashMap.newKeySet();
  private final AtomicInteger clientStarts = new AtomicInteger();
  private final AtomicInteger continueAsNew = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private final List<PhaseResult> results = new ArrayList<>();
  private final DatabaseUrl database;
  private final String schema;
  private volatile boolean stopRequested;
  private Background background;

  private CatalogueWorkload(Builder b, DatabaseUrl database, PostgresStore store,
      Map<StoreErrorType, SQLException> samples) {
    this.database = database;
    this.schema = b.schema;
    this.scale = b.scale;
    this.workerSlots = b.workerConcurrency;
    this.duration = b.duration;
    this.gaugeRefreshInterval = b.gaugeRefreshInterval;
    this.awaitTimeout = b.awaitTimeout;
    this.store = store;
    this.faults = new FaultInjectingStore(store, samples);
    this.code = new CatalogueRegistry(faults, b.orchestrationLockTimeout, b.workerLockTimeout);
    Registry registry = code.build();
    this.runtime = DurableRuntime.builder()
        .store(faults)
        .registry(registry)
        .openTelemetry(b.openTelemetry)
        .orchestrationConcurrency(b.orchestrationConcurrency)
        .workerConcurrency(b.workerConcurrency)
        .orchestrationLockTimeout(b.orchestrationLockTimeout)
        .workerLockTimeout(b.workerLockTimeout)
        .maxAttempts(b.maxAttempts)
        .retryDelay(Duration.ofMillis(20))
        .pollInterval(Duration.ofMillis(2), Duration.ofMillis(50))
        .gaugeRefreshInterval(b.gaugeRefreshInterval)
        .shutdownGrace(Duration.ofSeconds(5))
        .haltOnFatalError(b.haltOnFatalError)
        .build();
    this.client = runtime.client();
    this.oneLabelValueClient = DurableRuntime.clientBuilder(faults, registry)
        .openTelemetry(b.openTelemetry).metricLabelValueLimit(1).build();
    // the store-fault probes inject one failure and must see it: a retry would hide it
    this.faultProbeClient = DurableRuntime.clientBuilder(faults, registry)
        .openTelemetry(b.openTelemetry).clientRetry(ClientRetry.NONE).build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs the phases in order; returns what each did. */
  public List<PhaseResult> run(List<Phase> phases) throws InterruptedException {
    List<PhaseResult> out = new ArrayList<>();
    for (Phase phase : phases) {
      int startsBefore = clientStarts.get();
      int endedBefore = ended.get();
      long t0 = System.nanoTime();
      LOG.info("workload phase {} starting", phase.name());
      phase.run(this);
      awaitAll();
      awaitRuntimeCaughtUp();
      PhaseResult r = new PhaseResult(phase.name(), Duration.ofNanos(System.nanoTime() - t0),
          clientStarts.get() - startsBefore, ended.get() - endedBefore);
      LOG.info("workload phase {} done in {} ms: {} started, {} ended", r.name(),
          r.elapsed().toMillis(), r.clientStarts(), r.completed());
      out.add(r);
      synchronized (results) {
        results.add(r);
      }
    }
    return out;
  }

  /** Runs the phases in order. */
  public List<PhaseResult> run(Phase... phases) throws InterruptedException {
    return run(List.of(phases));
  }

  /**
   * Runs one phase on a background thread until {@link Background#stop()} (or its own end), for
   * a harness that keeps a fault scenario up while it watches alerts. One at a time.
   */
  public synchronized Background runInBackground(Phase phase) {
    if (background != null && background.thread.isAlive()) {
      throw new IllegalStateException("phase " + background.phase.name() + " still runs in the"
          + " background; stop it first");
    }
    stopRequested = false;
    background = new Background(phase);
    return background;
  }

  /**
   * For steady phases: true while {@code deadlineNanos} (a {@link System#nanoTime()} value) has
   * not passed and no {@link Background#stop()} was requested.
   */
  public boolean keepGoing(long deadlineNanos) {
    return !stopRequested && System.nanoTime() < deadlineNanos;
  }

  /** A phase running on a background thread. */
  public final class Background {
    private final Phase phase;
    private final Thread thread;
    private volatile PhaseResult result;
    private volatile Throwable failure;

    private Background(Phase phase) {
      this.phase = phase;
      this.thread = new Thread(() -> {
        try {
          result = run(phase).get(0);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure = e;
        } catch (RuntimeException | Error e) {
          failure = e;
        }
      }, "workload-" + phase.name());
      thread.setDaemon(true);
      thread.start();
    }

    /** The phase. */
    public Phase phase() {
      return phase;
    }

    /**
     * Asks the phase to end, waits until its instances have ended and returns what it did.
     *
     * @throws IllegalStateException when the phase failed (its cause attached)
     */
    public PhaseResult stop() throws InterruptedException {
      stopRequested = true;
      thread.join();
      stopRequested = false;
      if (failure != null) {
        throw new IllegalStateException("background phase " + phase.name() + " failed: "
            + failure.getMessage(), failure);
      }
      return result;
    }
  }

  /**
   * A new connection to the workload's database, outside the engine's pool (phases that make
   * the database itself misbehave, e.g. hold a lock on a queue table). The caller closes it.
   */
  public java.sql.Connection connect() throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }

  /** The schema of the engine's tables. */
  public String schema() {
    return schema;
  }

  // ---- for phases ---------------------------------------------------------------------------

  /**
   * Starts {@code orchestration} through the client under a fresh id and tracks it (and the
   * children its code creates) until it ends.
   */
  public String start(String orchestration, Object input) {
    return start(client, orchestration, input);
  }

  /**
   * Like {@link #start} through a client whose metrics admit one value per name label: the
   * second orchestration name it starts is reported as the overflow value and counted by
   * {@code duroxide.telemetry.label_overflow}, as a process with more names than its label value
   * limit would be; the main runtime's metrics keep every name.
   */
  public String startWithOneLabelValue(String orchestration, Object input) {
    return start(oneLabelValueClient, orchestration, input);
  }

  private String start(DurableClient through, String orchestration, Object input) {
    String id = prefix + orchestration.toLowerCase(Locale.ROOT) + "-" + sequence.incrementAndGet();
    through.startOrchestration(orchestration, id, input);
    clientStarts.incrementAndGet();
    if (orchestration.equals(CatalogueRegistry.LOOPER)) {
      continueAsNew.addAndGet((Integer) input);
    }
    outstanding.add(id);
    outstanding.addAll(CatalogueRegistry.childrenOf(orchestration, id));
    return id;
  }

  /** A fresh id under this run's prefix that no instance has (for probes). */
  public String freshId(String what) {
    return prefix + what + "-" + sequence.incrementAndGet();
  }

  /**
   * Waits until every tracked instance has ended. It gives up only when no instance has ended
   * for the await timeout, so a long backlog drains however long it is.
   *
   * @return how many ended during this call
   * @throws IllegalStateException naming the instances still running when progress stopped
   */
  public int awaitAll() {
    long lastProgress = System.nanoTime();
    int n = 0;
    List<String> stuck = new ArrayList<>();
    for (String id : List.copyOf(outstanding)) {
      while (true) {
        long left = lastProgress + awaitTimeout.toNanos() - System.nanoTime();
        try {
          client.waitForCompletion(id, Duration.ofNanos(Math.max(1_000_000, left)));
          if (outstanding.remove(id)) { // another thread may have waited for it too
            n++;
          }
          lastProgress = System.nanoTime();
        } catch (WaitTimeoutException e) {
          stuck.add(id + " (" + e.getMessage() + ")");
        } catch (InstanceNotFoundException e) {
          // a child its parent has not created yet
          if (left > 0) {
            pause(Duration.ofMillis(20));
            continue;
          }
          stuck.add(id + " (never created)");
        }
        break;
      }
    }
    ended.addAndGet(n);
    if (!stuck.isEmpty()) {
      throw new IllegalStateException(stuck.size() + " workload instances made no progress for "
          + awaitTimeout + ": " + stuck);
    }
    return n;
  }

  /**
   * Waits until the runtime has finished the turns and activity attempts it was processing, so
   * that the metrics of every instance {@link #awaitAll()} saw end are recorded: an instance ends
   * with the commit the client sees, and its turn records the metrics just after.
   */
  private void awaitRuntimeCaughtUp() throws InterruptedException {
    if (!runtime.awaitWorkInProgress(awaitTimeout)) {
      throw new IllegalStateException("the runtime did not finish its work in progress within "
          + awaitTimeout);
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for workload instances", e);
    }
  }

  /** The status of an instance (for phases that check outcomes). */
  public OrchestrationStatus status(String instanceId) {
    return client.getStatus(instanceId).orElseThrow(() -> new IllegalStateException(
        "workload instance " + instanceId + " does not exist"));
  }

  /** Waits until a {@link CatalogueRegistry#SLEEP} activity of the instance runs. */
  public void awaitActivityRunning(String instanceId) throws InterruptedException {
    if (!code.awaitSleeping(instanceId, awaitTimeout)) {
      throw new IllegalStateException("the activity of " + instanceId + " never started");
    }
  }

  /**
   * Cancels an instance whose {@link CatalogueRegistry#SLEEP} activity runs, keeping that activity
   * running until {@link #awaitCancelled} saw the instance end: its result then always finds the
   * instance gone, as a cancelled activity's does.
   */
  public void cancelRunning(String instanceId, String reason) throws InterruptedException {
    awaitActivityRunning(instanceId);
    code.cancelling(instanceId);
    client.cancel(instanceId, reason);
  }

  /** Waits until an instance {@link #cancelRunning} cancelled ends, then lets its activity end. */
  public void awaitCancelled(String instanceId) {
    try {
      OrchestrationState state = client.waitForCompletion(instanceId, awaitTimeout).state();
      if (state != OrchestrationState.CANCELLED) {
        throw new IllegalStateException(instanceId + " ended " + state + ", not cancelled");
      }
    } finally {
      code.cancelled(instanceId);
    }
  }

  /** The engine's client. */
  public DurableClient client() {
    return client;
  }

  /**
   * A client that makes each call once ({@link ClientRetry#NONE}), for probes that inject one
   * store failure and expect the call to fail with it.
   */
  public DurableClient faultProbeClient() {
    return faultProbeClient;
  }

  /** The fault-injecting store under the runtime. */
  public FaultInjectingStore faults() {
    return faults;
  }

  /** The runtime's worker slots (activities it runs at once). */
  public int workerSlots() {
    return workerSlots;
  }

  /** Instances of each path per phase (at least 1). */
  public int scale() {
    return scale;
  }

  /** How long steady phases last. */
  public Duration duration() {
    return duration;
  }

  /** The runtime's gauge refresh interval (phases that want a gauge to see a wait use it). */
  public Duration gaugeRefreshInterval() {
    return gaugeRefreshInterval;
  }

  /** How long {@link #awaitAll()} waits. */
  public Duration awaitTimeout() {
    return awaitTimeout;
  }

  /** Totals so far, for the "once per" checks. */
  public Stats stats() {
    return new Stats(clientStarts.get(), continueAsNew.get(), ended.get());
  }

  /** Results of every phase run so far. */
  public List<PhaseResult> results() {
    synchronized (results) {
      return List.copyOf(results);
    }
  }

  /** Stops the runtime (its gauges disappear) and closes the store. */
  @Override
  public void close() {
    try {
      runtime.close();
    } finally {
      store.close();
    }
  }

  /**
   * Totals of a run.
   *
   * @param clientStarts orchestrations started through the client (accepted starts only)
   * @param continueAsNew continue-as-new the started instances perform
   * @param instancesEnded tracked instances (client starts and their children) seen ending
   */
  public record Stats(int clientStarts, int continueAsNew, int instancesEnded) {}

  /** Configures and starts a {@link CatalogueWorkload}. */
  public static final class Builder {
    private String databaseUrl;
    private String user;
    private String password;
    private String schema = "durobs";
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();
    private boolean haltOnFatalError;
    private int scale = 1;
    private Duration duration = Duration.ofSeconds(10);
    private Duration gaugeRefreshInterval = Duration.ofSeconds(1);
    private Duration orchestrationLockTimeout = Duration.ofSeconds(2);
    private Duration workerLockTimeout = Duration.ofSeconds(2);
    private int orchestrationConcurrency = 4;
    private int workerConcurrency = 8;
    private int maxAttempts = 5;
    private Duration awaitTimeout = Duration.ofSeconds(90);

    private Builder() {}

    /** The database: a JDBC URL or {@code postgres://user:pass@host:port/db} (required). */
    public Builder databaseUrl(String url) {
      DatabaseUrl.parse(url);
      this.databaseUrl = url;
      return this;
    }

    /** The login, overriding one in the URL. */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** The password, overriding one in the URL. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** The schema of the engine's tables; default {@code durobs}. */
    public Builder schema(String schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /** Where the engine's metrics and logs go; default no-op. */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /** Instances of each path per phase; default 1. */
    public Builder scale(int scale) {
      if (scale < 1) {
        throw new IllegalArgumentException("scale must be >= 1, got " + scale);
      }
      this.scale = scale;
      return this;
    }

    /** How long steady phases (healthy load, fault scenarios) last; default 10 s. */
    public Builder duration(Duration duration) {
      this.duration = requirePositive("duration", duration);
      return this;
    }

    /** How often the cluster-wide gauges are read; default 1 s, at most 15 s. */
    public Builder gaugeRefreshInterval(Duration interval) {
      this.gaugeRefreshInterval = requirePositive("gaugeRefreshInterval", interval);
      return this;
    }

    /** Instance and worker lock timeouts; default 2 s each (faults wait for expiries). */
    public Builder lockTimeouts(Duration orchestration, Duration worker) {
      this.orchestrationLockTimeout = requirePositive("orchestration lock timeout", orchestration);
      this.workerLockTimeout = requirePositive("worker lock timeout", worker);
      return this;
    }

    /** Dispatcher slots; default 4 orchestration, 8 worker. */
    public Builder concurrency(int orchestrations, int workers) {
      if (orchestrations < 1 || workers < 1) {
        throw new IllegalArgumentException("concurrency must be >= 1, got " + orchestrations
            + " orchestrations, " + workers + " workers");
      }
      this.orchestrationConcurrency = orchestrations;
      this.workerConcurrency = workers;
      return this;
    }

    /** Deliveries before a message is poison; default 5. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 2) {
        throw new IllegalArgumentException("maxAttempts must be >= 2, got " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Whether an {@link OutOfMemoryError} in the engine halts the JVM (status
     * {@value DurableRuntime#FATAL_EXIT_STATUS}) instead of only stopping the runtime; default
     * false, true for the workload program, a process of its own.
     */
    public Builder haltOnFatalError(boolean halt) {
      this.haltOnFatalError = halt;
      return this;
    }

    /** How long a phase waits without any of its instances ending; default 90 s. */
    public Builder awaitTimeout(Duration timeout) {
      this.awaitTimeout = requirePositive("awaitTimeout", timeout);
      return this;
    }

    /**
     * Connects (migrating the schema), provokes one real PostgreSQL error of each class for the
     * fault injection, and starts the runtime.
     */
    public CatalogueWorkload start() {
      if (databaseUrl == null) {
        throw new IllegalArgumentException("a database URL is required");
      }
      DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
      String u = user != null ? user : url.user();
      String p = password != null ? password : url.password();
      Map<StoreErrorType, SQLException> samples = SqlErrorSamples.provoke(
          () -> DriverManager.getConnection(url.jdbcUrl(), u, p));
      PostgresStore store = PostgresStore.builder().jdbcUrl(url.jdbcUrl()).user(u).password(p)
          .schema(schema).maxPoolSize(orchestrationConcurrency + workerConcurrency + 6)
          .applicationName("durobs-catalogue-workload").build();
      try {
        CatalogueWorkload w = new CatalogueWorkload(this, new DatabaseUrl(url.jdbcUrl(), u, p),
            store, samples);
        w.runtime.start();
        return w;
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
    }
  }
}
