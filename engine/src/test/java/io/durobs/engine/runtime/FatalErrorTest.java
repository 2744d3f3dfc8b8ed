package io.durobs.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.testing.EngineTestBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real {@link OutOfMemoryError} in an engine thread, in a forked JVM with a 64 MB heap: the
 * runtime stops all its dispatchers instead of running on half-dead (the issue: after the OOM the
 * dispatchers kept running), logs one line, reports the error, and halts the JVM when asked to.
 */
class FatalErrorTest extends EngineTestBase {

  @ParameterizedTest
  @ValueSource(strings = {"stop", "halt"})
  void anOutOfMemoryErrorStopsTheRuntime(String mode) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Files.createTempFile("fatal-error-", ".log");
    Process p = new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), FatalErrorProcess.class.getName(), db.jdbcUrl(),
        db.user(), db.password().isEmpty() ? "-" : db.password(), mode))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String output;
    try {
      boolean exited = p.waitFor(90, TimeUnit.SECONDS);
      output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(exited).as("the engine process exited; its output:%n%s", output).isTrue();
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(log);
    }
    List<String> fatalLines = output.lines()
        .filter(l -> l.contains("FATAL java.lang.OutOfMemoryError")).toList();
    assertThat(fatalLines).as(output).hasSize(1);
    if (mode.equals("halt")) {
      assertThat(fatalLines.get(0)).contains("stopping the durable runtime and halting the JVM"
          + " with status 70");
      assertThat(p.exitValue()).as(output).isEqualTo(DurableRuntime.FATAL_EXIT_STATUS);
    } else {
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output).contains("STOPPED java.lang.OutOfMemoryError");
    }
  }
}
