package io.durobs.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the example builds that maven-invoker-plugin ran in this module's {@code mvn verify}
 * (before this test, in the same phase) did, read from their folders and {@code build.log}s:
 * the broken panel's build failed with the lint's one-line message and wrote nothing; the
 * Toygres build rendered the engine's content plus its own, linted it and ran promtool.
 */
class ExamplesIT {

  /** Where invoker cloned and built the examples ({@code target/examples}). */
  private static final Path EXAMPLES = Path.of(System.getProperty("durobs.examples",
      "target/examples"));

  /** The broken panel's finding, as the render and the lint word it. */
  static final String BROKEN_PANEL = "dashboard 'Broken / Instances' (durobs-broken), panel "
      + "'Instances created in eu-west', refId A: label 'region' of "
      + "toygres_instances_created_total does not allow 'eu-wset' (allowed: eu-west, us-east); "
      + "nearest: eu-west [label-value]";

  private static List<String> buildLog(String project) throws IOException {
    Path log = EXAMPLES.resolve(project).resolve("build.log");
    assertThat(log).as("invoker's log of examples/" + project).exists();
    return Files.readAllLines(log);
  }

  @Test
  void theBrokenPanelFailsItsBuildWithTheOneLineMessage() throws IOException {
    List<String> log = buildLog("broken-panel");
    assertThat(log).contains("[INFO] BUILD FAILURE");
    // the failure is that one finding, on one line, from the generate goal
    assertThat(log).anySatisfy(line -> assertThat(line)
        .startsWith("[ERROR] Failed to execute goal io.durobs:durobs-maven-plugin:")
        .contains(":generate (default) on project broken-panel: " + BROKEN_PANEL
            + " (durobs/ left untouched)"));
    assertThat(EXAMPLES.resolve("broken-panel/target/durobs")).doesNotExist();
  }

  @Test
  void theToygresExampleRendersLintsAndTestsItsOwnContent() throws IOException {
    List<String> log = buildLog("toygres-observability");
    assertThat(log).contains("[INFO] BUILD SUCCESS");
    assertThat(log).anySatisfy(line -> assertThat(line).startsWith("[INFO] durobs: coverage: ")
        .contains("6 dashboards"));
    assertThat(log).contains("[INFO] durobs: lint: no findings in "
        + EXAMPLES.resolve("toygres-observability/target/durobs").toAbsolutePath().normalize());
    assertThat(log).anySatisfy(line -> assertThat(line)
        .startsWith("[INFO] durobs: promtool: 3 rule files load, 3 test files pass"));
    // the live proof: the real stack, every panel of the Toygres dashboard with data, the alert
    // firing (ToygresLiveIT, failsafe in the example's build)
    assertThat(log).anySatisfy(line -> assertThat(line).startsWith("toygres: panels 3/3 with data"));
    assertThat(log).anySatisfy(line -> assertThat(line)
        .startsWith("[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0")
        .endsWith("in com.example.toygres.observability.ToygresLiveIT"));

    Path out = EXAMPLES.resolve("toygres-observability/target/durobs");
    String dashboard = Files.readString(out.resolve("grafana/dashboards/toygres.json"));
    assertThat(dashboard).contains("toygres_instances_created_total",
        "toygres_provisioning_duration_seconds_bucket", "toygres_instances_running");
    // the row the extension added to the engine's Production dashboard
    assertThat(Files.readString(out.resolve("grafana/dashboards/production.json")))
        .contains("\"title\": \"Toygres\"");
    assertThat(Files.readString(out.resolve("prometheus/rules/toygres.yaml")))
        .contains("alert: ToygresProvisioningSlow");
    assertThat(Files.readString(out.resolve("docs/runbooks.md")))
        .contains("### ToygresProvisioningSlow");
    // the configuration overrides: the extension's job, the build's folder and runbook URL
    assertThat(Files.readString(out.resolve("prometheus/rules/alerts.yaml")))
        .contains("runbook_url: https://runbooks.example.com/toygres.md#");
    assertThat(Files.readString(out.resolve("prometheus/tests/alerts.test.yaml")))
        .contains("job=\\\"toygres\\\"");  // the engine's tests carry the extension's job
    assertThat(Files.readString(out.resolve("grafana/provisioning/dashboards/dashboards.yaml")))
        .contains("folder: Toygres");
  }
}
