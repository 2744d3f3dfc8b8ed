package io.durobs.dashboards.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.rules.AlertMatrix;
import io.durobs.dashboards.rules.AlertRule;
import io.durobs.dashboards.rules.EngineRules;
import io.durobs.dashboards.rules.RuleFiles;
import io.durobs.dashboards.rules.RuleTiming;
import io.durobs.toolkit.tools.Checkout;
import io.durobs.toolkit.tools.ProcessRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * promtool over the rendered {@code generated/} (this runs after {@code package} rendered it):
 * the rules load, every rule unit test passes, the Prometheus config is valid. promtool comes
 * from the toolkit's locator ({@link io.durobs.toolkit.tools.Tools}), which builds it on first use.
 */
class PromtoolIT {

  private static final EngineRules RULES = EngineRules.of(ContentConfig.defaults());

  private static Path generated;
  private static Path promtool;

  @BeforeAll
  static void findPromtool() {
    generated = Checkout.root().resolve("generated");
    promtool = Checkout.tools().promtool();
  }

  private static List<String> files(String dir) throws IOException {
    try (Stream<Path> s = Files.list(generated.resolve(dir))) {
      return s.map(Path::toString).filter(f -> f.endsWith(".yaml")).sorted().toList();
    }
  }

  /**
   * A guard against a hung promtool, not a speed target: the long-window alert matrix alone
   * takes about 100 s on a 2-core machine (CI's PromtoolIT took 92 to 128 s in all), past the
   * default two minutes once that machine is busy.
   */
  private static final Duration HANG_GUARD = Duration.ofMinutes(10);

  private static ProcessRun promtool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(promtool.toString());
    command.addAll(List.of(args));
    return ProcessRun.run(generated, command, HANG_GUARD);
  }

  @Test
  void theRenderedRulesLoad() throws Exception {
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    args.addAll(files("prometheus/rules"));
    ProcessRun r = promtool(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("SUCCESS: " + RULES.alerts().size() + " rules found")
        .contains("SUCCESS: " + RULES.recordings().size() + " rules found");
  }

  @Test
  void theRulesScaledDownForTheHarnessLoad(@TempDir Path tmp) throws Exception {
    RuleTiming fast = RuleTiming.scaled(60, java.time.Duration.ofSeconds(20));
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    for (var f : RuleFiles.ruleFiles(RULES, fast).entrySet()) {
      Path p = tmp.resolve(Path.of(f.getKey()).getFileName());
      Files.writeString(p, f.getValue());
      args.add(p.toString());
    }
    ProcessRun r = promtool(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: " + RULES.alerts().size() + " rules found");
  }

  private static final List<String> MATRIX_FILES = List.of(RuleFiles.MATRIX_TESTS,
      RuleFiles.MATRIX_LONG_TESTS);

  @Test
  void everyRuleUnitTestPasses() throws Exception {
    List<String> tests = files("prometheus/tests").stream()
        .filter(f -> MATRIX_FILES.stream().noneMatch(f::endsWith)).toList();
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    args.addAll(tests);
    ProcessRun r = promtool(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output().split("SUCCESS", -1)).hasSize(tests.size() + 1);
  }

  /**
   * The alert behaviour matrix at production timing: every alert of generated/ under every
   * condition; prints the line the render promised once promtool has proven it.
   */
  @Test
  void theAlertMatrixHolds() throws Exception {
    AlertMatrix matrix = AlertMatrix.of(RULES);
    String text = "";
    for (String f : MATRIX_FILES) {
      text += Files.readString(generated.resolve(f));
    }
    for (AlertRule a : RULES.alerts()) {
      for (AlertMatrix.Condition c : AlertMatrix.Condition.values()) {
        assertThat(text).as(a.name() + " / " + c).contains("name: \"matrix: " + a.name() + " "
            + c.text() + "\"");
      }
    }
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    MATRIX_FILES.forEach(f -> args.add(generated.resolve(f).toString()));
    ProcessRun r = promtool(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output().split("SUCCESS", -1)).hasSize(MATRIX_FILES.size() + 1);
    System.out.println("durobs: " + matrix.summaryLine());
  }

  @Test
  void theUnitTestsCanFail(@TempDir Path tmp) throws Exception {
    // A copy of the alert tests that expects a different description must fail: the tests
    // compare rendered annotations, not just "some alert fired".
    Path rules = Files.createDirectories(tmp.resolve("rules"));
    Path tests = Files.createDirectories(tmp.resolve("tests"));
    for (String f : files("prometheus/rules")) {
      Files.copy(Path.of(f), rules.resolve(Path.of(f).getFileName()));
    }
    String original = Files.readString(generated.resolve(RuleFiles.ALERT_TESTS));
    String broken = original.replace("3 orchestrations on duroxide-engine", "6 orchestrations on duroxide-engine");
    assertThat(broken).isNotEqualTo(original);
    Files.writeString(tests.resolve("broken.test.yaml"), broken);

    ProcessRun r = ProcessRun.run(tmp, List.of(promtool.toString(), "test", "rules", tests.resolve("broken.test.yaml").toString()));

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("FAILED").contains("DuroxideOrchestrationsStuck");
  }

  @Test
  void thePrometheusConfigIsValid() throws Exception {
    // rendered by collector-config; the full check also loads the rule files it names
    Path config = generated.resolve(io.durobs.stack.StackFiles.PROMETHEUS_CONFIG);
    ProcessRun r = promtool("check", "config", config.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: " + files("prometheus/rules").size() + " rule files found");
  }
}
