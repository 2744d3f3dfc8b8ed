package io.durobs.maven;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.extension.DurobsExtension;
import io.durobs.dashboards.extension.ExtendedContent;
import io.durobs.toolkit.promql.Selector;
import java.io.File;
import java.math.BigDecimal;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the output folder, {@code durobs.skip}, the project's extensions
 * (loaded from its compile classpath) and the configuration overrides, which become the
 * {@link ContentConfig} the extensions start from.
 */
abstract class AbstractDurobsMojo extends AbstractMojo {

  /** {@code job="x"}, {@code job=~"a|b"}: one PromQL label matcher. */
  private static final Pattern MATCHER = Pattern.compile("\\s*(\\w+)\\s*(=~|!~|!=|=)\\s*\"(.*)\"\\s*");

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  /** Skips the goal. */
  @Parameter(property = "durobs.skip", defaultValue = "false")
  protected boolean skip;

  /**
   * The folder the content is rendered into (the layout of this repository's {@code generated/}:
   * {@code grafana/}, {@code prometheus/}, {@code collector/}, {@code alertmanager/},
   * {@code kubernetes/}, {@code docs/runbooks.md}, {@code coverage.md}).
   */
  @Parameter(property = "durobs.outputDirectory", defaultValue = "${project.build.directory}/durobs")
  protected File outputDirectory;

  /**
   * The project's extensions: fully qualified names of classes implementing
   * {@code io.durobs.dashboards.extension.DurobsExtension} with a public no-argument
   * constructor, loaded from the project's compile classpath (its own classes included), in
   * order.
   */
  @Parameter
  protected List<String> extensions = new ArrayList<>();

  /** Overrides {@code ContentConfig.engineJob}: the job whose silence pages. */
  @Parameter(property = "durobs.engineJob")
  protected String engineJob;

  /**
   * Overrides {@code ContentConfig.jobSelector}: PromQL matchers on {@code job} that every
   * engine query and rule carries, e.g. {@code job=~"toygres|toygres-canary"}.
   */
  @Parameter
  protected List<String> jobSelector = new ArrayList<>();

  /** Overrides {@code ContentConfig.successObjective}, e.g. {@code 0.99}. */
  @Parameter(property = "durobs.successObjective")
  protected String successObjective;

  /** Overrides {@code ContentConfig.runbookBaseUrl}: where the rendered runbook page is published. */
  @Parameter(property = "durobs.runbookBaseUrl")
  protected String runbookBaseUrl;

  /** Overrides {@code ContentConfig.dashboardUidPrefix} ({@code durobs-}). */
  @Parameter(property = "durobs.dashboardUidPrefix")
  protected String dashboardUidPrefix;

  /** Overrides {@code ContentConfig.grafanaFolder}: the Grafana folder of the dashboards. */
  @Parameter(property = "durobs.grafanaFolder")
  protected String grafanaFolder;

  /** Overrides {@code ContentConfig.grafanaFolderUid}. */
  @Parameter(property = "durobs.grafanaFolderUid")
  protected String grafanaFolderUid;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("durobs: skipped (durobs.skip)");
      return;
    }
    run();
  }

  /** The goal's work, unless skipped. */
  abstract void run() throws MojoExecutionException, MojoFailureException;

  /** The configuration the build's parameters make of the engine's defaults. */
  ContentConfig baseConfig() throws MojoExecutionException {
    ContentConfig.Builder b = ContentConfig.defaults().toBuilder();
    String knob = "";
    try {
      if (engineJob != null) {
        knob = "engineJob";
        b.engineJob(engineJob);
      }
      if (!jobSelector.isEmpty()) {
        knob = "jobSelector";
        b.jobSelector(matchers(jobSelector));
      }
      if (successObjective != null) {
        knob = "successObjective";
        b.successObjective(new BigDecimal(successObjective.trim()));
      }
      if (runbookBaseUrl != null) {
        knob = "runbookBaseUrl";
        b.runbookBaseUrl(runbookBaseUrl);
      }
      if (dashboardUidPrefix != null) {
        knob = "dashboardUidPrefix";
        b.dashboardUidPrefix(dashboardUidPrefix);
      }
      if (grafanaFolder != null) {
        knob = "grafanaFolder";
        b.grafanaFolder(grafanaFolder);
      }
      if (grafanaFolderUid != null) {
        knob = "grafanaFolderUid";
        b.grafanaFolderUid(grafanaFolderUid);
      }
      knob = null;
      return b.build();
    } catch (IllegalArgumentException e) {
      // build()'s messages name the knob, which is the parameter's name
      throw new MojoExecutionException("durobs: " + (knob == null ? "" : "<" + knob + ">: ")
          + e.getMessage());
    }
  }

  private static Selector.Matcher[] matchers(List<String> texts) {
    List<Selector.Matcher> out = new ArrayList<>();
    for (String t : texts) {
      Matcher m = MATCHER.matcher(t);
      if (!m.matches()) {
        throw new IllegalArgumentException("'" + t + "' is not a matcher like job=~\"a|b\"");
      }
      out.add(new Selector.Matcher(m.group(1), m.group(2), m.group(3)));
    }
    return out.toArray(Selector.Matcher[]::new);
  }

  /**
   * The engine's content plus the project's extensions.
   *
   * @throws MojoExecutionException naming the parameter for a class that is missing, is not an
   *     extension or cannot be made, and for a bad override
   */
  ExtendedContent content() throws MojoExecutionException {
    ContentConfig base = baseConfig();
    List<DurobsExtension> loaded = new ArrayList<>();
    ClassLoader loader = projectClassLoader();
    for (String name : extensions) {
      loaded.add(instantiate(loader, name.trim()));
    }
    try {
      return ExtendedContent.of(base, loaded);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("durobs: <extensions>: " + e.getMessage());
    }
  }

  private DurobsExtension instantiate(ClassLoader loader, String name)
      throws MojoExecutionException {
    Class<?> type;
    try {
      type = Class.forName(name, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new MojoExecutionException("durobs: <extensions>: class " + name + " is not on the "
          + "project's compile classpath (" + e + ")");
    }
    if (!DurobsExtension.class.isAssignableFrom(type)) {
      throw new MojoExecutionException("durobs: <extensions>: " + name + " does not implement "
          + DurobsExtension.class.getName());
    }
    try {
      return (DurobsExtension) type.getConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      throw new MojoExecutionException("durobs: <extensions>: " + name
          + " has no public no-argument constructor");
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new MojoExecutionException("durobs: <extensions>: cannot create " + name + ": "
          + cause, cause);
    }
  }

  /**
   * The project's compile classpath (its classes and dependencies) over this plugin's classes,
   * so the extension API types are the plugin's own.
   */
  private ClassLoader projectClassLoader() throws MojoExecutionException {
    if (extensions.isEmpty()) {
      return getClass().getClassLoader();
    }
    List<URL> urls = new ArrayList<>();
    try {
      for (String element : project.getCompileClasspathElements()) {
        urls.add(new File(element).toURI().toURL());
      }
    } catch (DependencyResolutionRequiredException | MalformedURLException e) {
      throw new MojoExecutionException("durobs: cannot resolve the project's compile classpath "
          + "for <extensions>: " + e.getMessage(), e);
    }
    return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
  }

  /** One line per finding, then the exception's one line. */
  void logLines(String text, boolean asError) {
    for (String line : text.split("\n")) {
      if (asError) {
        getLog().error(line);
      } else {
        getLog().warn(line);
      }
    }
  }
}
