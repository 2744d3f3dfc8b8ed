package io.durobs.bench;

import io.durobs.engine.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * durobs engines at their default settings running the no-op workload in one JVM, each started
 * at a fixed rate on a database of its own, for {@link SideBySide}. Each engine is built by a
 * thread of a {@link ThreadGroup} of its own, so every thread it starts (its dispatchers, commit
 * lanes, pools, its telemetry SDK's and OTLP client's threads, and the bench's clients that
 * start its orchestrations) is in that group: an engine's CPU is its group's threads' CPU time,
 * plus the garbage collector's, shared out by what each group's threads allocated.
 *
 * <p>Arguments: the user, how many in flight at most (each), how many to start per second
 * (each), then each engine as {@code @NAME JDBC_URL} followed by its telemetry's settings as
 * {@code KEY=VALUE} (none: telemetry off, a no-op OpenTelemetry); the engines are built in that
 * order. It prints {@value #READY} once every loop runs. A line {@code rate R} on its input sets
 * every engine's rate to R from then on; it answers each {@value #MARK} line on its input with
 * one line: {@code mark COMPILER_CPU_NANOS GC_CPU_NANOS} (so far, the JVM's JIT compiler's and
 * garbage collector's threads') followed, per engine in the arguments' order, by
 * {@code COMPLETED CPU_NANOS ALLOCATED_BYTES TELEMETRY_CPU_NANOS} (so far: its group's threads',
 * and of them its telemetry SDK's), or {@code failed MESSAGE} once an orchestration failed. The
 * end of its input (or {@code stop}) stops it.
 *
 * <p>Shared, and so not any engine's: the JVM's own threads besides the collector's and the
 * compiler's (a few ms a run), the driver's timer threads, and logback's OpenTelemetry appender,
 * which is process-wide (the last engine built with telemetry receives every engine's log
 * records): the engines log a few lines a run, when they start and stop.
 */
public final class EngineJvm {

  static final String READY = "ready";
  static final String MARK = "mark";
  static final String FAILED = "failed";
  static final String STOP = "stop";
  static final String RATE = "rate";
  /** Begins an engine's arguments: {@code @NAME}. */
  static final String ENGINE = "@";

  private static final long SAMPLE_MILLIS = 10;
  /**
   * How often each group's threads are read: a thread that ends (an idle pool thread after a
   * minute) takes at most this much of its CPU time with it.
   */
  private static final long THREADS_SAMPLE_MILLIS = 100;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private EngineJvm() {}

  /** The program; see the class comment. */
  public static void main(String[] args) throws Exception {
    // the protocol's stream: nothing else may write to it (logging goes to stderr anyway)
    PrintStream protocol = System.out;
    System.setOut(System.err);
    String user = args[0];
    int inFlight = Integer.parseInt(args[1]);
    AtomicReference<Double> rate = new AtomicReference<>(Double.parseDouble(args[2]));
    AtomicBoolean stop = new AtomicBoolean();
    List<Hosted> engines = new ArrayList<>();
    try {
      for (int i = 3; i < args.length; ) {
        String name = args[i].substring(ENGINE.length());
        String url = args[i + 1];
        Map<String, String> settings = new LinkedHashMap<>();
        for (i += 2; i < args.length && !args[i].startsWith(ENGINE); i++) {
          int eq = args[i].indexOf('=');
          settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        engines.add(Hosted.start(name, url, user, settings, inFlight, rate, stop));
      }
      Thread sampler = new Thread(() -> {
        while (!stop.get()) {
          engines.forEach(Hosted::sample);
          try {
            Thread.sleep(THREADS_SAMPLE_MILLIS);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "bench-thread-sampler");
      sampler.setDaemon(true);
      sampler.start();
      protocol.println(READY);
      protocol.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null && !line.equals(STOP); ) {
        if (line.startsWith(RATE + " ")) {
          rate.set(Double.parseDouble(line.substring(RATE.length() + 1)));
        } else if (line.equals(MARK)) {
          protocol.println(mark(engines));
          protocol.flush();
        }
      }
    } finally {
      stop.set(true);
      for (Hosted h : engines) {
        h.close(inFlight);
      }
    }
  }

  private static String mark(List<Hosted> engines) {
    for (Hosted h : engines) {
      if (h.failure.get() != null) {
        return FAILED + " " + h.name + ": " + h.failure.get();
      }
    }
    StringBuilder line = new StringBuilder(MARK).append(' ').append(compilerThreadsCpuNanos())
        .append(' ').append(gcThreadsCpuNanos());
    for (Hosted h : engines) {
      h.sample();
      line.append(' ').append(h.completed.get());
      long[] totals = h.totals();
      for (long t : totals) {
        line.append(' ').append(t);
      }
    }
    return line.toString();
  }

  /** One engine, its clients and its pacer, all in its thread group. */
  private static final class Hosted {
    final String name;
    final ThreadGroup group;
    final AtomicLong completed = new AtomicLong();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final Semaphore starts = new Semaphore(0);
    final List<Thread> threads = new ArrayList<>();
    /** Each thread of the group ever seen: {CPU nanos, allocated bytes, telemetry's or 0}. */
    final Map<Long, long[]> seen = new HashMap<>();
    Telemetry telemetry;
    Engine engine;

    private Hosted(String name) {
      this.name = name;
      this.group = new ThreadGroup("bench-engine-" + name);
    }

    /** Builds the engine and starts its loop, from a thread of its group. */
    static Hosted start(String name, String url, String user, Map<String, String> settings,
        int inFlight, AtomicReference<Double> rate, AtomicBoolean stop) throws Exception {
      Hosted h = new Hosted(name);
      AtomicReference<Exception> failed = new AtomicReference<>();
      Thread setup = new Thread(h.group, () -> {
        try {
          h.build(url, user, settings, inFlight, rate, stop);
        } catch (Exception e) {
          failed.set(e);
        }
      }, "bench-setup-" + name);
      setup.start();
      setup.join();
      if (failed.get() != null) {
        h.close(inFlight);
        throw failed.get();
      }
      return h;
    }

    private void build(String url, String user, Map<String, String> settings, int inFlight,
        AtomicReference<Double> rate, AtomicBoolean stop) {
      telemetry = settings.isEmpty() ? null
          : Telemetry.builder().settings(settings).shutdownHook(false).build();
      OpenTelemetry otel = telemetry == null ? OpenTelemetry.noop() : telemetry.openTelemetry();
      engine = BenchMain.durobsNoOp(url, user, otel, new StepClock(Shape.NO_OP.steps()));
      threads.add(pacer(rate, inFlight, starts, stop));
      AtomicLong sequence = new AtomicLong();
      for (int i = 0; i < inFlight; i++) {
        Thread t = new Thread(() -> {
          while (failure.get() == null && !stop.get()) {
            try {
              // blocks: slots that woke to look would cost more than the engine at low rates
              starts.acquire();
              if (stop.get()) {
                return;
              }
              engine.runOne("j" + sequence.incrementAndGet());
              completed.incrementAndGet();
            } catch (InterruptedException e) {
              return;
            } catch (Exception | Error e) {
              failure.compareAndSet(null, e);
              e.printStackTrace();
            }
          }
        }, "bench-slot-" + i);
        t.setDaemon(true);
        t.start();
        threads.add(t);
      }
    }

    /**
     * Reads the CPU time and allocation of every live thread of the group. Synchronized: the
     * sampler and a mark both read, and an earlier reading stored after a later one would make
     * a window short of what the next one then has too much of.
     */
    synchronized void sample() {
      Thread[] live = new Thread[group.activeCount() * 2 + 16];
      int n = group.enumerate(live, true);
      for (int i = 0; i < n; i++) {
        long id = live[i].getId();
        long cpu = THREADS.getThreadCpuTime(id);
        long allocated = THREADS.getThreadAllocatedBytes(id);
        if (cpu >= 0 && allocated >= 0) {
          boolean sdk = TELEMETRY_THREADS.matcher(live[i].getName()).find();
          seen.put(id, new long[] {cpu, allocated, sdk ? cpu : 0});
        }
      }
    }

    /** {CPU nanos, allocated bytes, telemetry threads' CPU nanos} of the group so far. */
    synchronized long[] totals() {
      long[] sum = new long[3];
      for (long[] t : seen.values()) {
        for (int k = 0; k < sum.length; k++) {
          sum[k] += t[k];
        }
      }
      return sum;
    }

    void close(int inFlight) throws InterruptedException {
      starts.release(inFlight); // the slots that wait for a start
      for (Thread t : threads) {
        t.join(60_000);
      }
      if (engine != null) {
        engine.close();
      }
      if (telemetry != null) {
        telemetry.close();
      }
    }
  }

  /** The JIT compiler's threads, by their names in {@code /proc} (cut to 15 characters). */
  private static final Pattern COMPILER_THREADS = Pattern.compile("C[12] CompilerThre");
  /** The garbage collector's threads (G1's, and the VM thread that runs its pauses). */
  private static final Pattern GC_THREADS = Pattern.compile("GC Thread#\\d+|G1 .*|VM Thread");

  /**
   * CPU time so far of this JVM's JIT compiler threads, from {@code /proc/self/task} (Linux;
   * elsewhere 0). They are not Java threads, so the thread MXBean does not see them.
   */
  static long compilerThreadsCpuNanos() {
    return nativeThreadsCpuNanos(COMPILER_THREADS);
  }

  /** The same for the garbage collector's threads. */
  static long gcThreadsCpuNanos() {
    return nativeThreadsCpuNanos(GC_THREADS);
  }

  private static long nativeThreadsCpuNanos(Pattern names) {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return 0;
    }
    long nanos = 0;
    try (Stream<Path> list = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) list::iterator) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException ended) {
          continue; // the thread ended since the listing
        }
        ProcStat thread = ProcStat.parse(stat);
        if (names.matcher(thread.command()).matches()) {
          nanos += thread.cpuNanos(14, 15); // utime and stime
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return nanos;
  }

  /**
   * Releases {@code rate} starts per second to the slots as {@link Pacer} reckons them, looking
   * every {@value #SAMPLE_MILLIS} ms; a new rate counts from the moment it is seen.
   */
  private static Thread pacer(AtomicReference<Double> rate, int inFlight, Semaphore starts,
      AtomicBoolean stop) {
    Thread t = new Thread(() -> {
      Pacer pacer = new Pacer(inFlight, rate.get(), System.nanoTime());
      while (!stop.get()) {
        long now = System.nanoTime();
        pacer.rate(rate.get(), now);
        int n = pacer.due(now, starts.availablePermits());
        if (n > 0) {
          starts.release(n);
        }
        try {
          Thread.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-pacer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * The OpenTelemetry SDK's own threads (the metric reader that collects and exports, the log
   * batch processor, the OTLP client's): what telemetry costs besides the recordings on the
   * engine's threads.
   */
  private static final Pattern TELEMETRY_THREADS =
      Pattern.compile("PeriodicMetricReader|BatchLogRecordProcessor|OkHttp|okhttp");
}
