package io.durobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.testing.postgres.LocalPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark ended mid-run (Ctrl-C, SIGTERM) leaves nothing running: the server it started, the
 * collector of its telemetry forks and the engines' JVM of the fork that runs are stopped by its
 * shutdown hook. The run is ended once it has said it runs with telemetry, when all of them are up.
 */
class BenchInterruptTest {

  private static final Pattern DATA_DIRECTORY = Pattern.compile("data_directory=([^,}]+)");
  private static final Pattern WORK_DIRECTORY = Pattern.compile("work directory (\\S+)");

  @Test
  void aRunEndedBySigtermStopsItsServerAndCollectorAndDeletesItsFiles(@TempDir Path dir) throws Exception {
    Process bench = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Ddurobs.root=" + System.getProperty("durobs.root"),
        BenchMain.class.getName(), "--smoke", "--json", dir.resolve("b.json").toString()))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    Path serverDir = null;
    Path workDir = null;
    List<ProcessHandle> children = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    try (BufferedReader err = new BufferedReader(new InputStreamReader(bench.getErrorStream(),
        StandardCharsets.UTF_8))) {
      for (String line; (line = err.readLine()) != null; ) {
        Matcher m = DATA_DIRECTORY.matcher(line);
        if (m.find()) {
          serverDir = Path.of(m.group(1).strip());
        }
        Matcher w = WORK_DIRECTORY.matcher(line);
        if (w.find()) {
          workDir = Path.of(w.group(1));
        }
        if (line.contains("telemetry on")) {
          children.addAll(bench.descendants().toList());
          // the command only: the command line's end (the main class, after the class path)
          // is cut off by what the JDK reads of it
          children.forEach(c -> commands.add(c.info().command().orElse("")));
          bench.destroy(); // SIGTERM
          break;
        }
      }
      try {
        // read on, so that nothing it writes while stopping can block it on a full pipe
        err.transferTo(java.io.Writer.nullWriter());
      } catch (java.io.IOException closedOnExit) {
        // the JDK closes a destroyed process' streams once it has exited
      }
      assertThat(bench.waitFor(60, TimeUnit.SECONDS)).as("the benchmark ended").isTrue();
    } finally {
      bench.destroyForcibly();
    }
    assertThat(serverDir).as("the run printed its server's directory").isNotNull();
    // the collector and the engines' JVM of the telemetry forks' first fork (and the server's
    // processes)
    assertThat(commands).as("the collector and the engines' JVM were running: " + commands)
        .filteredOn(c -> c.endsWith("/bin/java")).hasSize(1);
    assertThat(LocalPostgres.isRunning(serverDir)).as("the server in " + serverDir).isFalse();
    assertThat(serverDir).as("the server's directory").doesNotExist();
    assertThat(workDir).as("the run printed its work directory").isNotNull();
    assertThat(workDir).as("the run's work directory").doesNotExist();
    for (ProcessHandle child : children) {
      assertThat(child.isAlive()).as("child " + child.pid() + " " + child.info().command())
          .isFalse();
    }
  }
}
