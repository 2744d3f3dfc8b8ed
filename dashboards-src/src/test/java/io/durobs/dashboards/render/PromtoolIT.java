package io.durobs.dashboards.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.dashboards.rules.RuleFiles;
import io.durobs.dashboards.rules.RuleTiming;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * promtool over the rendered {@code generated/} (this runs after {@code package} rendered it):
 * the rules load, every rule unit test passes, the Prometheus config is valid. promtool comes
 * from {@code tools/install-tools.sh}, which builds it on first use.
 */
class PromtoolIT {

  private static Path root;
  private static Path generated;
  private static Path promtool;

  @BeforeAll
  static void findPromtool() throws Exception {
    root = RenderAll.findRoot(Path.of(System.getProperty("durobs.root", "")));
    generated = root.resolve("generated");
    Path script = root.resolve("tools/install-tools.sh");
    Matcher version = Pattern.compile("(?m)^PROMETHEUS_VERSION=(\\S+)").matcher(Files.readString(script));
    assertThat(version.find()).as("PROMETHEUS_VERSION in " + script).isTrue();
    Result install = run(root, List.of("bash", script.toString(), "prometheus"));
    assertThat(install.code).as("install-tools.sh prometheus:\n" + install.output).isZero();
    String[] lines = install.output.strip().split("\n");
    promtool = Path.of(lines[lines.length - 1].strip(), "prometheus-" + version.group(1), "promtool");
    assertThat(promtool).isExecutable();
  }

  private record Result(int code, String output) {}

  private static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }

  private static List<String> files(String dir) throws IOException {
    try (Stream<Path> s = Files.list(generated.resolve(dir))) {
      return s.map(Path::toString).filter(f -> f.endsWith(".yaml")).sorted().toList();
    }
  }

  private static Result promtool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(promtool.toString());
    command.addAll(List.of(args));
    return run(generated, command);
  }

  @Test
  void theRenderedRulesLoad() throws Exception {
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    args.addAll(files("prometheus/rules"));
    Result r = promtool(args.toArray(String[]::new));
    assertThat(r.code).as(r.output).isZero();
    assertThat(r.output)
        .contains("SUCCESS: " + io.durobs.dashboards.rules.EngineRules.alerts().size() + " rules found")
        .contains("SUCCESS: " + io.durobs.dashboards.rules.EngineRules.recordings().size() + " rules found");
  }

  @Test
  void theRulesScaledDownForTheHarnessLoad(@TempDir Path tmp) throws Exception {
    RuleTiming fast = RuleTiming.scaled(60, java.time.Duration.ofSeconds(20));
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    for (var f : RuleFiles.ruleFiles(fast, io.durobs.dashboards.rules.EngineRules.RUNBOOK_BASE_URL).entrySet()) {
      Path p = tmp.resolve(Path.of(f.getKey()).getFileName());
      Files.writeString(p, f.getValue());
      args.add(p.toString());
    }
    Result r = promtool(args.toArray(String[]::new));
    assertThat(r.code).as(r.output).isZero();
    assertThat(r.output).contains("SUCCESS: " + io.durobs.dashboards.rules.EngineRules.alerts().size() + " rules found");
  }

  @Test
  void everyRuleUnitTestPasses() throws Exception {
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    args.addAll(files("prometheus/tests"));
    Result r = promtool(args.toArray(String[]::new));
    assertThat(r.code).as(r.output).isZero();
    assertThat(r.output.split("SUCCESS", -1)).hasSize(files("prometheus/tests").size() + 1);
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

    Result r = run(tmp, List.of(promtool.toString(), "test", "rules", tests.resolve("broken.test.yaml").toString()));

    assertThat(r.code).isNotZero();
    assertThat(r.output).contains("FAILED").contains("DuroxideOrchestrationsStuck");
  }

  @Test
  void thePrometheusConfigIsValid() throws Exception {
    // rendered by collector-config; the full check also loads the rule files it names
    Path config = generated.resolve(io.durobs.stack.StackFiles.PROMETHEUS_CONFIG);
    Result r = promtool("check", "config", config.toString());
    assertThat(r.code).as(r.output).isZero();
    assertThat(r.output).contains("SUCCESS: " + files("prometheus/rules").size() + " rule files found");
  }
}
