package io.durobs.it.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.telemetry.Telemetry;
import io.durobs.it.check.ProgressListener;
import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.stack.LocalStack;
import io.durobs.toolkit.tools.Checkout;
import io.durobs.toolkit.tools.Readiness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The alert path of the local stack with real Prometheus and Alertmanager: an alert that fires
 * during a scenario reaches Alertmanager and the test's webhook; an alert that fires beside it
 * is reported as unexpected unless it is a listed consequence; one that never fires is missed.
 */
class AlertPathTest {

  private static final String RULES = """
      groups:
        - name: harness
          interval: 1s
          rules:
            - alert: HarnessFires
              expr: vector(1)
              for: 4s
              labels: {severity: info}
            - alert: HarnessFiresToo
              expr: vector(1)
              for: 4s
            - alert: HarnessNeverFires
              expr: vector(1) == 0
      """;

  /** Fires for each job whose gauge, pushed through the collector, is open (above 0, or 1). */
  private static final String PER_JOB_RULES = """
      groups:
        - name: harness
          interval: 1s
          rules:
            - alert: HarnessGateOpen
              expr: max by (job) (durobs_harness_gate) > 0
              for: 2s
            - alert: HarnessGateWide
              expr: max by (job) (durobs_harness_gate) > 1
              for: 2s
      """;

  @Test
  void concurrentScenariosAreJudgedByTheJobOfEachAlert() {
    try (LocalStack stack = LocalStack.builder(Checkout.tools()).rules(Map.of("harness.yaml", PER_JOB_RULES)).build()) {
      stack.start();
      AlertChecker alerts = new AlertChecker(PrometheusClient.of(stack.prometheusUrl()),
          new AlertmanagerClient(stack.alertmanagerUrl()), stack.webhook(), ProgressListener.SILENT);
      Readiness.await("rules loaded", Duration.ofSeconds(30), null, () -> alerts.alertNames().size() == 2);
      Instant start = Instant.now();
      // nothing fires before the gauges arrive: the watch starts from a quiet state
      try (Telemetry a = gate(stack, "job-a", 1); Telemetry b = gate(stack, "job-b", 2);
          Telemetry healthy = gate(stack, "job-healthy", 1)) {
        List<String> stray = new ArrayList<>();
        List<String> done = new ArrayList<>();
        List<ScenarioCheck> checks = alerts.awaitScenarios(List.of(
            new AlertChecker.Watch("a", "job-a", List.of("HarnessGateOpen"), List.of(), start, Duration.ofSeconds(60)),
            new AlertChecker.Watch("b", "job-b", List.of("HarnessGateOpen"), List.of(), start, Duration.ofSeconds(60)),
            // job-c never reports: the alert firing for the other jobs is not its alert
            new AlertChecker.Watch("c", "job-c", List.of("HarnessGateOpen"), List.of(), start, Duration.ofSeconds(30))),
            Set.of(), Set.of(), stray, done::add);

        assertThat(done).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(checks.get(0).passed()).as(checks.get(0).toString()).isTrue();
        assertThat(checks.get(1).alerts().get(0).passed()).isTrue();
        assertThat(checks.get(1).unexpected()).containsExactly("HarnessGateWide {}");
        assertThat(checks.get(2).alerts().get(0).firedInPrometheus()).isFalse();
        assertThat(checks.get(2).alerts().get(0).notes()).anyMatch(n -> n.contains("job-a"));
        assertThat(stray).containsExactly("HarnessGateOpen{job=job-healthy}");
      }
    }
  }

  /** A process reporting {@code value} as its gate gauge under {@code job}, through the collector. */
  private static Telemetry gate(LocalStack stack, String job, long value) {
    Telemetry t = Telemetry.builder().setting("otel.service.name", job)
        .setting("otel.exporter.otlp.endpoint", stack.otlpEndpoint())
        .setting("otel.exporter.otlp.protocol", "http/protobuf")
        .setting("otel.metric.export.interval", "1000").setting("otel.logs.exporter", "none")
        .installLogAppender(false).processMetrics(false).build();
    t.openTelemetry().getMeter("durobs-harness").gaugeBuilder("durobs.harness.gate").ofLongs()
        .buildWithCallback(m -> m.record(value));
    return t;
  }

  @Test
  void aScenariosAlertReachesTheWebhookAndOthersAreAccountedFor() throws Exception {
    try (LocalStack stack = LocalStack.builder(Checkout.tools()).rules(Map.of("harness.yaml", RULES)).build()) {
      stack.start();
      PrometheusClient prometheus = PrometheusClient.of(stack.prometheusUrl());
      AlertChecker alerts = new AlertChecker(prometheus, new AlertmanagerClient(stack.alertmanagerUrl()),
          stack.webhook(), ProgressListener.SILENT);
      Readiness.await("rules loaded", Duration.ofSeconds(30), null, () -> alerts.alertNames().size() == 3);
      assertThat(alerts.alertNames()).containsExactly("HarnessFires", "HarnessFiresToo", "HarnessNeverFires");
      assertThat(alerts.unhealthyRules()).isEmpty();
      assertThat(alerts.firing()).isEmpty();

      ScenarioCheck s = alerts.awaitScenario("always", List.of("HarnessFires"), List.of(), Set.of(),
          Instant.now(), Duration.ofSeconds(60));

      assertThat(s.alerts()).singleElement().satisfies(c -> {
        assertThat(c.passed()).as(c.toString()).isTrue();
        assertThat(c.secondsToFire()).isBetween(3L, 59L);
      });
      assertThat(stack.webhook().firstFiring("HarnessFires").labels()).containsEntry("severity", "info");
      assertThat(s.unexpected()).containsExactly("HarnessFiresToo {}");
      assertThat(s.passed()).isFalse();

      ScenarioCheck never = alerts.awaitScenario("never", List.of("HarnessNeverFires"), List.of("HarnessFiresToo"),
          Set.of(), Instant.now(), Duration.ofSeconds(3));
      assertThat(never.passed()).isFalse();
      assertThat(never.unexpected()).isEmpty();
      assertThat(never.alerts().get(0).notes()).singleElement().asString().contains("rule state inactive");

      ScenarioCheck again = alerts.awaitScenario("again", List.of("HarnessFires"), List.of(), Set.of("HarnessFires"),
          Instant.now(), Duration.ofSeconds(2));
      assertThat(again.alerts().get(0).quietWhenHealthy()).isFalse();
      assertThat(again.alerts().get(0).notes()).anyMatch(n -> n.contains("already firing"));
      assertThat(alerts.active()).contains("HarnessFires", "HarnessFiresToo").doesNotContain("HarnessNeverFires");
    }
  }
}
