package io.durobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without a stack: help, bad input (exit 2, one line), and the static checks. */
class DurobsTest {

  @TempDir Path dir;

  /** One run of the command line: its exit code and what it wrote. */
  record Run(int code, String out, String err) {}

  /** Runs {@code durobs args} in this JVM (also used by the other command tests). */
  static Run durobs(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Durobs.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] args : new String[][] {{"--help"}, {"render", "--help"}, {"lint", "--help"},
        {"validate", "--help"}, {"stack", "--help"}, {"stack", "up", "--help"},
        {"stack", "down", "--help"}, {"stack", "status", "--help"}, {"stack", "logs", "--help"},
        {"demo", "--help"}, {"migrate", "--help"}}) {
      Run r = durobs(args);
      assertThat(r.code()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).as(String.join(" ", args)).contains("Usage:");
    }
  }

  @Test
  void badInputIsExitTwoWithOneLineNamingIt() {
    Run none = durobs();
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).startsWith("durobs: no command given");

    Run mode = durobs("stack", "up", "--mode", "podman");
    assertThat(mode.code()).isEqualTo(2);
    assertThat(mode.err()).contains("--mode must be auto, local or docker, not 'podman'");

    Run lint = durobs("lint", dir.resolve("missing.json").toString());
    assertThat(lint.code()).isEqualTo(2);
    assertThat(lint.err()).contains("missing.json").hasLineCount(1);
  }

  @Test
  void withoutAStackStatusFailsAndDemoAndDownSaySo() {
    String runDir = dir.resolve("run").toString();
    Run status = durobs("stack", "--run-dir", runDir, "status");
    assertThat(status.code()).isEqualTo(1);
    assertThat(status.out()).contains("no stack runs from " + runDir);

    Run down = durobs("stack", "down", "--run-dir", runDir);
    assertThat(down.code()).isZero();
    assertThat(down.err()).contains("no stack runs");

    Run demo = durobs("demo", "--run-dir", runDir);
    assertThat(demo.code()).isEqualTo(2);
    assertThat(demo.err()).contains("no stack runs (start one with 'durobs stack up')");
  }

  @Test
  void lintPassesGeneratedAndReportsABrokenDashboard() throws IOException {
    Run clean = durobs("lint");
    assertThat(clean.code()).as(clean.err()).isZero();
    assertThat(clean.out() + clean.err()).doesNotContain("duroxide_");

    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, """
        {"uid": "broken", "title": "Broken", "panels": [{"id": 1, "type": "timeseries",
          "title": "Typo", "datasource": {"type": "prometheus", "uid": "prometheus"},
          "targets": [{"refId": "A", "expr": "rate(duroxide_activity_executions_totl[5m])"}]}]}
        """);
    Run findings = durobs("lint", broken.toString());
    assertThat(findings.code()).isEqualTo(1);
    assertThat(findings.out()).contains("duroxide_activity_executions_totl");
  }

  @Test
  void validateAddsTheStacksPrometheusUnlessThatOptionItselfIsGiven() {
    var stack = java.util.Optional.of(new io.durobs.cli.stack.StackState("local", java.util.List.of(),
        "http://127.0.0.1:19090", "http://127.0.0.1:19093", "127.0.0.1:14317", null, null, null, null,
        false));
    // an option that merely starts like --prometheus is not it
    assertThat(ValidateCommand.withDefaults(java.util.List.of("--prometheus-credentials-file", "f",
        "--dashboard", "d.json"), stack)).containsExactly("--prometheus-credentials-file", "f",
        "--dashboard", "d.json", "--prometheus", "http://127.0.0.1:19090");
    assertThat(ValidateCommand.withDefaults(java.util.List.of("--prometheus=http://p:9090",
        "--dashboard", "d.json"), stack)).containsExactly("--prometheus=http://p:9090", "--dashboard",
        "d.json");
  }
}
