package io.durobs.toolkit.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A long-running child process (a server of the stack), its output (stdout and stderr together)
 * captured to a log file so that a failure can show what the process said. Closing it stops it
 * and whatever it started.
 *
 * <pre>{@code
 * try (ManagedProcess p = ManagedProcess.start("prometheus", command, dir, Map.of(), dir.resolve("prometheus.log"))) {
 *   Readiness.await("Prometheus /-/ready", Duration.ofSeconds(60), p, () -> Readiness.httpOk(url + "/-/ready"));
 *   ...
 * }
 * }</pre>
 */
public final class ManagedProcess implements AutoCloseable {

  /** How long a stopped process gets to exit after SIGTERM before it is killed. */
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final Path log;

  private ManagedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts a process with no input.
   *
   * @param name the part's name for messages ({@code prometheus})
   * @param command the command line
   * @param workDir the working directory
   * @param env extra environment variables
   * @param log the file capturing its output (appended to, so a restarted part keeps its history)
   * @return the running process
   * @throws NotReadyException naming the part and the binary when it cannot be started
   */
  public static ManagedProcess start(String name, List<String> command, Path workDir,
      Map<String, String> env, Path log) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    try {
      return new ManagedProcess(name, pb.start(), log);
    } catch (IOException e) {
      throw new NotReadyException(name + ": cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The part's name.
   *
   * @return e.g. {@code prometheus}
   */
  public String name() {
    return name;
  }

  /**
   * The OS process id.
   *
   * @return the pid
   */
  public long pid() {
    return process.pid();
  }

  /**
   * Whether the process runs.
   *
   * @return true while it runs
   */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * The exit code.
   *
   * @return the code, or null while the process runs
   */
  public Integer exitCode() {
    return process.isAlive() ? null : process.exitValue();
  }

  /**
   * The file with its output.
   *
   * @return the log file
   */
  public Path log() {
    return log;
  }

  /**
   * The last lines of its output.
   *
   * @param n how many
   * @return at most {@code n} lines, or why there are none
   */
  public String tail(int n) {
    try {
      return ProcessRun.tail(ProcessRun.read(log), n);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /**
   * Waits for the process to exit by itself.
   *
   * @param timeout how long to wait
   * @return true when it exited
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops the process: SIGTERM, up to 10 s to exit, then SIGKILL (its children too). */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + (isAlive() ? ", running)" : ", exited " + exitCode() + ")");
  }
}
