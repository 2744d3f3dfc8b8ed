package io.durobs.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.dashboards.config.ContentConfig;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals' parameters: overrides become the configuration; bad ones are one line naming them. */
class ConfigurationTest {

  @Test
  void overridesBecomeTheConfiguration() throws Exception {
    GenerateMojo m = new GenerateMojo();
    m.engineJob = "toygres";
    m.jobSelector = List.of("job=~\"toygres|toygres-canary\"");
    m.successObjective = "0.99";
    m.grafanaFolder = "Toygres";
    ContentConfig c = m.baseConfig();
    assertThat(c.engineJob()).isEqualTo("toygres");
    assertThat(c.jobSelector()).containsExactly(
        new io.durobs.toolkit.promql.Selector.Matcher("job", "=~", "toygres|toygres-canary"));
    assertThat(c.successObjective()).isEqualByComparingTo("0.99");
    assertThat(c.grafanaFolder()).isEqualTo("Toygres");
    assertThat(new GenerateMojo().baseConfig().runbookBaseUrl())
        .isEqualTo(ContentConfig.defaults().runbookBaseUrl());
  }

  @Test
  void aBadOverrideIsOneLineNamingTheParameter() {
    GenerateMojo objective = new GenerateMojo();
    objective.successObjective = "1.5";
    assertThatThrownBy(objective::baseConfig).isInstanceOf(MojoExecutionException.class)
        .hasMessage("durobs: successObjective must be between 0 and 1, got 1.5");

    GenerateMojo selector = new GenerateMojo();
    selector.jobSelector = List.of("job~toygres");
    assertThatThrownBy(selector::baseConfig).isInstanceOf(MojoExecutionException.class)
        .hasMessage("durobs: <jobSelector>: 'job~toygres' is not a matcher like job=~\"a|b\"");

    GenerateMojo notTheJob = new GenerateMojo();
    notTheJob.jobSelector = List.of("job=\"other\"");
    assertThatThrownBy(notTheJob::baseConfig).isInstanceOf(MojoExecutionException.class)
        .hasMessage("durobs: job selector job=\"other\" does not select the "
            + "engine job 'duroxide-engine'");
  }

  @Test
  void skipDoesNothing(@TempDir File dir) throws Exception {
    LintMojo lint = new LintMojo();
    lint.skip = true;
    lint.outputDirectory = new File(dir, "missing");
    lint.execute();
    assertThat(lint.outputDirectory).doesNotExist();
  }

  @Test
  void goalsThatNeedTheRenderedFolderSaySo(@TempDir File dir) {
    LintMojo lint = new LintMojo();
    lint.outputDirectory = new File(dir, "durobs");
    assertThatThrownBy(lint::execute).isInstanceOf(MojoFailureException.class)
        .hasMessage("durobs: <outputDirectory> " + lint.outputDirectory
            + " does not exist: run the generate goal first");
    ValidateMojo validate = new ValidateMojo();
    validate.outputDirectory = lint.outputDirectory;
    assertThatThrownBy(validate::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage("durobs: validate needs <prometheusUrl> (-Ddurobs.prometheusUrl=http://host:9090)");
    PromtoolMojo promtool = new PromtoolMojo();
    promtool.outputDirectory = lint.outputDirectory;
    assertThatThrownBy(promtool::execute).isInstanceOf(MojoFailureException.class)
        .hasMessage("durobs: <outputDirectory> " + lint.outputDirectory
            + " has no prometheus/rules: run the generate goal first");
  }
}
