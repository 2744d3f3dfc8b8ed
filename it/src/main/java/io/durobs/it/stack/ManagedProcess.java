package io.durobs.it.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the local stack, its output (stdout and stderr together) captured to a log
 * file in the run's directory so a failure can show what the process said.
 */
public final class ManagedProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ManagedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts a process.
   *
   * @param name the part's name for messages ({@code prometheus})
   * @param command the command line
   * @param workDir the working directory
   * @param env extra environment variables
   * @param log the file capturing its output (appended to, so a restarted part keeps its history)
   * @throws StackStartException when the binary cannot be started
   */
  public static ManagedProcess start(String name, List<String> command, Path workDir,
      Map<String, String> env, Path log) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    try {
      return new ManagedProcess(name, pb.start(), log);
    } catch (IOException e) {
      throw new StackStartException(name + ": cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  /** The part's name. */
  public String name() {
    return name;
  }

  /** The OS process id. */
  public long pid() {
    return process.pid();
  }

  /** True while the process runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, or null while it runs. */
  public Integer exitCode() {
    return process.isAlive() ? null : process.exitValue();
  }

  /** The file with its output. */
  public Path log() {
    return log;
  }

  /** The last {@code n} lines of its output. */
  public String tail(int n) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Stops the process: SIGTERM, up to 10 s to exit, then SIGKILL (children too). */
  @Override
  public void close() {
    List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** Waits up to {@code timeout} for the process to exit by itself; true when it did. */
  public boolean waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
