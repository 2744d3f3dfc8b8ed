package io.durobs.dashboards.render;

import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_EXECUTIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_OUTCOME;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.dashboards.Panels;
import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.rules.EngineRules;
import io.durobs.toolkit.grafana.Dashboard;
import io.durobs.toolkit.grafana.GrafanaJson;
import io.durobs.toolkit.grafana.Units;
import io.durobs.toolkit.promql.Expr;
import io.durobs.toolkit.promql.PromQl;
import io.durobs.toolkit.promql.Selector;
import io.durobs.toolkit.tools.Tools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderAllTest {

  private static final Panels PANELS = Panels.of(ContentConfig.defaults());

  /** A dashboard whose one panel's second query is {@code expr}. */
  private static Dashboard dashboardQuerying(Expr expr) {
    Selector attempts = PromQl.metric(ACTIVITY_EXECUTIONS).with(PANELS.jobInstance());
    return PANELS.dashboard("durobs-broken", "Broken", "A dashboard with a bad query.", "test")
        .withVariable(PANELS.datasourceVariable())
        .withVariable(PANELS.jobVariable(".*"))
        .withVariable(PANELS.instanceVariable())
        .withPanel(Panels.timeseries("Activity attempts", "Attempts per second.", Units.OPS_PER_SECOND)
            .withTarget(Panels.query(PromQl.sum(Panels.rate(attempts)), "all"))
            .withTarget(Panels.query(expr, "bad")))
        .build();
  }

  private static Map<String, Supplier<Map<String, String>>> withExtra(Dashboard d) {
    Map<String, Supplier<Map<String, String>>> sources = new LinkedHashMap<>(FileSources.all());
    sources.put("test", () -> Map.of("grafana/dashboards/broken.json", GrafanaJson.write(d)));
    return sources;
  }

  private static String failure(Expr expr) {
    return org.assertj.core.api.Assertions.catchThrowableOfType(RenderException.class,
        () -> RenderAll.render(withExtra(dashboardQuerying(expr)))).getMessage();
  }

  private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

  private static final String WHERE =
      "dashboard 'Broken' (durobs-broken), panel 'Activity attempts', refId B: ";

  @Test
  void anUnknownLabelValueFailsWithOneLineNamingDashboardPanelRefIdAndNearestValue() {
    Selector attempts = PromQl.metric(ACTIVITY_EXECUTIONS).with(PANELS.jobInstance());
    assertThat(failure(PromQl.sum(Panels.rate(attempts.where(ACTIVITY_OUTCOME, "sucess")))))
        .isEqualTo(WHERE + "label 'outcome' of duroxide_activity_executions_total does not allow "
            + "'sucess' (allowed: success, app_error, infra_error, config_error, timeout, "
            + "cancelled); nearest: success [label-value] (generated/ left untouched)");
  }

  @Test
  void anUnknownLabelFailsNamingTheNearestLabel() {
    Selector attempts = PromQl.metric(ACTIVITY_EXECUTIONS).with(PANELS.jobInstance());
    assertThat(failure(PromQl.sum(Panels.rate(attempts.where(ORCHESTRATION_NAME, "checkout")))))
        .startsWith(WHERE + "metric duroxide_activity_executions_total has no label "
            + "'orchestration_name' (labels: activity_name, outcome, retry_attempt, job, "
            + "instance); nearest: ")
        .doesNotContain("\n");
  }

  @Test
  void anUnknownMetricFailsNamingTheNearestCatalogueName() {
    assertThat(failure(Expr.raw("sum(rate(duroxide_activity_execution_total{job=~\"$job\", "
        + "instance=~\"$instance\"}[$__rate_interval]))")))
        .isEqualTo(WHERE + "unknown metric 'duroxide_activity_execution_total'; nearest catalogue "
            + "name: duroxide_activity_executions_total [unknown-metric] (generated/ left untouched)");
  }

  @Test
  void rendersTheSameBytesTwice() {
    assertThat(RenderAll.render().files()).isEqualTo(RenderAll.render().files());
  }

  @Test
  void everyFileEndsInOneNewlineWithLfOnly() {
    RenderAll.render().files().forEach((path, content) -> {
      assertThat(content).as(path).endsWith("\n").doesNotEndWith("\n\n").doesNotContain("\r");
    });
  }

  @Test
  void twoSourcesWritingOnePathFail() {
    Map<String, Supplier<Map<String, String>>> sources = new LinkedHashMap<>(FileSources.all());
    sources.put("copy", () -> Map.of("docs/runbooks.md", "x"));
    assertThatThrownBy(() -> RenderAll.render(sources)).isInstanceOf(RenderException.class)
        .hasMessage("docs/runbooks.md is rendered by both dashboards-src (dashboards, "
            + "provisioning, rules, rule tests, runbooks) and copy");
  }

  private static Path checkout(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("tools"));
    Files.writeString(dir.resolve(Tools.SCRIPT), "#!/bin/sh\n");
    return dir;
  }

  @Test
  void writesGeneratedRemovesStaleFilesAndThenReportsCurrent(@TempDir Path tmp) throws Exception {
    Path root = checkout(tmp);
    Files.createDirectories(root.resolve("generated/old"));
    Files.writeString(root.resolve("generated/old/stale.yaml"), "x");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = RenderAll.run(new String[] {root.resolve("dashboards-src").toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isZero();
    assertThat(root.resolve("generated/old")).doesNotExist();
    assertThat(root.resolve("generated/grafana/dashboards/production.json")).exists();
    assertThat(root.resolve("generated/coverage.md")).content().contains("41/41 on durobs-complete");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("1 removed").contains("coverage: 41/41 catalogue metrics on a panel");
    assertThat(RenderAll.run(new String[] {"--check", root.toString()}, QUIET, QUIET))
        .isZero();
    assertThat(GeneratedFiles.write(root.resolve("generated"), RenderAll.render().files()).isEmpty())
        .isTrue();
  }

  @Test
  void checkReportsStaleFilesWithExitCodeOne(@TempDir Path tmp) throws Exception {
    Path root = checkout(tmp);
    assertThat(RenderAll.run(new String[] {root.toString()}, QUIET, QUIET)).isZero();
    Files.writeString(root.resolve("generated/docs/runbooks.md"), "edited by hand\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = RenderAll.run(new String[] {"--check", root.toString()}, QUIET,
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("generated/ is stale (0 added, 1 changed, 0 removed): docs/runbooks.md");
  }

  @Test
  void badDefinitionsExitTwoAndLeaveGeneratedUntouched(@TempDir Path tmp) throws Exception {
    Path root = checkout(tmp);
    assertThat(RenderAll.run(new String[] {root.toString()}, QUIET, QUIET)).isZero();
    Path runbooks = root.resolve("generated/docs/runbooks.md");
    String before = Files.readString(runbooks);
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = RenderAll.run(new String[] {root.toString()}, QUIET,
        new PrintStream(err, true, StandardCharsets.UTF_8),
        withExtra(dashboardQuerying(Expr.raw("sum(duroxide_activity_executions_total)"))));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).trim()).startsWith("render: " + WHERE
        + "counter duroxide_activity_executions_total is used under sum()");
    assertThat(root.resolve("generated/grafana/dashboards/broken.json")).doesNotExist();
    assertThat(runbooks).content().isEqualTo(before);
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RenderAll.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static final String HINT = "Try 'render --help' for more information.\n";

  @Test
  void unknownOptionsAndMissingCheckoutsExitTwo(@TempDir Path tmp) {
    assertThat(run("--force")).isEqualTo(new Run(2, "", "render: Unknown option: '--force'\n" + HINT));
    assertThat(run("--check", "a", "b")).isEqualTo(new Run(2, "",
        "render: Unmatched argument at index 2: 'b'\n" + HINT));
    Run noCheckout = run(tmp.toString());
    assertThat(noCheckout.code()).isEqualTo(2);
    assertThat(noCheckout.err()).isEqualTo("render: no checkout (a directory with tools/install-tools.sh)"
        + " at or above " + tmp.toAbsolutePath() + "\n");
  }

  @Test
  void helpNamesTheOptionsAndExitCodesWithoutRendering(@TempDir Path tmp) throws Exception {
    Path root = checkout(tmp);
    Run help = run("--help", root.toString());
    assertThat(help.code()).isZero();
    assertThat(help.out()).startsWith("Usage: render [-h] [--check] [ROOT]")
        .contains("--check", "Exit codes:", "1   --check found generated/ stale");
    assertThat(help.err()).isEmpty();
    assertThat(root.resolve("generated")).doesNotExist();
  }

  @Test
  void inBuildFailsByExceptionWithTheErrorLines(@TempDir Path tmp) {
    assertThatThrownBy(() -> RenderAll.InBuild.main(new String[] {tmp.toString()}))
        .isInstanceOf(RenderException.class)
        .hasMessage("render: no checkout (a directory with tools/install-tools.sh) at or above "
            + tmp.toAbsolutePath());
  }

  @Test
  void everyAlertHasAFiringAndAQuietCaseAndEveryRecordingRuleIsTested() {
    assertThat(RenderAll.ruleTestGaps(EngineRules.of(ContentConfig.defaults()))).isEmpty();
  }
}
