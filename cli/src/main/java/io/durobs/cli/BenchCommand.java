package io.durobs.cli;

import io.durobs.toolkit.tools.Checkout;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code durobs bench [--quick|--smoke] [--json FILE]}: the benchmark of {@code bench/}
 * ({@code io.durobs.bench.BenchMain}; its options, help and exit codes), run as its own JVM from
 * {@code bench/target/durobs-bench.jar}. The benchmark carries DBOS Transact, its peer, which
 * stays out of {@code durobs.jar}; the {@code ./durobs} launcher builds that jar when it is
 * missing or stale.
 */
@Command(name = "bench", description = "Measure the engine against PostgreSQL's limit (pgbench)"
    + " and DBOS Transact on its own PostgreSQL server; prints a table and one summary line."
    + " 'durobs bench --help' lists the options.")
final class BenchCommand implements Callable<Integer> {

  /** The benchmark's runnable jar, relative to the checkout (its libraries in {@code lib/} beside it). */
  static final String JAR = "bench/target/durobs-bench.jar";

  @Spec private CommandSpec spec;
  @Unmatched private List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path root = Checkout.root();
    Path jar = root.resolve(JAR);
    if (!Files.isRegularFile(jar)) {
      Streams.err(spec).println("durobs bench: " + jar + " is missing: run ./durobs bench (it"
          + " builds it), or mvn -pl bench -am package -DskipTests");
      return 2;
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Ddurobs.root=" + root, "-jar", jar.toString()));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
    // this JVM told to end (SIGTERM to it alone) ends the benchmark too, which then stops its
    // server and collector; a Ctrl-C reaches both JVMs anyway
    Thread stop = new Thread(() -> stop(p), "bench-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      Thread out = pump(p.getInputStream(), Streams.out(spec));
      Thread err = pump(p.getErrorStream(), Streams.err(spec));
      int exit = p.waitFor();
      out.join();
      err.join();
      return exit;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs
      }
    }
  }

  private static void stop(Process p) {
    if (p.isAlive()) {
      p.destroy();
      try {
        p.waitFor(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Copies a stream of the benchmark to this command's writer, line by line, as it comes. */
  private static Thread pump(InputStream from, PrintStream to) {
    Thread t = new Thread(() -> {
      try (from) {
        from.transferTo(to);
      } catch (IOException ignored) {
        // the benchmark ended
      } finally {
        to.flush();
      }
    }, "bench-output");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
