package io.durobs.toolkit.tools;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command run to completion: its exit code and what it printed, standard output and standard
 * error together in the order they were written (as a person at a terminal would read them).
 *
 * <p>For short-lived commands (promtool, amtool, the collector's {@code validate}, the tool
 * installer); long-running servers are {@link ManagedProcess}es.
 *
 * @param exitCode the process' exit code
 * @param output everything it printed
 */
public record ProcessRun(int exitCode, String output) {

  /** How long {@link #run(Path, List)} lets a command take. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  /**
   * Runs a command with no input, within {@link #DEFAULT_TIMEOUT}.
   *
   * @param workDir the working directory
   * @param command the command line
   * @return its exit code and output
   * @throws IOException if it cannot be started
   * @throws InterruptedException if interrupted while waiting (the process is killed)
   * @throws TimeoutException if it did not finish in time (the process is killed)
   */
  public static ProcessRun run(Path workDir, List<String> command)
      throws IOException, InterruptedException, TimeoutException {
    return run(workDir, command, DEFAULT_TIMEOUT);
  }

  /**
   * Runs a command with no input.
   *
   * @param workDir the working directory
   * @param command the command line
   * @param timeout how long it may take
   * @return its exit code and output
   * @throws IOException if it cannot be started
   * @throws InterruptedException if interrupted while waiting (the process is killed)
   * @throws TimeoutException if it did not finish in time (the process is killed)
   */
  public static ProcessRun run(Path workDir, List<String> command, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    // The output goes to a file rather than a pipe read before waiting: a command that keeps its
    // output open (a server it forked, a hung build) cannot then outlast the timeout.
    Path output = Files.createTempFile("durobs-process-", ".out");
    try {
      Process process = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new TimeoutException(String.join(" ", command) + " did not finish within "
              + timeout.toSeconds() + " s; its output so far:\n" + tail(read(output), 20));
        }
      } finally {
        if (process.isAlive()) {
          process.destroyForcibly();
        }
      }
      return new ProcessRun(process.exitValue(), read(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /**
   * The last non-blank line of the output, e.g. the path an installer prints when done.
   *
   * @return that line, stripped, or {@code ""} when there is none
   */
  public String lastLine() {
    return output.strip().lines().reduce((first, second) -> second).orElse("").strip();
  }

  /**
   * The last lines of the output, for an error message.
   *
   * @param lines how many
   * @return at most that many lines
   */
  public String tail(int lines) {
    return tail(output, lines);
  }

  static String tail(String text, int lines) {
    List<String> all = text.strip().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** The file's text; bytes that are not UTF-8 (a binary's stray output) become U+FFFD. */
  static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }
}
