package io.durobs.it.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stack's binaries, cached outside the checkout by {@code tools/install-tools.sh} under
 * {@code <tools dir>/<tool>-<version>/} (tools dir: {@code DUROBS_TOOLS_DIR}, default
 * {@code ~/.cache/durobs/tools}). The versions are read from the script, the one place they are
 * written; a missing binary is installed by running the script for that tool.
 */
public final class Tools {

  private final Path root;
  private final Path toolsDir;
  private final String script;

  private Tools(Path root, Path toolsDir, String script) {
    this.root = root;
    this.toolsDir = toolsDir;
    this.script = script;
  }

  /** The tools of the checkout at {@code root}. */
  public static Tools of(Path root) {
    Path scriptFile = root.resolve("tools/install-tools.sh");
    String text;
    try {
      text = Files.readString(scriptFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + scriptFile, e);
    }
    String dir = System.getenv("DUROBS_TOOLS_DIR");
    Path toolsDir = dir != null && !dir.isBlank() ? Paths.get(dir)
        : Paths.get(System.getProperty("user.home"), ".cache", "durobs", "tools");
    return new Tools(root, toolsDir, text);
  }

  /**
   * The checkout's root: the {@code durobs.root} system property (set by the build), else the
   * nearest directory upwards from the working directory holding {@code tools/install-tools.sh}.
   */
  public static Path checkoutRoot() {
    String prop = System.getProperty("durobs.root");
    if (prop != null && !prop.isBlank() && Files.exists(Paths.get(prop, "tools/install-tools.sh"))) {
      return Paths.get(prop).toAbsolutePath().normalize();
    }
    Path p = Paths.get("").toAbsolutePath();
    while (p != null) {
      if (Files.exists(p.resolve("tools/install-tools.sh"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new IllegalStateException("cannot find the checkout root (tools/install-tools.sh) from "
        + Paths.get("").toAbsolutePath() + "; set -Ddurobs.root");
  }

  /** The checkout root. */
  public Path root() {
    return root;
  }

  /** The version the script pins for a tool, e.g. {@code version("PROMETHEUS")} → {@code v0.316.0}. */
  public String version(String key) {
    Matcher m = Pattern.compile("(?m)^" + key + "_VERSION=(\\S+)").matcher(script);
    if (!m.find()) {
      throw new IllegalStateException("tools/install-tools.sh pins no " + key + "_VERSION");
    }
    return m.group(1);
  }

  /** The Prometheus server binary. */
  public Path prometheus() {
    return binary("prometheus", "prometheus-" + version("PROMETHEUS"), "prometheus");
  }

  /** promtool. */
  public Path promtool() {
    return binary("prometheus", "prometheus-" + version("PROMETHEUS"), "promtool");
  }

  /** The Alertmanager binary. */
  public Path alertmanager() {
    return binary("alertmanager", "alertmanager-" + version("ALERTMANAGER"), "alertmanager");
  }

  /**
   * The collector built by the OpenTelemetry Collector Builder from a builder manifest: the
   * script builds it once per manifest content (cache keyed by its SHA-256) and prints its path.
   */
  public Path collector(Path manifest) {
    String out = runScript(List.of("collector", manifest.toAbsolutePath().toString()));
    String last = out.strip().lines().reduce((a, b) -> b).orElse("");
    Path p = Paths.get(last);
    if (!Files.isExecutable(p)) {
      throw new StackStartException("tools/install-tools.sh collector " + manifest
          + " printed no executable path (got '" + last + "')", null);
    }
    return p;
  }

  /**
   * A cached binary, installed by the script first when missing.
   *
   * @param scriptTarget the script's argument that installs it
   * @param dirName the cache directory name ({@code <tool>-<version>})
   * @param binary the file name
   */
  public Path binary(String scriptTarget, String dirName, String binary) {
    Path p = toolsDir.resolve(dirName).resolve(binary);
    if (Files.isExecutable(p)) {
      return p;
    }
    install(scriptTarget);
    if (!Files.isExecutable(p)) {
      throw new StackStartException("tools/install-tools.sh " + scriptTarget + " did not produce " + p, null);
    }
    return p;
  }

  /** The cache directory of the tools. */
  public Path toolsDir() {
    return toolsDir;
  }

  /** A directory under the cache whose name starts with {@code prefix}, if one exists. */
  public Optional<Path> cached(String prefix) {
    try (var s = Files.list(toolsDir)) {
      return s.filter(d -> d.getFileName().toString().startsWith(prefix)).sorted().findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Runs {@code tools/install-tools.sh <target>} (idempotent). */
  public void install(String target) {
    runScript(List.of(target));
  }

  /** Runs the script with arguments; returns its standard output, fails with its error output. */
  private String runScript(List<String> args) {
    String target = String.join(" ", args);
    Path log;
    Path out;
    try {
      log = Files.createTempFile("durobs-install-", ".log");
      out = Files.createTempFile("durobs-install-", ".out");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = new java.util.ArrayList<>(List.of("bash", root.resolve("tools/install-tools.sh").toString()));
    cmd.addAll(args);
    try {
      Process p = new ProcessBuilder(cmd).directory(root.toFile())
          .redirectError(log.toFile()).redirectOutput(out.toFile()).start();
      if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new StackStartException("tools/install-tools.sh " + target + " failed:\n"
            + Files.readString(log, StandardCharsets.UTF_8), null);
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StackStartException("cannot run tools/install-tools.sh " + target + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackStartException("interrupted installing " + target, e);
    } finally {
      try {
        Files.deleteIfExists(log);
        Files.deleteIfExists(out);
      } catch (IOException ignored) {
        // a leftover temp file is harmless
      }
    }
  }
}
