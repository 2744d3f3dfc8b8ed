package io.durobs.maven;

import io.durobs.toolkit.tools.ProcessRun;
import io.durobs.toolkit.tools.Tools;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * promtool over the rendered files: {@code check rules} on every rule file (the engine's and
 * the extensions'), {@code test rules} on the promtool tests, {@code check config} on
 * {@code prometheus/prometheus.yml}. promtool is {@code <promtool>}, or the one a durobs
 * checkout's {@code tools/install-tools.sh} builds and caches ({@code <checkout>}, through
 * {@code io.durobs.toolkit.tools.Tools}). Bound to {@code verify}.
 */
@Mojo(name = "promtool", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class PromtoolMojo extends AbstractDurobsMojo {

  /** The promtool binary to run. */
  @Parameter(property = "durobs.promtool")
  File promtool;

  /**
   * A durobs checkout whose {@code tools/install-tools.sh} locates (or builds from its pinned Go
   * module, minutes the first time) promtool; used when {@code <promtool>} is not given.
   */
  @Parameter(property = "durobs.checkout")
  File checkout;

  /**
   * Also run the engine's alert behaviour matrix ({@code matrix*.test.yaml}: every engine alert
   * under six conditions at production timing; about a minute of promtool). This repository's
   * own build runs it; a project that does not change the engine's thresholds need not.
   */
  @Parameter(property = "durobs.includeAlertMatrix", defaultValue = "false")
  boolean includeAlertMatrix;

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    Path out = outputDirectory.toPath();
    if (!Files.isDirectory(out.resolve("prometheus/rules"))) {
      throw new MojoFailureException("durobs: <outputDirectory> " + outputDirectory
          + " has no prometheus/rules: run the generate goal first");
    }
    Path binary = promtoolBinary();
    List<String> rules = yaml(out.resolve("prometheus/rules"));
    List<String> tests = yaml(out.resolve("prometheus/tests")).stream()
        .filter(f -> includeAlertMatrix || !Path.of(f).getFileName().toString().startsWith("matrix"))
        .toList();
    promtool(binary, out, "check rules", rules);
    promtool(binary, out, "test rules", tests);
    promtool(binary, out.resolve("prometheus"), "check config", List.of("prometheus.yml"));
    getLog().info("durobs: promtool: " + rules.size() + " rule files load, " + tests.size()
        + " test files pass" + (includeAlertMatrix ? "" : " (alert matrix not run)")
        + ", prometheus.yml valid");
  }

  private Path promtoolBinary() throws MojoExecutionException {
    if (promtool != null) {
      if (!promtool.canExecute()) {
        throw new MojoExecutionException("durobs: <promtool> " + promtool + " is not executable");
      }
      return promtool.toPath();
    }
    if (checkout == null) {
      throw new MojoExecutionException("durobs: promtool needs <promtool> (-Ddurobs.promtool=PATH)"
          + " or <checkout> (-Ddurobs.checkout=DIR, a durobs checkout)");
    }
    try {
      return Tools.inCheckout(checkout.toPath()).promtool();
    } catch (IllegalArgumentException | Tools.ToolInstallException e) {
      throw new MojoExecutionException("durobs: <checkout> " + checkout + ": " + e.getMessage(), e);
    }
  }

  private void promtool(Path binary, Path dir, String what, List<String> files)
      throws MojoExecutionException, MojoFailureException {
    if (files.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(what.split(" ")));
    command.addAll(files);
    ProcessRun r;
    try {
      r = ProcessRun.run(dir, command, java.time.Duration.ofMinutes(10));
    } catch (Exception e) {
      throw new MojoExecutionException("durobs: promtool " + what + " could not run: " + e, e);
    }
    if (r.exitCode() != 0) {
      logLines(r.output(), true);
      throw new MojoFailureException("durobs: promtool " + what + " failed (exit " + r.exitCode()
          + "): " + r.lastLine());
    }
    getLog().debug(r.output());
  }

  private static List<String> yaml(Path dir) throws MojoExecutionException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(Path::toString).filter(f -> f.endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new MojoExecutionException("durobs: cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
