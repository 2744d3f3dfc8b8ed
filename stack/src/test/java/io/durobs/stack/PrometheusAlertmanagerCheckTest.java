package io.durobs.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.toolkit.tools.ProcessRun;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered Prometheus and Alertmanager configurations, checked by promtool and amtool. */
class PrometheusAlertmanagerCheckTest {

  /** A rule on Prometheus's own 'up' series: a fixture, not one of the project's rules. */
  private static final String RULE_FIXTURE = """
      groups:
        - name: fixture
          rules:
            - alert: FixtureTargetDown
              expr: up == 0
              for: 1m
      """;

  @TempDir Path dir;

  @Test
  void promtoolAcceptsTheConfigurationAndLoadsRulesFromTheRulesDirectoryBesideIt() throws Exception {
    StackFiles.writeTo(dir, StackFiles.render());
    Files.createDirectories(dir.resolve("prometheus/rules"));
    Files.writeString(dir.resolve("prometheus/rules/fixture.yaml"), RULE_FIXTURE);

    ProcessRun check = promtoolCheckConfig();

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("rules/fixture.yaml").contains("1 rules found");
  }

  @Test
  void promtoolRejectsABrokenRuleFileThroughTheConfiguration() throws Exception {
    // Proves rule_files reaches rules/*.yaml: a bad rule there fails the configuration check.
    StackFiles.writeTo(dir, StackFiles.render());
    Files.createDirectories(dir.resolve("prometheus/rules"));
    Files.writeString(dir.resolve("prometheus/rules/fixture.yaml"), RULE_FIXTURE.replace("up == 0", "up ==="));

    ProcessRun check = promtoolCheckConfig();

    assertThat(check.exitCode()).isNotZero();
    assertThat(check.output()).contains("fixture.yaml");
  }

  @Test
  void promtoolAcceptsTheConfigurationRenderedForLoopbackPorts() throws Exception {
    StackFiles.writeTo(dir, StackFiles.render(loopback()));

    ProcessRun check = promtoolCheckConfig();

    assertThat(check.exitCode()).as(check.output()).isZero();
  }

  @Test
  void amtoolAcceptsTheGeneratedConfigurationAndTheHarnessVariant() throws Exception {
    Path generated = StackFiles.writeTo(dir.resolve("generated"), StackFiles.render());
    Path harness = StackFiles.writeTo(dir.resolve("harness"), StackFiles.render(loopback()));

    for (Path root : List.of(generated, harness)) {
      ProcessRun check = ProcessRun.run(root, List.of(TestCheckout.tools().amtool().toString(), "check-config",
          StackFiles.ALERTMANAGER_CONFIG));
      assertThat(check.exitCode()).as(check.output()).isZero();
      assertThat(check.output()).contains("SUCCESS").contains("2 inhibit rules")
          .contains("4 receivers");
    }
    assertThat(Files.readString(harness.resolve(StackFiles.ALERTMANAGER_CONFIG)))
        .contains("url: http://127.0.0.1:41234/alerts");
  }

  @Test
  void amtoolRejectsARouteToAMissingReceiver() throws Exception {
    // Shows amtool checks the routing tree, so the pass above means something.
    StackFiles.writeTo(dir, StackFiles.render());
    Path config = dir.resolve(StackFiles.ALERTMANAGER_CONFIG);
    Files.writeString(config, Files.readString(config).replaceFirst("receiver: durobs-webhook", "receiver: nobody"));

    ProcessRun check = ProcessRun.run(dir, List.of(TestCheckout.tools().amtool().toString(), "check-config",
        StackFiles.ALERTMANAGER_CONFIG));

    assertThat(check.exitCode()).isNotZero();
    assertThat(check.output()).contains("nobody");
  }

  private ProcessRun promtoolCheckConfig() throws Exception {
    return ProcessRun.run(dir, List.of(TestCheckout.tools().promtool().toString(), "check", "config",
        StackFiles.PROMETHEUS_CONFIG));
  }

  private static StackEndpoints loopback() {
    return StackEndpoints.builder().allOn("127.0.0.1")
        .prometheusPort(41230).alertmanagerPort(41231).collectorMetricsPort(41232).collectorTelemetryPort(41233)
        .alertWebhook(URI.create("http://127.0.0.1:41234/alerts"))
        .build();
  }
}
