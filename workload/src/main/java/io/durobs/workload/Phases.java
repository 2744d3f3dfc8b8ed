package io.durobs.workload;

import static io.durobs.workload.CatalogueRegistry.APPROVAL;
import static io.durobs.workload.CatalogueRegistry.AWAIT_CHILD;
import static io.durobs.workload.CatalogueRegistry.AWAIT_EVENT;
import static io.durobs.workload.CatalogueRegistry.BUSY_PAIR;
import static io.durobs.workload.CatalogueRegistry.CHAIN;
import static io.durobs.workload.CatalogueRegistry.CRASHER;
import static io.durobs.workload.CatalogueRegistry.FAILING;
import static io.durobs.workload.CatalogueRegistry.FAULT_VICTIM;
import static io.durobs.workload.CatalogueRegistry.FICKLE;
import static io.durobs.workload.CatalogueRegistry.HELLO;
import static io.durobs.workload.CatalogueRegistry.LOOPER;
import static io.durobs.workload.CatalogueRegistry.MISCONFIGURED;
import static io.durobs.workload.CatalogueRegistry.PAIR;
import static io.durobs.workload.CatalogueRegistry.PARENT;
import static io.durobs.workload.CatalogueRegistry.POISONED_ACTIVITY;
import static io.durobs.workload.CatalogueRegistry.RETRYING;
import static io.durobs.workload.CatalogueRegistry.SLOW_ACTIVITY;
import static io.durobs.workload.CatalogueRegistry.SLOW_TURN;
import static io.durobs.workload.CatalogueRegistry.TIMER;
import static io.durobs.workload.CatalogueRegistry.TIMING_OUT;

import io.durobs.engine.api.WaitTimeoutException;
import io.durobs.engine.store.InstrumentedStore;
import io.durobs.engine.store.StoreErrorType;
import io.durobs.engine.store.StoreException;
import io.durobs.workload.CatalogueRegistry.FaultPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * The workload's phases. {@link #catalogue(Duration)} is the full catalogue run (every path, every
 * store fault, then a steady healthy load); the others are steady scenarios a harness strings
 * together to make alerts fire and clear ("healthy, failures, healthy").
 */
public final class Phases {

  /** Chain lengths that land in each {@code final_turn_count} bucket (n activities = n+1 turns). */
  static final List<Integer> CHAIN_STEPS = List.of(2, 7, 12, 55);
  /** Continue-as-new per {@link CatalogueRegistry#LOOPER} instance. */
  static final int LOOPS = 3;
  /** Activity time of the {@code slow-activities} scenario by name: over a minute. */
  static final Duration SLOW_ACTIVITY_TIME = Duration.ofSeconds(65);
  /**
   * How long the {@code queue-wait} scenario's first wave keeps the worker queue busy: a little
   * over the minute of queue wait {@code DuroxideQueueWaitHigh} looks for, so the wait is past
   * it when the first wave runs out and the arrivals behind it take over.
   */
  static final Duration QUEUE_WAIT_FIRST_WAVE = Duration.ofSeconds(75);
  /** Mean activity time of the {@code queue-wait} scenario (3 to 5 s, see {@link #queueWait}). */
  static final Duration QUEUE_WAIT_ACTIVITY_TIME = Duration.ofSeconds(4);

  /** By name: the phases, given the steady phases' duration and the pause after each batch. */
  private static final Map<String, BiFunction<Duration, Duration, List<Phase>>> BY_NAME =
      new LinkedHashMap<>();

  static {
    BY_NAME.put("catalogue", (d, p) -> catalogue(d));
    BY_NAME.put("paths", (d, p) -> List.of(paths()));
    BY_NAME.put("store-faults", (d, p) -> List.of(storeFaults()));
    BY_NAME.put("healthy", (d, p) -> List.of(healthy(d, p)));
    BY_NAME.put("failures", (d, p) -> List.of(failures(d, p)));
    BY_NAME.put("store-errors", (d, p) -> List.of(storeErrors(d, p)));
    BY_NAME.put("poison", (d, p) -> List.of(poison(d, p)));
    BY_NAME.put("config-errors", (d, p) -> List.of(configErrors(d, p)));
    BY_NAME.put("slow-activities", (d, p) -> List.of(slowActivities(d, SLOW_ACTIVITY_TIME)));
    BY_NAME.put("queue-wait", (d, p) -> List.of(queueWait(d, QUEUE_WAIT_FIRST_WAVE,
        QUEUE_WAIT_ACTIVITY_TIME)));
    BY_NAME.put("store-latency", (d, p) -> List.of(storeLatency(d)));
    BY_NAME.put("worker-backlog", (d, p) -> List.of(workerBacklog(d)));
    BY_NAME.put("orchestrator-backlog", (d, p) -> List.of(orchestratorBacklog(d)));
    BY_NAME.put("stuck", (d, p) -> List.of(stuck(d)));
  }

  private Phases() {}

  /** The full catalogue run: {@link #paths()}, {@link #storeFaults()}, {@link #healthy}. */
  public static List<Phase> catalogue(Duration healthy) {
    return List.of(paths(), storeFaults(), healthy(healthy));
  }

  /**
   * Phases by name, comma-separated: {@code catalogue}, {@code paths}, {@code store-faults},
   * {@code healthy}, and the fault scenarios {@code failures}, {@code store-errors},
   * {@code poison}, {@code config-errors}, {@code slow-activities} (65 s activities on every worker),
   * {@code queue-wait} (a worker queue that stays saturated), {@code store-latency}, {@code worker-backlog}, {@code orchestrator-backlog}, {@code stuck};
   * steady phases last {@code duration} (or until stopped in the background).
   *
   * @throws IllegalArgumentException naming an unknown phase
   */
  public static List<Phase> parse(String spec, Duration duration) {
    return parse(spec, duration, Duration.ZERO);
  }

  /**
   * Like {@link #parse(String, Duration)}, with a pause of {@code pause} after each batch of the
   * steady phases ({@code healthy}, {@code failures}, {@code store-errors}, {@code poison},
   * {@code config-errors}) instead of a closed loop: for engines that share the machine with
   * several others, where closed loops would take every core and the store latency alerts
   * would see the contention.
   *
   * @throws IllegalArgumentException naming an unknown phase
   */
  public static List<Phase> parse(String spec, Duration duration, Duration pause) {
    List<Phase> out = new ArrayList<>();
    for (String name : spec.split(",")) {
      BiFunction<Duration, Duration, List<Phase>> f = BY_NAME.get(name.trim());
      if (f == null) {
        throw new IllegalArgumentException("unknown phase '" + name.trim() + "' (known: "
            + String.join(", ", BY_NAME.keySet()) + ")");
      }
      out.addAll(f.apply(duration, pause));
    }
    return out;
  }

  /**
   * Every path of the engine once per scale unit: successes, application errors, retries to the
   * fourth attempt, attempt timeouts, cancellation of a waiting instance and of one whose
   * activity runs, sub-orchestrations that succeed and fail, a detached start, continue-as-new
   * loops, executions in every turn bucket (up to 56 turns), waits on an activity, a timer, an
   * event and a sub-orchestration that outlast a gauge refresh, a client wait that times out,
   * nondeterminism, unregistered orchestration, version and activity, poison of both an
   * orchestration and an activity, and starts through a client with a label value limit of one
   * (the label overflow counter).
   */
  public static Phase paths() {
    return Phase.of("paths", w -> {
      long waitMillis = Math.max(1500, 2 * w.gaugeRefreshInterval().toMillis() + 300);
      List<String> approvals = new ArrayList<>();
      List<String> cancelWaiting = new ArrayList<>();
      List<String> cancelBusy = new ArrayList<>();
      for (int i = 0; i < w.scale(); i++) {
        w.start(HELLO, "world");
        for (int steps : CHAIN_STEPS) {
          w.start(CHAIN, steps);
        }
        w.start(FAILING, null);
        w.start(RETRYING, null);
        w.start(TIMING_OUT, null);
        w.start(TIMER, waitMillis);
        w.start(SLOW_ACTIVITY, waitMillis);
        w.start(AWAIT_CHILD, waitMillis);
        w.start(PARENT, null);
        w.start(LOOPER, LOOPS);
        w.start(FICKLE, null);
        w.start(MISCONFIGURED, null);
        w.start(CRASHER, null);
        w.start(POISONED_ACTIVITY, null);
        approvals.add(w.start(AWAIT_EVENT, null));
        cancelWaiting.add(w.start(AWAIT_EVENT, null));
        cancelBusy.add(w.start(BUSY_PAIR, waitMillis));
      }
      try {
        w.client().waitForCompletion(approvals.get(0), Duration.ofMillis(20));
        throw new IllegalStateException(approvals.get(0) + " ended before its event was raised");
      } catch (WaitTimeoutException expected) {
        // the client wait that times out (outcome="timeout")
      }
      for (String id : cancelBusy) {
        w.cancelRunning(id, "the workload cancels a running activity");
      }
      for (String id : cancelWaiting) {
        w.client().cancel(id, "the workload cancels a waiting instance");
      }
      // more orchestration names than a label value limit of one: the label overflow counter
      w.startWithOneLabelValue(HELLO, "world");
      w.startWithOneLabelValue(FAILING, null);
      Thread.sleep(waitMillis); // the other waits are seen by at least one gauge refresh
      for (String id : approvals) {
        w.client().raiseEvent(id, APPROVAL, "approved");
      }
      for (String id : cancelBusy) {
        w.awaitCancelled(id);
      }
    });
  }

  /**
   * Every store operation fails once with every error class (real PostgreSQL errors, injected
   * at chosen moments), and every operation of an orchestration turn fails while a turn runs:
   * commits that are retried and commits that fail the execution, an abandon that fails so the
   * lock must expire, a history read, an activity result that cannot be acked or abandoned, lock
   * renewals of an activity and of a long turn, client starts and status reads, fetches of both
   * dispatchers and gauge refreshes. Fails naming the faults that never hit.
   */
  public static Phase storeFaults() {
    return Phase.of("store-faults", w -> {
      FaultInjectingStore faults = w.faults();
      for (StoreErrorType type : StoreErrorType.values()) {
        for (String kind : List.of("ack", "history", "work", "renew")) {
          w.start(FAULT_VICTIM, new FaultPlan(kind, type.label()));
        }
      }
      w.start(FAULT_VICTIM, new FaultPlan("turn_renew", StoreErrorType.DEADLOCK.label()));
      for (StoreErrorType type : StoreErrorType.values()) {
        String probe = w.freshId("probe");
        faults.inject(InstrumentedStore.ENQUEUE_ORCHESTRATOR, type, 1, probe::equals);
        expectStoreError(() -> w.faultProbeClient().startOrchestration(HELLO, probe, null), probe);
        faults.inject(InstrumentedStore.READ_STATUS, type, 1, probe::equals);
        expectStoreError(() -> w.faultProbeClient().getStatus(probe), probe);
        faults.inject(InstrumentedStore.REFRESH_GAUGES, type, 1);
      }
      // one fetch failure at a time: the dispatcher backs off 200 ms after one, seconds after six
      for (StoreErrorType type : StoreErrorType.values()) {
        for (String op : List.of(InstrumentedStore.FETCH_ORCHESTRATION_ITEM,
            InstrumentedStore.FETCH_WORK_ITEM)) {
          faults.inject(op, type, 1);
          awaitFired(w, op);
        }
        Thread.sleep(250);
      }
      w.awaitAll();
      awaitFired(w, null);
    });
  }

  /** A steady mix of short successful orchestrations for {@code duration} (closed loop). */
  public static Phase healthy(Duration duration) {
    return healthy(duration, Duration.ZERO);
  }

  /**
   * The mix of {@link #healthy(Duration)} with a pause of {@code pause} after each batch has
   * ended: a light load for engines that share the machine with several others (a closed loop
   * on each would take every core, and the latency alerts would see the contention).
   */
  public static Phase healthy(Duration duration, Duration pause) {
    return steady("healthy", duration, pause, w -> {
      w.start(HELLO, "world");
      w.start(CHAIN, 3);
    });
  }

  /**
   * Mostly failing orchestrations (application errors) for {@code duration}: four in five, above
   * the 72 % (14.4 times a 5 % budget) the fastest burn-rate alert needs over both its windows.
   */
  public static Phase failures(Duration duration) {
    return failures(duration, Duration.ZERO);
  }

  /** Like {@link #failures(Duration)}, pausing {@code pause} after each batch. */
  public static Phase failures(Duration duration, Duration pause) {
    return steady("failures", duration, pause, w -> {
      for (int i = 0; i < 4; i++) {
        w.start(FAILING, null);
      }
      w.start(HELLO, "world");
    });
  }

  /** Healthy load while commits and fetches keep failing with retryable store errors. */
  public static Phase storeErrors(Duration duration) {
    return storeErrors(duration, Duration.ZERO);
  }

  /** Like {@link #storeErrors(Duration)}, pausing {@code pause} after each batch. */
  public static Phase storeErrors(Duration duration, Duration pause) {
    return steady("store-errors", duration, pause, w -> {
      w.faults().inject(InstrumentedStore.ACK_ORCHESTRATION_ITEM, StoreErrorType.SERIALIZATION, 2);
      w.faults().inject(InstrumentedStore.ACK_WORK_ITEM, StoreErrorType.DEADLOCK, 1);
      w.start(HELLO, "world");
      w.start(CHAIN, 3);
      w.start(PAIR, null); // its results go through the worker queue's ack, which fails
    });
  }

  /** Orchestrations whose turn or activity always crashes, so their work becomes poison. */
  public static Phase poison(Duration duration) {
    return poison(duration, Duration.ZERO);
  }

  /** Like {@link #poison(Duration)}, pausing {@code pause} after each batch. */
  public static Phase poison(Duration duration, Duration pause) {
    return steady("poison", duration, pause, w -> {
      w.start(CRASHER, null);
      w.start(POISONED_ACTIVITY, null);
    });
  }

  /** Orchestrations that hit configuration errors: nondeterminism and unregistered code. */
  public static Phase configErrors(Duration duration) {
    return configErrors(duration, Duration.ZERO);
  }

  /** Like {@link #configErrors(Duration)}, pausing {@code pause} after each batch. */
  public static Phase configErrors(Duration duration, Duration pause) {
    return steady("config-errors", duration, pause, w -> {
      w.start(FICKLE, null);
      w.start(MISCONFIGURED, null);
      w.start(HELLO, "world");
    });
  }

  /**
   * Activities that outlast every worker: each worker slot gets an activity of at least
   * {@code activityTime}, the i-th one {@code i × activityTime / 32} longer (about 2 s apart for
   * 65 s), so they end one after another over a span that does not depend on when the workers
   * picked them up (a loaded machine compresses the starts), and for the
   * first two thirds of that time short orchestrations arrive, 6 a second per scale unit: their
   * activities queue up behind the slow ones (a backlog that grows past 100 within about 20 s,
   * then holds) until those end.
   * The phase lasts until {@code duration} has passed or it is stopped.
   */
  public static Phase slowActivities(Duration duration, Duration activityTime) {
    return Phase.of("slow-activities", w -> {
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      long arrivalsEnd = start + activityTime.toNanos() * 2 / 3;
      long apart = Math.min(1_000, activityTime.toMillis() / w.workerSlots());
      // an alert on the slowest activities (p99 over a window) holds only while slow ones keep
      // ending: lengths spread by a fixed step keep them ending one by one, whatever the starts
      long step = activityTime.toMillis() / 32;
      for (int i = 0; i < w.workerSlots(); i++) {
        w.start(SLOW_ACTIVITY, activityTime.toMillis() + i * step);
        Thread.sleep(apart);
      }
      do {
        if (System.nanoTime() < arrivalsEnd) {
          for (int i = 0; i < w.scale(); i++) {
            w.start(HELLO, "world");
          }
        }
        Thread.sleep(166);
      } while (w.keepGoing(end));
    });
  }

  /**
   * A worker queue that stays saturated for {@code duration}: activities of 75 % to 125 % of
   * {@code activityTime} (spread so the slots free up one at a time and fetches happen all the
   * time) arrive at twice the rate the worker slots drain them, after a first wave that alone
   * keeps the slots busy for {@code firstWave}. The queue is first in, first out, so an activity
   * fetched {@code t} seconds in has waited {@code t} seconds while the first wave lasts, and
   * longer and longer after it: with the scenario's {@link #QUEUE_WAIT_FIRST_WAVE} the wait
   * passes a minute about a minute in and stays above it until the phase ends. Then the
   * instances still queued are cancelled (their queued activities are removed with them)
   * instead of drained: the backlog holds more than {@code firstWave} of work by construction,
   * and draining it would only keep the engine busy that long.
   */
  public static Phase queueWait(Duration duration, Duration firstWave, Duration activityTime) {
    return Phase.of("queue-wait", w -> {
      long end = System.nanoTime() + duration.toNanos();
      long meanMillis = activityTime.toMillis();
      double drainPerSecond = w.workerSlots() * 1000.0 / meanMillis;
      List<String> started = new ArrayList<>();
      try {
        long wave = Math.round(drainPerSecond * firstWave.toMillis() / 1000.0);
        for (int i = 0; i < wave; i++) {
          started.add(w.start(SLOW_ACTIVITY, queueWaitActivityMillis(meanMillis, started.size())));
        }
        do {
          // every half second, a second's worth of draining: arrivals at twice the drain rate
          for (int i = 0; i < Math.ceil(drainPerSecond); i++) {
            started.add(w.start(SLOW_ACTIVITY, queueWaitActivityMillis(meanMillis, started.size())));
          }
          Thread.sleep(500);
        } while (w.keepGoing(end));
      } finally {
        for (String id : started) {
          w.client().cancel(id, "the queue-wait scenario ends: its backlog is dropped");
        }
      }
    });
  }

  /** Activity times from 75 % to 125 % of the mean, in turn, so the slots do not free up together. */
  private static long queueWaitActivityMillis(long meanMillis, int n) {
    return meanMillis * 3 / 4 + (n % 5) * meanMillis / 8;
  }

  /**
   * Healthy load while the database is slow for real: a session keeps taking an exclusive lock
   * on both queue tables for 900 ms out of every 1000, so every write to a queue (a client start,
   * a commit, a worker fetch) waits for it; the p95 latency of client starts
   * ({@code enqueue_orchestrator}) lands well above 500 ms. Starts come 150 ms after the previous
   * one returned, not after the previous instance completed: completions happen in the short
   * gaps between locks, and a start right after one would mostly find the tables free.
   */
  public static Phase storeLatency(Duration duration) {
    return Phase.of("store-latency", w -> {
      AtomicBoolean done = new AtomicBoolean();
      CompletableFuture<Void> firstLock = new CompletableFuture<>();
      Thread locker = new Thread(() -> holdQueueLocks(w, done, firstLock), "workload-locker");
      locker.setDaemon(true);
      locker.start();
      try {
        firstLock.join();
        long end = System.nanoTime() + duration.toNanos();
        do {
          for (int i = 0; i < w.scale(); i++) {
            w.start(HELLO, "world");
          }
          Thread.sleep(150);
        } while (w.keepGoing(end));
      } finally {
        done.set(true);
        locker.join();
      }
    });
  }

  /** SQL states of a lock lost to another session: a deadlock's victim, a lock timeout. */
  private static final Set<String> LOCK_CONFLICTS = Set.of("40P01", "55P03");

  private static void holdQueueLocks(CatalogueWorkload w, AtomicBoolean done,
      CompletableFuture<Void> firstLock) {
    String tables = w.schema() + ".orchestrator_queue, " + w.schema() + ".worker_queue";
    try (Connection c = w.connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      while (!done.get()) {
        try {
          s.execute("LOCK TABLE " + tables + " IN EXCLUSIVE MODE");
          firstLock.complete(null);
          Thread.sleep(900);
          c.commit();
        } catch (SQLException e) {
          if (!LOCK_CONFLICTS.contains(e.getSQLState())) {
            throw e;
          }
          // the server chose this session as a deadlock's victim (an engine transaction held
          // one queue table and waited for the other, which this lock held): lock again, or the
          // fault would end early without a word and the latency alert never fire
          c.rollback();
        }
        Thread.sleep(100);
      }
    } catch (SQLException e) {
      firstLock.completeExceptionally(new IllegalStateException(
          "cannot lock the queue tables: " + e.getMessage(), e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      firstLock.complete(null);
    }
  }

  /**
   * More slow activities than the workers can run at once, for {@code duration}: the worker
   * queue grows (by about 5 a second with the default 8 slots, once each slot holds one fetched
   * ahead), messages wait, every worker slot is busy.
   */
  public static Phase workerBacklog(Duration duration) {
    return Phase.of("worker-backlog", w -> {
      long end = System.nanoTime() + duration.toNanos();
      do {
        // 13 one-second activities a second per scale unit, for the default 8 worker slots:
        // 8 run, each slot holds one more fetched ahead (locked, so not in the depth), the
        // rest wait in the queue and grow it
        for (int i = 0; i < 26 * w.scale(); i++) {
          w.start(SLOW_ACTIVITY, 1_000L);
        }
        Thread.sleep(Math.min(duration.toMillis(), 2_000));
      } while (w.keepGoing(end));
    });
  }

  /**
   * Instances arrive faster than the orchestration slots can run their slow first turns
   * (250 ms each), for {@code duration}: the orchestrator queue grows (by about 4 a second with
   * the default 4 slots).
   */
  public static Phase orchestratorBacklog(Duration duration) {
    return Phase.of("orchestrator-backlog", w -> {
      long end = System.nanoTime() + duration.toNanos();
      do {
        // 20 quarter-second turns a second per scale unit, for the default 4 orchestration slots
        for (int i = 0; i < 5 * w.scale(); i++) {
          w.start(SLOW_TURN, 250L);
        }
        Thread.sleep(250);
      } while (w.keepGoing(end));
    });
  }

  /**
   * Dispatching wedged for {@code duration}, for real: orchestrations wait for their one-second
   * activities while another database session holds row locks on their instances (as a hung
   * process or a forgotten transaction would). The activities end and their results queue up,
   * but the dispatchers skip locked instances, so the instances stay active while nothing is
   * fetched and no slot is busy. Then the session lets go and they complete.
   */
  public static Phase stuck(Duration duration) {
    return Phase.of("stuck", w -> {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 4 * w.scale(); i++) {
        ids.add(w.start(SLOW_ACTIVITY, 1_000L));
      }
      for (String id : ids) {
        w.awaitActivityRunning(id);
      }
      try (Connection c = w.connect()) {
        c.setAutoCommit(false);
        try (PreparedStatement lock = c.prepareStatement("SELECT instance_id FROM " + w.schema()
            + ".instances WHERE instance_id = ANY (?) FOR UPDATE")) {
          lock.setArray(1, c.createArrayOf("text", ids.toArray()));
          lock.executeQuery().close();
        }
        long end = System.nanoTime() + duration.toNanos();
        while (w.keepGoing(end)) {
          Thread.sleep(50);
        }
        c.rollback();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot hold the instances' row locks: " + e.getMessage(), e);
      }
    });
  }

  private interface Batch {
    void start(CatalogueWorkload w) throws InterruptedException;
  }

  /**
   * Starts {@code scale} batches, waits for them to end, pauses {@code pause} (none: a closed
   * loop), and repeats until the time is up.
   */
  private static Phase steady(String name, Duration duration, Duration pause, Batch batch) {
    return Phase.of(name, w -> {
      long end = System.nanoTime() + duration.toNanos();
      do {
        for (int i = 0; i < w.scale(); i++) {
          batch.start(w);
        }
        w.awaitAll();
        if (!pause.isZero() && w.keepGoing(end)) {
          Thread.sleep(pause.toMillis());
        }
      } while (w.keepGoing(end));
    });
  }

  private static void expectStoreError(Runnable call, String probe) {
    try {
      call.run();
    } catch (StoreException expected) {
      return;
    }
    throw new IllegalStateException("the fault injected for " + probe + " did not fire");
  }

  /** Waits until the faults of {@code operation} (all faults when null) have fired. */
  private static void awaitFired(CatalogueWorkload w, String operation)
      throws InterruptedException {
    long deadline = System.nanoTime() + w.awaitTimeout().toNanos();
    FaultInjectingStore f = w.faults();
    while ((operation == null ? f.pending() : f.pending(operation)) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("injected store faults never hit: "
            + f.describePending());
      }
      Thread.sleep(10);
    }
  }
}
