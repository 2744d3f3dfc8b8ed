package io.durobs.maven;

import io.durobs.dashboards.extension.ExtendedContent;
import io.durobs.dashboards.render.GeneratedFiles;
import io.durobs.dashboards.render.RenderException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Renders the engine's dashboards, rules, promtool tests, runbooks, collector pipeline, stack
 * files, Grafana provisioning and Kubernetes manifests plus the project's extensions into
 * {@code outputDirectory}, checked as this repository's {@code generated/} is (dashboard and
 * rule lint, a firing and a quiet promtool case per alert, coverage: every metric on a panel).
 * Bound to {@code process-classes}, after the project's own classes (its extensions) are
 * compiled.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.PROCESS_CLASSES,
    requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class GenerateMojo extends CheckingMojo {

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    ExtendedContent content = content();
    try {
      ExtendedContent.Written w = content.writeTo(outputDirectory.toPath());
      GeneratedFiles.Changes c = w.changes();
      getLog().info("durobs: rendered " + w.rendering().files().size() + " files into "
          + outputDirectory + (c.isEmpty() ? " (unchanged)" : " (" + c + ")"));
      w.rendering().summary().forEach(line -> getLog().info("durobs: " + line));
    } catch (RenderException e) {
      String message = e.getMessage().replace("generated/ left untouched",
          outputDirectory.getName() + "/ left untouched");
      if (failOnFindings || e.findings().isEmpty()) {
        throw new MojoFailureException(message);
      }
      e.findings().forEach(f -> getLog().warn(f.toString()));
      GeneratedFiles.write(outputDirectory.toPath(), content.uncheckedFiles());
      getLog().warn("durobs: wrote the unchecked files into " + outputDirectory
          + " (failOnFindings=false)");
    }
  }
}
