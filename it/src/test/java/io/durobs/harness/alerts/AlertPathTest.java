package io.durobs.harness.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.harness.check.ProgressListener;
import io.durobs.harness.prometheus.PrometheusClient;
import io.durobs.harness.stack.LocalStack;
import io.durobs.harness.stack.Readiness;
import io.durobs.harness.stack.Tools;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The alert path of the local stack with real Prometheus and Alertmanager: a rule that always
 * fires reaches Alertmanager and the test's webhook; a rule that never fires stays quiet and is
 * reported as missed.
 */
class AlertPathTest {

  @Test
  void firingAlertReachesTheWebhookAndAQuietOneIsReportedMissed() throws Exception {
    String rules = """
        groups:
          - name: harness
            interval: 1s
            rules:
              - alert: HarnessAlwaysFiring
                expr: vector(1)
                labels: {severity: info}
              - alert: HarnessNeverFiring
                expr: vector(1) == 0
        """;
    try (LocalStack stack = LocalStack.builder(Tools.of(Tools.checkoutRoot())).rules(Map.of("harness.yaml", rules)).build()) {
      stack.start();
      PrometheusClient prometheus = PrometheusClient.of(stack.prometheusUrl());
      AlertChecker alerts = new AlertChecker(prometheus, new AlertmanagerClient(stack.alertmanagerUrl()),
          stack.webhook(), ProgressListener.SILENT);
      Readiness.await("rules loaded", Duration.ofSeconds(30), null, () -> alerts.alertNames().size() == 2);
      assertThat(alerts.alertNames()).containsExactly("HarnessAlwaysFiring", "HarnessNeverFiring");
      assertThat(alerts.unhealthyRules()).isEmpty();

      AlertCheck fired = alerts.awaitFiring("HarnessAlwaysFiring", "always", true, Instant.now(), Duration.ofSeconds(60));
      assertThat(fired.passed()).as(fired.toString()).isTrue();
      assertThat(stack.webhook().firstFiring("HarnessAlwaysFiring").labels()).containsEntry("severity", "info");

      AlertCheck quiet = alerts.awaitFiring("HarnessNeverFiring", "never", true, Instant.now(), Duration.ofSeconds(3));
      assertThat(quiet.passed()).isFalse();
      assertThat(quiet.notes()).singleElement().asString().contains("rule state inactive");
      assertThat(alerts.active()).contains("HarnessAlwaysFiring").doesNotContain("HarnessNeverFiring");
    }
  }
}
