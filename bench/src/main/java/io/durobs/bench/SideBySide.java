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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * durobs engines running at the same time in one JVM ({@link EngineJvm}), each on a database of
 * its own: marks read what each has completed and what CPU its threads and its connections'
 * server processes have used so far, all at (nearly) the same moment.
 *
 * <p>Why at the same time and not in turn: windows of engines run in turn differ by the
 * machine's state between them (the server's checkpoints and autovacuum, the host's load), which
 * on this machine scattered two identical engines' CPU per orchestration by 10 % and more per
 * pair; engines that run side by side share that state, so what differs between them is what
 * differs in them.
 *
 * <p>Why in one JVM and not a JVM each: two JVMs of the same engine, started the same way,
 * differed by about 5 % of CPU per orchestration for a whole run, and their windows side by side
 * by 10 % and more: what each one's JIT compiler made of the same code, and when each collected
 * its garbage. Engines in one JVM run the same compiled code and share its collections: two
 * identical ones differed by 0 to 5.6 % per window, and by 1.5 % and 3.1 % over the 8 windows of
 * 15 s of two scratch runs.
 */
final class SideBySide implements AutoCloseable {

  /**
   * One engine to start.
   *
   * @param name its name in messages
   * @param database its database (created already)
   * @param url that database's JDBC URL
   * @param telemetrySettings its telemetry's settings, empty for telemetry off
   */
  record Spec(String name, String database, String url, Map<String, String> telemetrySettings) {}

  /**
   * What the JVM had done at a mark.
   *
   * @param compilerCpuNanos the CPU time of its JIT compiler's threads so far (shared by all)
   * @param gcCpuNanos the CPU time of its garbage collector's threads so far (shared by all)
   * @param engines each engine's, by its spec's name, in the specs' order
   */
  record Mark(long compilerCpuNanos, long gcCpuNanos, Map<String, EngineMark> engines) {}

  /**
   * What one engine had done at a mark.
   *
   * @param completed orchestrations completed so far
   * @param cpuNanos its threads' CPU time so far (the engine's, its clients', its telemetry's)
   * @param allocatedBytes what its threads allocated so far
   * @param telemetryCpuNanos the CPU time of its OpenTelemetry SDK's threads so far
   * @param backendCpuNanos the CPU time so far of the server processes serving its connections,
   *     by process id
   */
  record EngineMark(long completed, long cpuNanos, long allocatedBytes, long telemetryCpuNanos,
      Map<Long, Long> backendCpuNanos) {}

  /**
   * The JVM's heap, fixed (initial = maximum), as a service's is deployed: left to the JVM's
   * ergonomics, the heap of a JVM with telemetry on shrank from 468 to 96 MB in its first
   * seconds (the SDK's classes crossed the initial metaspace threshold, whose collection G1
   * follows with a concurrent cycle that sizes the heap to the little live data there is), and
   * it then collected four times as often (JFR). Four engines of the no-op workload at their
   * measured rates allocate about 30 MB/s together.
   */
  static final List<String> ENGINE_JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g");

  private final BenchServer server;
  private final List<Spec> specs;
  private final Process process;
  private final Writer in;
  private final BufferedReader out;
  private final Path log;
  private boolean closed;

  private SideBySide(BenchServer server, List<Spec> specs, Process process, Path log) {
    this.server = server;
    this.specs = specs;
    this.process = process;
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    this.log = log;
  }

  /**
   * Starts one JVM that builds the specs' engines in their order, each starting {@code rate}
   * orchestrations per second with at most {@code inFlight} in flight, and returns once every
   * one runs its loop. Its output beyond the protocol (logging) goes to a file in
   * {@code logDir} (created). Closing it drops the specs' databases.
   */
  static SideBySide start(BenchServer server, List<Spec> specs, int inFlight, double rate,
      Path logDir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(ENGINE_JVM_OPTIONS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        EngineJvm.class.getName(), server.user(), Integer.toString(inFlight),
        Double.toString(rate)));
    for (Spec s : specs) {
      command.add(EngineJvm.ENGINE + s.name());
      command.add(s.url());
      s.telemetrySettings().forEach((k, v) -> command.add(k + "=" + v));
    }
    Path log = logDir.resolve("engines.log");
    SideBySide all;
    try {
      Files.createDirectories(logDir);
      all = new SideBySide(server, specs,
          new ProcessBuilder(command).redirectError(log.toFile()).start(), log);
    } catch (IOException | RuntimeException e) {
      dropDatabases(server, specs);
      throw e;
    }
    try {
      // the JVM itself may print first (a recording's start, a warning): skipped
      String line;
      do {
        line = all.out.readLine();
      } while (line != null && !line.equals(EngineJvm.READY));
      if (line == null) {
        throw all.failed("ended before it was ready");
      }
      return all;
    } catch (IOException | RuntimeException e) {
      all.close();
      throw e;
    }
  }

  /** Sets every engine's rate of starts per second, from now on. */
  void rate(double perSecond) throws IOException {
    in.write(EngineJvm.RATE + " " + perSecond + "\n");
    in.flush();
  }

  /** The JVM's mark, and every engine's in it, with its connections' server processes'. */
  Mark mark() throws IOException, SQLException {
    in.write(EngineJvm.MARK + "\n");
    in.flush();
    String line = out.readLine();
    if (line == null || !line.startsWith(EngineJvm.MARK + " ")) {
      throw failed(line == null ? "ended" : line);
    }
    String[] f = line.split(" ");
    Map<String, EngineMark> engines = new LinkedHashMap<>();
    int i = 3;
    for (Spec s : specs) {
      engines.put(s.name(), new EngineMark(Long.parseLong(f[i]), Long.parseLong(f[i + 1]),
          Long.parseLong(f[i + 2]), Long.parseLong(f[i + 3]),
          server.backendCpuNanos(s.database())));
      i += 4;
    }
    return new Mark(Long.parseLong(f[1]), Long.parseLong(f[2]), engines);
  }

  private IllegalStateException failed(String what) {
    String tail = "";
    try {
      List<String> lines = Files.readAllLines(log);
      tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      tail = "(its log " + log + " unreadable: " + e.getMessage() + ")";
    }
    return new IllegalStateException("bench: the engines' JVM " + what + "; the end of its log "
        + log + ":\n" + tail);
  }

  /**
   * Stops the JVM (asked, then after a minute killed) and drops the databases; once, however
   * often called (the run's shutdown hook may call it again).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      in.write(EngineJvm.STOP + "\n");
      in.close();
    } catch (IOException ended) {
      // it has ended already
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    dropDatabases(server, specs);
  }

  private static void dropDatabases(BenchServer server, List<Spec> specs) {
    for (Spec s : specs) {
      try {
        server.dropDatabase(s.database());
      } catch (SQLException | RuntimeException e) {
        // the server stopped first (a run ended early) or the database is in use: it goes with
        // the server's directory at the run's end
        System.err.println("bench: dropping database " + s.database() + ": " + e.getMessage());
      }
    }
  }

  @Override
  public String toString() {
    return "the engines' JVM " + specs.stream().map(Spec::name).toList();
  }
}
