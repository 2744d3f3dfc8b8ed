package io.durobs.toolkit.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Locates the stack's binaries by running {@code tools/install-tools.sh}, which builds each from
 * its Go module the first time and caches it outside the checkout (keyed by version, or for the
 * collector by the builder manifest's SHA-256), so later calls return at once.
 *
 * <p>Used by this module's tests and by the local-process harness; the versions live in the
 * script alone.
 */
public final class StackTools {

  /** The installer, relative to the checkout's root. */
  public static final String SCRIPT = "tools/install-tools.sh";

  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final Path script;

  private StackTools(Path script) {
    this.script = script;
  }

  /**
   * The tools of a checkout.
   *
   * @param repoRoot the checkout's root directory
   * @return the locator
   * @throws IllegalArgumentException if {@code repoRoot} has no {@value #SCRIPT}
   */
  public static StackTools inCheckout(Path repoRoot) {
    Path script = repoRoot.resolve(SCRIPT).toAbsolutePath().normalize();
    if (!Files.isRegularFile(script)) {
      throw new IllegalArgumentException("no " + SCRIPT + " under " + repoRoot.toAbsolutePath());
    }
    return new StackTools(script);
  }

  /**
   * promtool (Prometheus 3's rule and config checker).
   *
   * @return the binary's path
   * @throws ToolInstallException if it cannot be installed
   */
  public Path promtool() {
    return bin("promtool");
  }

  /**
   * The Prometheus server.
   *
   * @return the binary's path
   * @throws ToolInstallException if it cannot be installed
   */
  public Path prometheus() {
    return bin("prometheus");
  }

  /**
   * The Alertmanager server.
   *
   * @return the binary's path
   * @throws ToolInstallException if it cannot be installed
   */
  public Path alertmanager() {
    return bin("alertmanager");
  }

  /**
   * amtool (Alertmanager's config checker and client).
   *
   * @return the binary's path
   * @throws ToolInstallException if it cannot be installed
   */
  public Path amtool() {
    return bin("amtool");
  }

  /**
   * A collector built by the OpenTelemetry Collector Builder from a manifest (several minutes on
   * the first call for a manifest; cached afterwards).
   *
   * @param manifest the builder manifest, e.g. {@code generated/collector/builder-config.yaml}
   * @return the collector binary's path
   * @throws ToolInstallException if the build fails
   */
  public Path collector(Path manifest) {
    return run(List.of("collector", manifest.toAbsolutePath().toString()));
  }

  private Path bin(String name) {
    return run(List.of("bin", name));
  }

  private Path run(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(script.toString());
    command.addAll(args);
    String what = String.join(" ", command.subList(1, command.size()));
    Path stderr = null;
    try {
      stderr = Files.createTempFile("install-tools", ".log");
      Process process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectError(stderr.toFile())
          .start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new ToolInstallException(what + " did not finish within " + TIMEOUT.toMinutes() + " minutes");
      }
      String log = Files.readString(stderr, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new ToolInstallException(what + " failed with exit code " + process.exitValue() + ": " + tail(log));
      }
      String[] lines = new String(out, StandardCharsets.UTF_8).strip().split("\n");
      Path binary = Path.of(lines[lines.length - 1].strip());
      if (!Files.isExecutable(binary)) {
        throw new ToolInstallException(what + " printed '" + binary + "', which is not an executable file");
      }
      return binary;
    } catch (IOException e) {
      throw new ToolInstallException(what + " could not be run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolInstallException(what + " was interrupted", e);
    } finally {
      if (stderr != null) {
        try {
          Files.deleteIfExists(stderr);
        } catch (IOException ignored) {
          // a leftover temp file is harmless
        }
      }
    }
  }

  private static String tail(String log) {
    String[] lines = log.strip().split("\n");
    int from = Math.max(0, lines.length - 20);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }

  /** A binary of the stack could not be installed or located. */
  public static final class ToolInstallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ToolInstallException(String message) {
      super(message);
    }

    ToolInstallException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
