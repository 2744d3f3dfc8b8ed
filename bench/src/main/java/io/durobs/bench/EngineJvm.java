package io.durobs.bench;

import io.durobs.engine.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * One durobs engine at its default settings running the no-op workload in a JVM of its own,
 * started at a fixed rate, for {@link SideBySide}: engines that run at the same time, each in its
 * own process, so that each one's CPU is its process' (its garbage collection
 * and compilation included) and all of them share the machine's state of the moment.
 *
 * <p>Arguments: the JDBC URL, the user, how many in flight at most, how many to start per
 * second, then the telemetry's settings as
 * {@code KEY=VALUE} (none: telemetry off, a no-op OpenTelemetry). It prints {@value #READY} once
 * the loop runs. A line {@code rate R} on its input sets the rate to R from then on; it answers
 * each {@value #MARK} line on its input with one line:
 * {@code mark COMPLETED CPU_NANOS TELEMETRY_CPU_NANOS COMPILER_CPU_NANOS} (so far: the whole
 * JVM's, the telemetry SDK's threads', the JIT compiler's threads'), or {@code failed MESSAGE} once
 * an orchestration failed. The end of its input (or {@code stop}) stops it.
 */
public final class EngineJvm {

  static final String READY = "ready";
  static final String MARK = "mark";
  static final String FAILED = "failed";
  static final String STOP = "stop";
  static final String RATE = "rate";

  private EngineJvm() {}

  /** The program; see the class comment. */
  public static void main(String[] args) throws Exception {
    // the protocol's stream: nothing else may write to it (logging goes to stderr anyway)
    PrintStream protocol = System.out;
    System.setOut(System.err);
    String url = args[0];
    String user = args[1];
    int inFlight = Integer.parseInt(args[2]);
    AtomicReference<Double> rate = new AtomicReference<>(Double.parseDouble(args[3]));
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 4; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    Telemetry telemetry = settings.isEmpty() ? null
        : Telemetry.builder().settings(settings).shutdownHook(false).build();
    OpenTelemetry otel = telemetry == null ? OpenTelemetry.noop() : telemetry.openTelemetry();
    AtomicLong completed = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong sequence = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> slots = new ArrayList<>();
    Semaphore starts = new Semaphore(0);
    try (Engine engine = BenchMain.durobsNoOp(url, user, otel,
        new StepClock(Shape.NO_OP.steps()))) {
      slots.add(pacer(rate, inFlight, starts, stop));
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
        slots.add(t);
      }
      protocol.println(READY);
      protocol.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null && !line.equals(STOP); ) {
        if (line.startsWith(RATE + " ")) {
          rate.set(Double.parseDouble(line.substring(RATE.length() + 1)));
          continue;
        }
        if (!line.equals(MARK)) {
          continue;
        }
        Throwable failed = failure.get();
        protocol.println(failed != null ? FAILED + " " + failed
            : MARK + " " + completed.get() + " " + ClosedLoop.processCpuNanos() + " "
                + telemetryThreadsCpuNanos() + " " + compilerThreadsCpuNanos());
        protocol.flush();
      }
      stop.set(true);
      starts.release(inFlight); // the slots that wait for a start
      for (Thread t : slots) {
        t.join(60_000);
      }
    } finally {
      if (telemetry != null) {
        telemetry.close();
      }
    }
  }

  private static final long SAMPLE_MILLIS = 10;

  /** The JIT compiler's threads, by their names in {@code /proc} (cut to 15 characters). */
  private static final Pattern COMPILER_THREADS = Pattern.compile("C[12] CompilerThre");

  /**
   * CPU time so far of this JVM's JIT compiler threads, from {@code /proc/self/task} (Linux;
   * elsewhere 0). They are not Java threads, so the thread MXBean does not see them.
   */
  static long compilerThreadsCpuNanos() {
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
        if (COMPILER_THREADS.matcher(thread.command()).matches()) {
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

  private static final Pattern TELEMETRY_THREADS =
      Pattern.compile("PeriodicMetricReader|BatchLogRecordProcessor|OkHttp|okhttp");

  /**
   * CPU time so far of the OpenTelemetry SDK's own threads (the metric reader that collects and
   * exports, the log batch processor, the OTLP client's): what telemetry costs besides the
   * recordings on the engine's threads.
   */
  static long telemetryThreadsCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null && TELEMETRY_THREADS.matcher(t.getThreadName()).find()) {
        sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
      }
    }
    return sum;
  }
}
