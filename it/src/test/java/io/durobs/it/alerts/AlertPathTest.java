package io.durobs.it.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.it.check.ProgressListener;
import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.stack.LocalStack;
import io.durobs.toolkit.tools.Checkout;
import io.durobs.toolkit.tools.Readiness;
import java.time.Duration;
import java.time.Instant;
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
