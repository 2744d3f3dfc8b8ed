package io.durobs.bench;

import io.durobs.bench.BenchServer.Counters;
import io.durobs.bench.BenchServer.StatementStat;
import io.durobs.bench.BenchServer.WaitSample;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed loop: {@code inFlight} client threads, each starting an orchestration and waiting for
 * its completion before starting the next, so that exactly that many are in flight. After the
 * warm-up it measures {@link Plan#repeats()} back-to-back windows; an orchestration counts in the
 * window in which it completed. Each window reads the server's counters at its edges; with
 * {@code profile}, the backends' wait events are sampled every {@value #SAMPLE_MILLIS} ms and the
 * statements of the measured windows are read from {@code pg_stat_statements}.
 */
final class ClosedLoop {

  static final int SAMPLE_MILLIS = 20;
  /** How long a window may run past its length waiting for {@link Plan#minCompleted()}. */
  static final java.time.Duration WINDOW_CAP = java.time.Duration.ofSeconds(120);

  private final Engine engine;
  private final StepClock clock;
  private final int inFlight;
  private final Plan plan;
  private final BenchServer server;
  private final String database;
  private final boolean profile;
  /** Instance ids: unique in this JVM, as several loops may drive one engine in turn. */
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile WindowData current;
  private volatile boolean stop;

  ClosedLoop(Engine engine, StepClock clock, int inFlight, Plan plan, BenchServer server,
      String database, boolean profile) {
    this.engine = engine;
    this.clock = clock;
    this.inFlight = inFlight;
    this.plan = plan;
    this.server = server;
    this.database = database;
    this.profile = profile;
  }

  /** Runs the warm-up and the windows; returns what each window measured. */
  Measured run() throws InterruptedException, SQLException, java.io.IOException {
    List<Thread> slots = new ArrayList<>();
    for (int i = 0; i < inFlight; i++) {
      Thread t = new Thread(this::slot, "bench-slot-" + i);
      t.setDaemon(true);
      t.start();
      slots.add(t);
    }
    List<Window> windows = new ArrayList<>();
    List<Double> latencies = new ArrayList<>();
    List<Double> stepGaps = new ArrayList<>();
    List<Double> firstGaps = new ArrayList<>();
    List<Double> lastGaps = new ArrayList<>();
    Map<String, Integer> waits = new LinkedHashMap<>();
    long samples = 0;
    long idle = 0;
    long idleInTransaction = 0;
    List<StatementStat> statements = List.of();
    List<StatementStat> nested = List.of();
    try {
      pause(plan.warmup().toMillis());
      if (profile) {
        server.resetStatements();
      }
      for (int r = 0; r < plan.repeats() && failure.get() == null; r++) {
        Counters before = server.counters(database);
        long cpu0 = processCpuNanos();
        long server0 = server.cpuNanos();
        WindowData w = new WindowData();
        long t0 = System.nanoTime();
        current = w;
        long end = t0 + plan.window().toNanos();
        long cap = end + WINDOW_CAP.toNanos();
        while ((System.nanoTime() < end || w.count() < plan.minCompleted())
            && System.nanoTime() < cap && failure.get() == null) {
          if (profile) {
            WaitSample s = server.sampleWaits(database);
            s.active().forEach((k, v) -> waits.merge(k, v, Integer::sum));
            idle += s.idle();
            idleInTransaction += s.idleInTransaction();
            samples++;
          }
          long left = (end - System.nanoTime()) / 1_000_000;
          pause(left > 0 ? Math.min(SAMPLE_MILLIS, left) : SAMPLE_MILLIS);
        }
        if (w.count() < plan.minCompleted() && failure.get() == null) {
          failure.compareAndSet(null, new IllegalStateException(w.count() + " orchestrations"
              + " completed in " + WINDOW_CAP.plus(plan.window()).toSeconds() + " s"));
        }
        WindowData done = current;
        double seconds = (System.nanoTime() - t0) / 1e9;
        current = null;
        Counters after = server.counters(database);
        long cpu = processCpuNanos() - cpu0;
        long serverCpu = server.cpuNanos() - server0;
        synchronized (done) {
          windows.add(Window.of(seconds, done.latencies, before, after, cpu, serverCpu));
          latencies.addAll(done.latencies);
          stepGaps.addAll(done.stepGaps);
          firstGaps.addAll(done.firstGaps);
          lastGaps.addAll(done.lastGaps);
        }
      }
      if (profile) {
        statements = server.statements(database, 15);
        nested = server.nestedStatements(database, 10);
      }
    } finally {
      stop = true;
      for (Thread t : slots) {
        t.join(180_000);
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("an orchestration failed: " + failure.get().getMessage(),
          failure.get());
    }
    return new Measured(windows, latencies, firstGaps, stepGaps, lastGaps,
        profile ? new Profile(waits, samples, idle, idleInTransaction, statements, nested)
            : null);
  }

  private void slot() {
    while (!stop && failure.get() == null) {
      String id = "b" + SEQUENCE.incrementAndGet();
      long t0 = System.nanoTime();
      clock.submitted(id, t0);
      try {
        engine.runOne(id);
      } catch (Exception | Error e) {
        failure.compareAndSet(null, e);
        return;
      }
      long t1 = System.nanoTime();
      WindowData w = current;
      if (w == null) {
        clock.discard(id);
      } else {
        w.record((t1 - t0) / 1e6, clock.finish(id, t1));
      }
    }
  }

  /** CPU time of this JVM so far (engine, clients, telemetry: everything of the benchmark). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void pause(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  /** What completed in one window. */
  private static final class WindowData {
    final List<Double> latencies = new ArrayList<>();
    final List<Double> firstGaps = new ArrayList<>();
    final List<Double> stepGaps = new ArrayList<>();
    final List<Double> lastGaps = new ArrayList<>();

    synchronized int count() {
      return latencies.size();
    }

    synchronized void record(double latencyMs, double[] gaps) {
      latencies.add(latencyMs);
      if (gaps.length > 2) {
        firstGaps.add(gaps[0]);
        for (int i = 1; i < gaps.length - 1; i++) {
          stepGaps.add(gaps[i]);
        }
        lastGaps.add(gaps[gaps.length - 1]);
      }
    }
  }

  /**
   * One measured window.
   *
   * @param seconds its length
   * @param completed orchestrations completed in it
   * @param perSecond completed per second
   * @param p50Ms median latency (start request to completion seen by the client)
   * @param p95Ms 95th percentile latency
   * @param writeXactsPerOrch write transactions of the server per orchestration
   * @param commitsPerOrch commits of the database per orchestration (read-only ones included)
   * @param walBytesPerOrch WAL bytes of the server per orchestration
   * @param cpuMsPerOrch CPU time of the benchmark's JVM per orchestration (the engine and its
   *     clients; the server's processes not included)
   * @param serverCpuMsPerOrch CPU time of the server's processes per orchestration (every
   *     backend, the WAL writer, autovacuum: the whole server, whatever else it served meanwhile)
   */
  record Window(double seconds, long completed, double perSecond, double p50Ms, double p95Ms,
      double writeXactsPerOrch, double commitsPerOrch, double walBytesPerOrch, double cpuMsPerOrch,
      double serverCpuMsPerOrch) {

    static Window of(double seconds, List<Double> latencies, Counters before, Counters after,
        long cpuNanos, long serverCpuNanos) {
      double[] l = latencies.stream().mapToDouble(Double::doubleValue).toArray();
      long n = l.length;
      double per = n == 0 ? Double.NaN : 1.0 / n;
      return new Window(seconds, n, n / seconds, Stats.quantile(l, 0.5), Stats.quantile(l, 0.95),
          (after.nextXid() - before.nextXid()) * per, (after.commits() - before.commits()) * per,
          (after.walBytes() - before.walBytes()) * per, cpuNanos / 1e6 * per,
          serverCpuNanos / 1e6 * per);
    }
  }

  /**
   * The backends' wait events and the statements over the measured windows.
   *
   * @param activeByWait busy-backend samples by wait event ({@code CPU}: running)
   * @param samples how many times the backends were looked at
   * @param idleSamples idle-backend samples (waiting for the engine, no transaction open)
   * @param idleInTransactionSamples samples of backends waiting for the engine inside a transaction
   * @param statements the most called statements the clients sent
   * @param nestedStatements the statements run inside functions, the most time first
   */
  record Profile(Map<String, Integer> activeByWait, long samples, long idleSamples,
      long idleInTransactionSamples, List<StatementStat> statements,
      List<StatementStat> nestedStatements) {}

  /**
   * Everything one series measured.
   *
   * @param windows each window
   * @param latenciesMs every latency, all windows
   * @param firstGapsMs start request to the first step
   * @param stepGapsMs one step's end to the next one's start
   * @param lastGapsMs last step's end to the completion seen by the client
   * @param profile wait events and statements, or null
   */
  record Measured(List<Window> windows, List<Double> latenciesMs, List<Double> firstGapsMs,
      List<Double> stepGapsMs, List<Double> lastGapsMs, Profile profile) {}
}
