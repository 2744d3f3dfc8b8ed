package io.durobs.toolkit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The one locator of the stack's binaries: it runs {@value #SCRIPT}, which builds each binary
 * from its Go module the first time and caches it outside the checkout (keyed by version, or for
 * the collector by the builder manifest's SHA-256), and returns the path the script prints, so a
 * later call returns within a second.
 *
 * <p>The versions, the cache's place ({@code DUROBS_TOOLS_DIR}) and its layout live in the script
 * alone; nothing here parses or repeats them. Get one with {@link Checkout#tools()}.
 */
public final class Tools {

  /** The installer, relative to the checkout's root. */
  public static final String SCRIPT = "tools/install-tools.sh";

  /** A first collector build takes minutes on two cores; the rest is a margin for a slow machine. */
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final Path root;
  private final Path script;

  private Tools(Path root, Path script) {
    this.root = root;
    this.script = script;
  }

  /**
   * The tools of a checkout.
   *
   * @param repoRoot the checkout's root directory
   * @return the locator
   * @throws IllegalArgumentException if {@code repoRoot} has no {@value #SCRIPT}
   */
  public static Tools inCheckout(Path repoRoot) {
    Path root = repoRoot.toAbsolutePath().normalize();
    Path script = root.resolve(SCRIPT);
    if (!Files.isRegularFile(script)) {
      throw new IllegalArgumentException("no " + SCRIPT + " under " + root);
    }
    return new Tools(root, script);
  }

  /**
   * The checkout these tools belong to.
   *
   * @return its root directory
   */
  public Path root() {
    return root;
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
   * The checkout's strict dashboard validator ({@code tools/dashboard-schema}: dashboard JSON
   * against the Grafana foundation SDK's types, required fields and current schema version).
   *
   * @return the binary's path
   * @throws ToolInstallException if it cannot be built
   */
  public Path dashboardSchema() {
    return bin("dashboard-schema");
  }

  /**
   * The checkout's Kubernetes manifest validator ({@code tools/kube-validate}: builds each
   * kustomize overlay with kustomize's library and decodes every object strictly into the
   * official k8s.io/api and prometheus-operator Go types).
   *
   * @return the binary's path
   * @throws ToolInstallException if it cannot be built
   */
  public Path kubeValidate() {
    return bin("kube-validate");
  }

  /**
   * The checkout's Compose file loader ({@code tools/compose-check}: loads a Compose file with
   * compose-go, as {@code docker compose} does, without a Docker engine).
   *
   * @return the binary's path
   * @throws ToolInstallException if it cannot be built
   */
  public Path composeCheck() {
    return bin("compose-check");
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
    return install(List.of("collector", manifest.toAbsolutePath().toString()));
  }

  private Path bin(String name) {
    return install(List.of("bin", name));
  }

  /** Runs the script with {@code args}; the last line it prints is the binary's path. */
  private Path install(List<String> args) {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(args);
    String what = SCRIPT + " " + String.join(" ", args);
    ProcessRun run;
    try {
      run = ProcessRun.run(root, command, TIMEOUT);
    } catch (IOException e) {
      throw new ToolInstallException(what + " could not be run: " + e.getMessage(), e);
    } catch (TimeoutException e) {
      throw new ToolInstallException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolInstallException(what + " was interrupted", e);
    }
    if (run.exitCode() != 0) {
      throw new ToolInstallException(what + " failed with exit code " + run.exitCode() + ": " + run.tail(20));
    }
    Path binary = Path.of(run.lastLine());
    if (!Files.isExecutable(binary)) {
      throw new ToolInstallException(what + " printed '" + binary + "', which is not an executable file");
    }
    return binary;
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
