package io.durobs.maven;

import io.durobs.it.cli.ValidateDashboards;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The live check, for a CI stage that has a stack: every panel target of the rendered
 * dashboards run against a Prometheus the way Grafana would, each empty one diagnosed
 * (the harness' {@code validate-dashboards}). Fails when a panel has no data. Bound to
 * {@code verify} when listed in an execution; needs {@code <prometheusUrl>}.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ValidateMojo extends AbstractDurobsMojo {

  /** The Prometheus to query, e.g. {@code http://localhost:9090}. */
  @Parameter(property = "durobs.prometheusUrl")
  String prometheusUrl;

  /** Where the HTML and JSON report go. */
  @Parameter(property = "durobs.reportDirectory",
      defaultValue = "${project.build.directory}/durobs-validate")
  File reportDirectory;

  /** How far back "ever present" looks in the diagnosis, e.g. {@code 1h}. */
  @Parameter(property = "durobs.lookback")
  String lookback;

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    if (prometheusUrl == null || prometheusUrl.isBlank()) {
      throw new MojoExecutionException("durobs: validate needs <prometheusUrl> "
          + "(-Ddurobs.prometheusUrl=http://host:9090)");
    }
    File dashboards = new File(outputDirectory, "grafana/dashboards");
    File datasources = new File(outputDirectory,
        "grafana/provisioning/datasources/datasources.yaml");
    if (!Files.isDirectory(dashboards.toPath())) {
      throw new MojoFailureException("durobs: <outputDirectory> " + outputDirectory
          + " has no grafana/dashboards: run the generate goal first");
    }
    List<String> args = new ArrayList<>(List.of("--prometheus", prometheusUrl, "--dashboard",
        dashboards.toString(), "--datasources", datasources.toString(), "--report",
        reportDirectory.toString(), "--quiet"));
    if (lookback != null) {
      args.addAll(List.of("--lookback", lookback));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ValidateDashboards.run(args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String stdout = out.toString(StandardCharsets.UTF_8).trim();
    String stderr = err.toString(StandardCharsets.UTF_8).trim();
    if (!stdout.isEmpty()) {
      logLines(stdout, false);
    }
    if (code == ValidateDashboards.BAD_INPUT) {
      throw new MojoExecutionException("durobs: validate: " + stderr);
    }
    if (code != ValidateDashboards.OK) {
      if (!stderr.isEmpty()) {
        logLines(stderr, true);
      }
      throw new MojoFailureException("durobs: validate: some panels have no data against "
          + prometheusUrl + " (report: " + reportDirectory + "/report.html)");
    }
    getLog().info("durobs: validate: every panel has data (report: " + reportDirectory
        + "/report.html)");
  }
}
