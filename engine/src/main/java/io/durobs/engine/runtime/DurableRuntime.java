package io.durobs.engine.runtime;

import static io.durobs.engine.api.Durations.requireNonNegative;
import static io.durobs.engine.api.Durations.requirePositive;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.Registry;
import io.durobs.engine.store.InstrumentedStore;
import io.durobs.engine.store.NewInstance;
import io.durobs.engine.store.OrchestrationItem;
import io.durobs.engine.store.Store;
import io.durobs.engine.store.postgres.PostgresStore;
import io.durobs.engine.telemetry.EngineInstruments;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine process: an orchestration dispatcher and an activity worker dispatcher over one
 * store, plus the gauge refresher. Several runtimes (in one or many processes) may share a
 * database; the store's locks make sure no work runs twice at the same time.
 *
 * <pre>{@code
 * try (DurableRuntime runtime = DurableRuntime.builder()
 *     .databaseUrl(System.getenv("DATABASE_URL"))
 *     .registry(registry)
 *     .openTelemetry(openTelemetry)
 *     .build()
 *     .start()) {
 *   DurableClient client = runtime.client();
 *   client.startOrchestration("greet", "greet-1", "world");
 * }
 * }</pre>
 */
public final class DurableRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DurableRuntime.class);

  /**
   * The default of {@link Builder#maxPayloadBytes}, 256 KiB: far above a typical JSON document,
   * far below a heap.
   */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

  /** The default of {@link Builder#historyCacheBytes}: 64 MiB. */
  public static final long DEFAULT_HISTORY_CACHE_BYTES = 64L << 20;

  /** The JVM exit status after a fatal error when {@link Builder#haltOnFatalError} is set. */
  public static final int FATAL_EXIT_STATUS = 70;

  private final Store store;
  private final boolean ownsStore;
  private final Registry registry;
  private final EngineInstruments instruments;
  private final EngineMetrics metrics;
  private final RuntimeOptions options;
  private final HistoryCache historyCache;
  private final ScheduledExecutorService scheduler;
  private final OrchestrationDispatcher orchestrations;
  private final WorkerDispatcher workers;
  private final GaugePoller gauges;
  private final DurableClient client;
  private final CompletionSignals completions = new CompletionSignals();
  private final StoreClient.Local local = new LocalEngine();
  private volatile boolean started;
  private volatile boolean closed;
  private final AtomicReference<VirtualMachineError> fatalError = new AtomicReference<>();
  /** Created up front: after an OutOfMemoryError, building it might fail. */
  private final Thread fatalStop = new Thread(this::stopAfterFatalError, "durobs-fatal-stop");

  private DurableRuntime(Builder b, Store rawStore, boolean ownsStore) {
    this.registry = b.registry;
    this.instruments = new EngineInstruments(b.openTelemetry, b.metricLabelValueLimit);
    this.metrics = new EngineMetrics(instruments, registry);
    this.store = InstrumentedStore.wrap(rawStore, instruments);
    this.ownsStore = ownsStore;
    this.options = new RuntimeOptions(b.orchestrationConcurrency, b.workerConcurrency,
        b.orchestrationLockTimeout, b.workerLockTimeout, b.maxAttempts, b.minPollInterval,
        b.maxPollInterval, b.gaugeRefreshInterval, b.retryDelay, b.shutdownGrace,
        b.historyCacheSize, b.historyCacheBytes, new PayloadLimit(b.maxPayloadBytes),
        b.haltOnFatalError, b.continuationHold, b.chainBudget);
    this.historyCache = new HistoryCache(b.historyCacheSize, b.historyCacheBytes);
    this.scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "durobs-scheduler");
      t.setDaemon(true);
      return t;
    });
    this.orchestrations = new OrchestrationDispatcher(this);
    this.workers = new WorkerDispatcher(this);
    this.gauges = new GaugePoller(store, metrics, registry.orchestrationNames());
    this.client = new StoreClient(store, registry, metrics, options.payloadLimit(),
        b.clientRetry, local);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts the dispatchers and the gauge refresher; returns {@code this}. */
  public synchronized DurableRuntime start() {
    if (closed) {
      throw new IllegalStateException("the runtime is closed");
    }
    if (!started) {
      started = true;
      gauges.register(orchestrations, workers);
      scheduler.scheduleWithFixedDelay(this::refreshGauges, 0,
          options.gaugeRefreshInterval().toMillis(), TimeUnit.MILLISECONDS);
      long renewEvery = Math.max(1, options.workerLockTimeout().toMillis() / 4);
      scheduler.scheduleWithFixedDelay(orchestrations::renewQueuedHandOffs, renewEvery,
          renewEvery, TimeUnit.MILLISECONDS);
      orchestrations.start();
      workers.start();
      LOG.info("durable runtime started: {} orchestration slots, {} worker slots",
          options.orchestrationConcurrency(), options.workerConcurrency());
    }
    return this;
  }

  /**
   * The {@link VirtualMachineError} (e.g. {@link OutOfMemoryError}; not a
   * {@link StackOverflowError}, which is the crash of one turn or attempt) that stopped this
   * runtime, or empty while it is healthy. After one, the runtime's dispatchers are stopped and it does
   * no more work; its unfinished work is redelivered to other processes when its locks expire.
   */
  public Optional<VirtualMachineError> fatalError() {
    return Optional.ofNullable(fatalError.get());
  }

  /** A client that shares this runtime's store, registry and instruments. */
  public DurableClient client() {
    return client;
  }

  /**
   * A client without a runtime, e.g. for a process that only starts orchestrations. It emits the
   * client metrics through {@code openTelemetry}; the caller owns {@code store}.
   */
  public static DurableClient newClient(Store store, Registry registry,
      OpenTelemetry openTelemetry) {
    return clientBuilder(store, registry).openTelemetry(openTelemetry).build();
  }

  /**
   * A builder of a client without a runtime, for limits other than the defaults:
   *
   * <pre>{@code
   * DurableClient client = DurableRuntime.clientBuilder(store, registry)
   *     .openTelemetry(openTelemetry)
   *     .clientRetry(ClientRetry.NONE)
   *     .build();
   * }</pre>
   */
  public static ClientBuilder clientBuilder(Store store, Registry registry) {
    return new ClientBuilder(store, registry);
  }

  /**
   * Builds a client without a runtime; each setting means what the runtime builder's setting of
   * the same name means ({@link Builder#maxPayloadBytes}, {@link Builder#metricLabelValueLimit},
   * {@link Builder#clientRetry}).
   */
  public static final class ClientBuilder {
    private final Store store;
    private final Registry registry;
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();
    private int maxPayloadBytes = PayloadLimit.DEFAULT_MAX_BYTES;
    private int metricLabelValueLimit = EngineInstruments.DEFAULT_LABEL_VALUE_LIMIT;
    private ClientRetry clientRetry = ClientRetry.DEFAULT;

    private ClientBuilder(Store store, Registry registry) {
      this.store = Objects.requireNonNull(store, "store");
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Where the client metrics go (default: none). */
    public ClientBuilder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /** The largest payload accepted, in bytes of UTF-8 (default 256 KiB). */
    public ClientBuilder maxPayloadBytes(int maxPayloadBytes) {
      this.maxPayloadBytes = atLeastOne("maxPayloadBytes", maxPayloadBytes);
      return this;
    }

    /** Distinct values per name label in the client metrics (default 100). */
    public ClientBuilder metricLabelValueLimit(int metricLabelValueLimit) {
      this.metricLabelValueLimit = atLeastOne("metricLabelValueLimit", metricLabelValueLimit);
      return this;
    }

    /** How calls are retried on transient store errors (default {@link ClientRetry#DEFAULT}). */
    public ClientBuilder clientRetry(ClientRetry clientRetry) {
      this.clientRetry = Objects.requireNonNull(clientRetry, "clientRetry");
      return this;
    }

    /** The client; the caller owns the store. */
    public DurableClient build() {
      EngineInstruments instruments = new EngineInstruments(openTelemetry, metricLabelValueLimit);
      return new StoreClient(InstrumentedStore.wrap(store, instruments), registry,
          new EngineMetrics(instruments, registry), new PayloadLimit(maxPayloadBytes),
          clientRetry, StoreClient.NONE);
    }

    private static int atLeastOne(String name, int n) {
      if (n < 1) {
        throw new IllegalArgumentException(name + " must be >= 1, got " + n);
      }
      return n;
    }
  }

  /** The (instrumented) store this runtime uses. */
  public Store store() {
    return store;
  }

  /**
   * Waits until the orchestration turns and activity attempts this runtime was processing when
   * called have finished, including what they do after their commit (emitting metrics). An
   * instance ends with the commit its client sees, slightly before its turn has recorded the
   * metrics; a caller that saw instances end and then calls this reads every metric of the
   * turns that ended them (when this runtime ran those turns).
   *
   * @return false when {@code timeout} passed first
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean awaitWorkInProgress(Duration timeout) throws InterruptedException {
    requirePositive("timeout", timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    // both dispatchers: an activity attempt records its metrics after the ack that lets its
    // orchestration go on, so it may still run after that orchestration has ended; and the
    // orchestrations again: a result an attempt handed to its held instance is counted when
    // that instance's next turn, queued by then, has committed it
    return orchestrations.awaitItemsInProgress(timeout)
        && workers.awaitItemsInProgress(left(deadline))
        && orchestrations.awaitItemsInProgress(left(deadline));
  }

  private static Duration left(long deadlineNanos) {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  /**
   * Stops fetching, waits up to the shutdown grace for work in progress, and releases the store
   * when the runtime created it. Unfinished work is redelivered after its lock expires.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    orchestrations.stop(options.shutdownGrace());
    workers.stop(options.shutdownGrace());
    scheduler.shutdownNow();
    instruments.close();
    if (ownsStore) {
      store.close();
    }
    LOG.info("durable runtime stopped");
  }

  // ---- fatal errors -----------------------------------------------------------------------------

  /**
   * An engine thread caught a {@link VirtualMachineError}: the first one logs one line and stops
   * the runtime on its own thread (a slot thread cannot wait for its own pool); later ones (other
   * threads failing the same way) are dropped.
   */
  void onFatalError(VirtualMachineError error) {
    if (!fatalError.compareAndSet(null, error)) {
      return;
    }
    LOG.error("FATAL {} in thread {}: stopping the durable runtime{}", error,
        Thread.currentThread().getName(), options.haltOnFatalError()
            ? " and halting the JVM with status " + FATAL_EXIT_STATUS : "");
    try {
      fatalStop.setDaemon(true);
      fatalStop.start();
    } catch (RuntimeException | Error e) {
      stopAfterFatalError(); // no thread to be had: stop from here
    }
  }

  private void stopAfterFatalError() {
    try {
      close();
    } finally {
      if (options.haltOnFatalError()) {
        Runtime.getRuntime().halt(FATAL_EXIT_STATUS);
      }
    }
  }

  /** The gauge refresh; an executor would swallow its fatal error and cancel the refresh. */
  private void refreshGauges() {
    try {
      gauges.refresh();
    } catch (Error e) {
      if (!FatalErrorHandler.isFatal(e)) {
        throw e;
      }
      onFatalError((VirtualMachineError) e);
    }
  }

  // ---- for the dispatchers --------------------------------------------------------------------

  RuntimeOptions options() {
    return options;
  }

  EngineMetrics metrics() {
    return metrics;
  }

  Registry registry() {
    return registry;
  }

  /** What wakes this process's client waits when a turn here ends their instance. */
  CompletionSignals completions() {
    return completions;
  }

  /** This engine, as its own client sees it. */
  StoreClient.Local local() {
    return local;
  }

  /** The engine's part in its own client's calls. */
  private final class LocalEngine implements StoreClient.Local {

    /**
     * On an idle orchestration slot of this process, the instance is created locked for it and
     * its first turn runs there at once: no poller's wake-up, fetch and commit between the
     * start and that turn. Without one (all busy, a backlog, stopping), it is created unlocked
     * for the pollers, as a client without an engine does. A start whose locked creation
     * committed but whose answer was lost (the client's retry then finds the instance) leaves
     * it to any process's pollers once that lock expires.
     */
    @Override
    public boolean start(Store store, NewInstance instance) {
      if (orchestrations.tryReserve(1) == 0) {
        boolean created = store.createInstance(instance);
        if (created) {
          wakeOrchestrations();
        }
        return created;
      }
      Optional<OrchestrationItem> item = Optional.empty();
      try {
        item = store.createInstanceLocked(instance, options.orchestrationLockTimeout());
      } finally {
        if (item.isPresent()) {
          orchestrations.runStarted(item.get());
        } else {
          orchestrations.unreserve(1);
        }
      }
      return item.isPresent();
    }

    @Override
    public void enqueued() {
      wakeOrchestrations();
    }

    @Override
    public CompletionSignals completions() {
      return completions;
    }
  }

  HistoryCache historyCache() {
    return historyCache;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  WorkerDispatcher workers() {
    return workers;
  }

  OrchestrationDispatcher orchestrations() {
    return orchestrations;
  }

  void wakeOrchestrations() {
    orchestrations.wakeUp();
  }

  void wakeWorkers() {
    workers.wakeUp();
  }

  /** Wakes the orchestration dispatcher when a timer committed at {@code now} becomes due. */
  void wakeOrchestrationsAt(Instant due, Instant now) {
    long delay = Math.max(0, Duration.between(now, due).toMillis()) + 5;
    if (delay < TimeUnit.HOURS.toMillis(1) && !closed) {
      try {
        scheduler.schedule(this::wakeOrchestrations, delay, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing
      }
    }
  }

  /** Configures a {@link DurableRuntime}. */
  public static final class Builder {
    private Store store;
    private PostgresStore.Builder storeBuilder;
    private Registry registry;
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();
    private int orchestrationConcurrency = 4;
    private int workerConcurrency = 8;
    private Duration orchestrationLockTimeout = Duration.ofSeconds(10);
    private Duration workerLockTimeout = Duration.ofSeconds(30);
    private Duration continuationHold = Duration.ofSeconds(1);
    private Duration chainBudget = Duration.ofMillis(10);
    private int maxAttempts = 10;
    private Duration minPollInterval = Duration.ofMillis(5);
    private Duration maxPollInterval = Duration.ofMillis(200);
    private Duration gaugeRefreshInterval = Duration.ofSeconds(10);
    private Duration retryDelay = Duration.ofSeconds(1);
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private int historyCacheSize = 10_000;
    private long historyCacheBytes = DEFAULT_HISTORY_CACHE_BYTES;
    private int maxPayloadBytes = PayloadLimit.DEFAULT_MAX_BYTES;
    private int metricLabelValueLimit = EngineInstruments.DEFAULT_LABEL_VALUE_LIMIT;
    private ClientRetry clientRetry = ClientRetry.DEFAULT;
    private boolean haltOnFatalError;

    private Builder() {}

    /** Uses this store (the caller keeps ownership and closes it). */
    public Builder store(Store store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Connects to PostgreSQL at a JDBC URL or {@code postgres://} URL; the runtime creates the
     * store (migrating the schema) and closes it on {@link #close()}.
     */
    public Builder databaseUrl(String url) {
      this.storeBuilder = PostgresStore.builder().databaseUrl(url);
      return this;
    }

    /** Like {@link #databaseUrl} with a store builder for pool size, schema and timeouts. */
    public Builder postgres(PostgresStore.Builder builder) {
      this.storeBuilder = Objects.requireNonNull(builder, "builder");
      return this;
    }

    /** The orchestrations and activities this process runs (required). */
    public Builder registry(Registry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Where metrics go; default {@link OpenTelemetry#noop()}. */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /** Orchestration turns processed at once; default 4. */
    public Builder orchestrationConcurrency(int n) {
      this.orchestrationConcurrency = atLeastOne("orchestrationConcurrency", n);
      return this;
    }

    /** Activities run at once; default 8. */
    public Builder workerConcurrency(int n) {
      this.workerConcurrency = atLeastOne("workerConcurrency", n);
      return this;
    }

    /** Instance lock per turn, renewed at half; default 10 s. */
    public Builder orchestrationLockTimeout(Duration d) {
      this.orchestrationLockTimeout = requirePositive("orchestrationLockTimeout", d);
      return this;
    }

    /** Worker item lock, renewed at half while the activity runs; default 30 s. */
    public Builder workerLockTimeout(Duration d) {
      this.workerLockTimeout = requirePositive("workerLockTimeout", d);
      return this;
    }

    /**
     * How long a turn that scheduled one activity, which this process starts at once, keeps its
     * instance locked for that activity's result; default 1 s, {@link Duration#ZERO} to turn it
     * off. While held, the result goes from the worker slot straight to the instance's next turn
     * (one commit per step instead of three: the worker's ack, the fetch, the turn's ack). The
     * lock is kept only when no message waits for the instance; one that arrives while it is
     * held (an event, a cancel request) waits at most this long, or until the activity ends.
     */
    public Builder continuationHold(Duration d) {
      this.continuationHold = requireNonNegative("continuationHold", d);
      return this;
    }

    /**
     * How long a turn chain may run before it commits; default 10 ms, {@link Duration#ZERO} to
     * turn chains off. A turn that waits on exactly one activity, which this process runs and
     * whose last {@value QuickActivities#STREAK} attempts here each took under a quarter of this
     * budget, runs that activity at once on its own slot (with a worker slot taken for it, so the
     * worker concurrency still bounds the activities running), then the instance's next turn
     * with its result, and so on, and commits the chain's turns once: when the chain ends, waits
     * on anything else, or has run this long. Like every activity, a chained one runs at least
     * once: a process that dies in a chain loses its uncommitted turns, and the instance's lock
     * expires and its turns run again from the last commit, activities included. Messages that
     * arrive for the instance meanwhile (events, cancel requests) wait at most this long more.
     *
     * <pre>{@code
     * DurableRuntime.builder().chainBudget(Duration.ZERO)  // commit every step, as before
     * }</pre>
     */
    public Builder chainBudget(Duration d) {
      this.chainBudget = requireNonNegative("chainBudget", d);
      return this;
    }

    /** Deliveries of one message before it is failed as poison; default 10. */
    public Builder maxAttempts(int n) {
      this.maxAttempts = atLeastOne("maxAttempts", n);
      return this;
    }

    /** Poll back-off bounds while queues are empty; default 5 ms to 200 ms. */
    public Builder pollInterval(Duration min, Duration max) {
      this.minPollInterval = requirePositive("min poll interval", min);
      this.maxPollInterval = requirePositive("max poll interval", max);
      if (max.compareTo(min) < 0) {
        throw new IllegalArgumentException("max poll interval " + max + " < min " + min);
      }
      return this;
    }

    /** How often the cluster-wide gauges are read from the store; default 10 s, at most 15 s. */
    public Builder gaugeRefreshInterval(Duration d) {
      requirePositive("gaugeRefreshInterval", d);
      if (d.compareTo(Duration.ofSeconds(15)) > 0) {
        throw new IllegalArgumentException("gaugeRefreshInterval must be <= 15 s, got " + d);
      }
      this.gaugeRefreshInterval = d;
      return this;
    }

    /** Base delay before a crashed turn or activity is retried (times the attempt); 1 s. */
    public Builder retryDelay(Duration d) {
      this.retryDelay = requirePositive("retryDelay", d);
      return this;
    }

    /** How long {@link #close()} waits for work in progress; default 10 s. */
    public Builder shutdownGrace(Duration d) {
      this.shutdownGrace = requirePositive("shutdownGrace", d);
      return this;
    }

    /**
     * How {@link #client()} retries a store call that failed transiently (connection, deadlock,
     * serialization, timeout); default {@link ClientRetry#DEFAULT} (6 attempts, 200 ms doubling
     * to 2 s), {@link ClientRetry#NONE} to fail at once.
     */
    public Builder clientRetry(ClientRetry retry) {
      this.clientRetry = Objects.requireNonNull(retry, "clientRetry");
      return this;
    }

    /** Instances whose decoded history is kept in memory; default 10 000. */
    public Builder historyCacheSize(int n) {
      this.historyCacheSize = atLeastOne("historyCacheSize", n);
      return this;
    }

    /**
     * The estimated heap the history cache may hold (strings, records, lists); least recently
     * used instances are evicted beyond it, and a history larger than it is not cached at all.
     * Default {@value DurableRuntime#DEFAULT_HISTORY_CACHE_BYTES} bytes (64 MiB).
     */
    public Builder historyCacheBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("historyCacheBytes must be >= 1, got " + bytes);
      }
      this.historyCacheBytes = bytes;
      return this;
    }

    /**
     * The largest payload, in UTF-8 bytes, the engine accepts and writes: orchestration input and
     * output, activity input and result, event payload, continue-as-new input, cancel reason.
     * A client call over it throws {@link io.durobs.engine.api.InvalidInputException}; an
     * orchestration whose code produces one fails as a configuration error
     * ({@code payload_too_large}); an activity whose result is over it fails that attempt as an
     * application error. Default 262 144 (256 KiB).
     */
    public Builder maxPayloadBytes(int bytes) {
      this.maxPayloadBytes = atLeastOne("maxPayloadBytes", bytes);
      return this;
    }

    /**
     * The distinct values each name-valued metric label (orchestration, activity, event names,
     * versions) may take in this runtime; later values are reported as
     * {@link io.durobs.engine.catalogue.MetricCatalogue#OVERFLOW_VALUE} and counted by
     * {@code duroxide.telemetry.label_overflow}. Default
     * {@value io.durobs.engine.telemetry.EngineInstruments#DEFAULT_LABEL_VALUE_LIMIT}.
     */
    public Builder metricLabelValueLimit(int n) {
      this.metricLabelValueLimit = atLeastOne("metricLabelValueLimit", n);
      return this;
    }

    /**
     * Whether an {@link OutOfMemoryError} (or another {@link VirtualMachineError} but a
     * {@link StackOverflowError}) in an engine thread halts the JVM with status
     * {@value DurableRuntime#FATAL_EXIT_STATUS} after the runtime has stopped, for processes a supervisor restarts (containers); default false: the
     * runtime stops and {@link DurableRuntime#fatalError()} reports the error.
     */
    public Builder haltOnFatalError(boolean halt) {
      this.haltOnFatalError = halt;
      return this;
    }

    /** The runtime, not started yet. */
    public DurableRuntime build() {
      if (registry == null) {
        throw new IllegalArgumentException("a registry is required");
      }
      if (store != null) {
        return new DurableRuntime(this, store, false);
      }
      if (storeBuilder == null) {
        throw new IllegalArgumentException("a store or a database URL is required");
      }
      return new DurableRuntime(this, storeBuilder.build(), true);
    }

    private static int atLeastOne(String name, int n) {
      if (n < 1) {
        throw new IllegalArgumentException(name + " must be >= 1, got " + n);
      }
      return n;
    }
  }
}
