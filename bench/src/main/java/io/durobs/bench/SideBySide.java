package io.durobs.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * durobs engines running at the same time, each in a JVM of its own ({@link EngineJvm}) on a
 * database of its own: marks read what each has completed and what CPU its process and its
 * connections' server processes have used so far, all at (nearly) the same moment.
 *
 * <p>Why at the same time and not in turn: windows of engines run in turn differ by the
 * machine's state between them (the server's checkpoints and autovacuum, the host's load), which
 * on this machine scattered two identical engines' CPU per orchestration by 10 % and more per
 * pair; engines that run side by side share that state, so what differs between them is what
 * differs in them.
 */
final class SideBySide implements AutoCloseable {

  /**
   * One engine's JVM to start.
   *
   * @param name its name in messages and its log file's
   * @param database its database (created already)
   * @param url that database's JDBC URL
   * @param telemetrySettings its telemetry's settings, empty for telemetry off
   */
  record Spec(String name, String database, String url, Map<String, String> telemetrySettings) {}

  /**
   * What one engine had done at a mark.
   *
   * @param completed orchestrations completed so far
   * @param cpuNanos its JVM's CPU time so far
   * @param telemetryCpuNanos the CPU time of its OpenTelemetry SDK's threads so far
   * @param compilerCpuNanos the CPU time of its JIT compiler's threads so far
   * @param backendCpuNanos the CPU time so far of the server processes serving its connections,
   *     by process id
   */
  record Mark(long completed, long cpuNanos, long telemetryCpuNanos, long compilerCpuNanos,
      Map<Long, Long> backendCpuNanos) {}

  /**
   * Every engine JVM's heap, fixed (initial = maximum), as a service's is deployed. Left to the
   * JVM's ergonomics, the heap of an engine with telemetry on shrank from 468 to 96 MB in its
   * first seconds: the SDK's classes crossed the initial metaspace threshold, whose collection
   * G1 follows with a concurrent cycle that sizes the heap to the little live data there is; the
   * engines without telemetry, loading fewer classes, kept 468 MB. With a young generation a
   * fifth the size it collected four times as often (27 young collections against 7 in 123 s,
   * JFR of both; 8 and 8 with this option). A fixed heap makes the engines differ in what they
   * run, not in how their JVMs sized themselves; the forks' median overhead did not move with it
   * (+5.5 % against +5.1 % in the run before), their scatter being larger than the bias was.
   */
  static final List<String> ENGINE_JVM_OPTIONS = List.of("-Xms512m", "-Xmx512m");

  private record Child(Spec spec, Process process, Writer in, BufferedReader out, Path log) {}

  private final BenchServer server;
  private final List<Child> children;
  private final List<String> databases;
  private boolean closed;

  private SideBySide(BenchServer server, List<Child> children, List<String> databases) {
    this.server = server;
    this.children = children;
    this.databases = databases;
  }

  /**
   * Starts one JVM per spec, each starting {@code rate} orchestrations per second with at most
   * {@code inFlight} in flight, and returns once every one runs its loop. Their output beyond
   * the protocol (logging) goes to a file each in {@code logDir} (created). Closing them drops
   * the specs' databases.
   */
  static SideBySide start(BenchServer server, List<Spec> specs, int inFlight, double rate,
      Path logDir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Child> children = new ArrayList<>();
    SideBySide all = new SideBySide(server, children,
        specs.stream().map(Spec::database).toList());
    try {
      Files.createDirectories(logDir);
      for (Spec s : specs) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(ENGINE_JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
            EngineJvm.class.getName(), s.url(), server.user(), Integer.toString(inFlight),
            Double.toString(rate)));
        s.telemetrySettings().forEach((k, v) -> command.add(k + "=" + v));
        Path log = logDir.resolve("engine-" + s.name() + ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        children.add(new Child(s, p,
            new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8),
            new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8)), log));
      }
      for (Child c : children) {
        // the JVM itself may print first (a recording's start, a warning): skipped
        String line;
        do {
          line = c.out().readLine();
        } while (line != null && !line.equals(EngineJvm.READY));
        if (line == null) {
          throw failed(c, "ended before it was ready");
        }
      }
      return all;
    } catch (IOException | RuntimeException e) {
      all.close();
      throw e;
    }
  }

  /** Sets every engine's rate of starts per second, from now on. */
  void rate(double perSecond) throws IOException {
    for (Child c : children) {
      c.in().write(EngineJvm.RATE + " " + perSecond + "\n");
      c.in().flush();
    }
  }

  /** Every engine's mark, in the specs' order: all asked first, then all read. */
  List<Mark> mark() throws IOException, SQLException {
    for (Child c : children) {
      c.in().write(EngineJvm.MARK + "\n");
      c.in().flush();
    }
    List<Mark> marks = new ArrayList<>();
    for (Child c : children) {
      String line = c.out().readLine();
      if (line == null || !line.startsWith(EngineJvm.MARK + " ")) {
        throw failed(c, line == null ? "ended" : line);
      }
      String[] f = line.split(" ");
      marks.add(new Mark(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
          Long.parseLong(f[4]), server.backendCpuNanos(c.spec().database())));
    }
    return marks;
  }

  private static IllegalStateException failed(Child c, String what) {
    String tail = "";
    try {
      List<String> lines = Files.readAllLines(c.log());
      tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      tail = "(its log " + c.log() + " unreadable: " + e.getMessage() + ")";
    }
    return new IllegalStateException("bench: the engine JVM '" + c.spec().name() + "' " + what
        + "; the end of its log " + c.log() + ":\n" + tail);
  }

  /**
   * Stops every JVM (asked, then after a minute killed) and drops their databases; once, however
   * often called (the run's shutdown hook may call it again).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Child c : children) {
      try {
        c.in().write(EngineJvm.STOP + "\n");
        c.in().close();
      } catch (IOException ended) {
        // it has ended already
      }
    }
    for (Child c : children) {
      try {
        if (!c.process().waitFor(60, TimeUnit.SECONDS)) {
          c.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        c.process().destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    for (String database : databases) {
      try {
        server.dropDatabase(database);
      } catch (SQLException | RuntimeException e) {
        // the server stopped first (a run ended early) or the database is in use: it goes with
        // the server's directory at the run's end
        System.err.println("bench: dropping database " + database + ": " + e.getMessage());
      }
    }
  }

  @Override
  public String toString() {
    return "the engine JVMs " + children.stream().map(c -> c.spec().name()).toList();
  }
}
