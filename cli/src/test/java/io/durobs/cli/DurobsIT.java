package io.durobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.cli.stack.StackState;
import io.durobs.toolkit.tools.Checkout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's loop end to end, through the {@code ./durobs} launcher and the jar the build just
 * made: {@code stack up}, {@code demo}, {@code validate}, {@code stack down}; afterwards no process
 * of the stack runs (none of the recorded pids, none whose command line names the test's
 * directory), the run folder is gone and no PostgreSQL directory of the stack is left in the temp
 * directory (the server's directory is there because, as root, it runs as an unprivileged user
 * who may not reach the checkout).
 */
class DurobsIT {

  /** The validate summary when every panel has data: {@code panels N/N with data}. */
  private static final java.util.regex.Pattern EVERY_PANEL =
      java.util.regex.Pattern.compile("panels (\\d+)/\\1 with data");

  private Path work;

  @BeforeEach
  void workDirectory() throws IOException {
    work = Files.createDirectories(Path.of("target", "durobs-it-" + System.nanoTime())
        .toAbsolutePath());
  }

  @AfterEach
  void removeWorkDirectory() throws IOException {
    try (Stream<Path> all = Files.walk(work)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void upDemoValidateDownLeavesNothingBehind() throws Exception {
    Path runDir = work.resolve("run");
    List<Path> pgDirsBefore = postgresDirectories();
    Map<String, String> env = Map.of("DUROBS_RUN_DIR", runDir.toString(), "DUROBS_NO_BUILD", "1");

    Result up = durobs(env, "stack", "up", "--mode", "local", "--free-ports");
    assertThat(up.code()).as(up.toString()).isZero();
    StackState state = StackState.read(runDir).orElseThrow();
    assertThat(up.out()).contains(state.prometheusUrl(), state.alertmanagerUrl(),
        state.otlpEndpoint(), state.databaseUrl());
    assertThat(state.services()).extracting(StackState.Service::name)
        .containsExactly("postgres", "collector", "alertmanager", "prometheus");
    List<Long> pids = state.services().stream().map(StackState.Service::pid).toList();
    try {
      Result status = durobs(env, "stack", "status");
      assertThat(status.code()).as(status.toString()).isZero();
      assertThat(status.out().lines()).hasSize(4).allMatch(l -> l.contains(" healthy "));

      Result again = durobs(env, "stack", "up", "--mode", "local", "--free-ports");
      assertThat(again.code()).isZero();
      assertThat(again.err()).contains("already runs");
      assertThat(StackState.read(runDir).orElseThrow().services())
          .extracting(StackState.Service::pid).containsExactlyElementsOf(pids);

      Result demo = durobs(env, "demo", "--timeout", "3m");
      assertThat(demo.code()).as(demo.toString()).isZero();
      assertThat(demo.err()).contains("demo: panels");
      assertThat(demo.out()).containsPattern(EVERY_PANEL);

      Result validate = durobs(env, "validate", "--quiet");
      assertThat(validate.code()).as(validate.toString()).isZero();
      assertThat(validate.out()).containsPattern(EVERY_PANEL);
    } finally {
      Result down = durobs(env, "stack", "down");
      assertThat(down.code()).as(down.toString()).isZero();
    }
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid " + pid).isEmpty();
    }
    assertThat(processesMentioning(work.toString())).as("processes using " + work).isEmpty();
    assertThat(runDir).doesNotExist();
    assertThat(postgresDirectories()).as("PostgreSQL directories left in the temp directory")
        .isSubsetOf(pgDirsBefore);
    Result downAgain = durobs(env, "stack", "down");
    assertThat(downAgain.code()).isZero();
    assertThat(downAgain.err()).contains("no stack runs");
  }

  /** The local stack's PostgreSQL directories in the system temp directory (any run's). */
  private static List<Path> postgresDirectories() throws IOException {
    try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return all.filter(p -> p.getFileName().toString().startsWith("durobs-stack-pg-")).toList();
    }
  }

  private static List<String> processesMentioning(String text) {
    return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
        .map(p -> p.info().commandLine().orElse(""))
        .filter(c -> c.contains(text)).toList();
  }

  private record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private Result durobs(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path root = Checkout.root();
    List<String> cmd = new java.util.ArrayList<>(List.of(root.resolve("durobs").toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("durobs " + String.join(" ", args) + " did not end in 5 min");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
