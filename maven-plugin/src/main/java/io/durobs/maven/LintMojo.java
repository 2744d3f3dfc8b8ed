package io.durobs.maven;

import io.durobs.dashboards.render.RenderAll;
import io.durobs.dashboards.render.RenderException;
import io.durobs.toolkit.lint.Finding;
import java.nio.file.Files;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * The static checks and coverage over the files in {@code outputDirectory} as they are now
 * (rendered by {@code generate}, or edited or added to since): unknown metrics, labels and label
 * values against the catalogue plus the extensions' metrics, dashboard and rule lint, promtool
 * cases for every alert, every metric on a panel. One line per finding, the same lines as the
 * render's; bound to {@code verify}.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class LintMojo extends CheckingMojo {

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    if (!Files.isDirectory(outputDirectory.toPath())) {
      throw new MojoFailureException("durobs: <outputDirectory> " + outputDirectory
          + " does not exist: run the generate goal first");
    }
    RenderAll.Checks checks;
    try {
      checks = content().lint(outputDirectory.toPath());
    } catch (RenderException e) {
      throw new MojoFailureException("durobs: " + e.getMessage());
    }
    getLog().info("durobs: " + checks.coverage().summary());
    if (checks.findings().isEmpty()) {
      getLog().info("durobs: lint: no findings in " + outputDirectory);
      return;
    }
    for (Finding f : checks.findings()) {
      if (failOnFindings) {
        getLog().error(f.toString());
      } else {
        getLog().warn(f.toString());
      }
    }
    String summary = checks.findings().size() == 1 ? checks.findings().get(0).toString()
        : checks.findings().size() + " findings in " + outputDirectory + " (listed above)";
    if (failOnFindings) {
      throw new MojoFailureException(summary);
    }
  }
}
