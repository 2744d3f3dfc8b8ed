package io.durobs.harness.alerts;

import io.durobs.harness.check.ProgressListener;
import io.durobs.harness.prometheus.PrometheusClient;
import io.durobs.harness.prometheus.RuleState;
import io.durobs.harness.stack.Readiness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Follows alerts through the whole path: the rule's state in Prometheus, the alert in
 * Alertmanager ({@code /api/v2/alerts}), and the notification at the test's webhook receiver.
 */
public final class AlertChecker {

  private final PrometheusClient prometheus;
  private final AlertmanagerClient alertmanager;
  private final WebhookReceiver webhook;
  private final ProgressListener progress;

  /**
   * @param prometheus the Prometheus evaluating the rules
   * @param alertmanager the Alertmanager Prometheus sends to
   * @param webhook the receiver Alertmanager notifies
   * @param progress where progress lines go
   */
  public AlertChecker(PrometheusClient prometheus, AlertmanagerClient alertmanager, WebhookReceiver webhook,
      ProgressListener progress) {
    this.prometheus = prometheus;
    this.alertmanager = alertmanager;
    this.webhook = webhook;
    this.progress = progress;
  }

  /** The names of the loaded alerting rules, sorted. */
  public List<String> alertNames() {
    return prometheus.rules().stream().filter(RuleState::isAlert).map(RuleState::name).distinct().sorted().toList();
  }

  /** Rules whose last evaluation failed, as {@code name: error}. */
  public List<String> unhealthyRules() {
    return prometheus.rules().stream().filter(r -> "err".equals(r.health()))
        .map(r -> r.name() + ": " + r.lastError()).toList();
  }

  /** Alerts that are pending or firing in Prometheus, or held by Alertmanager, right now. */
  public Set<String> active() {
    Set<String> out = new TreeSet<>();
    for (RuleState r : prometheus.rules()) {
      if (r.isAlert() && !"inactive".equals(r.state()) && !r.state().isEmpty()) {
        out.add(r.name());
      }
    }
    alertmanager.alerts().forEach(a -> out.add(a.getOrDefault("alertname", "")));
    webhook.received().forEach(n -> out.add(n.alertname()));
    out.remove("");
    return out;
  }

  /**
   * Waits until the alert has fired in Prometheus, is held by Alertmanager and has reached the
   * webhook, or the timeout passes.
   *
   * @param alert the alert name
   * @param scenario the fault scenario that should fire it (for the report)
   * @param quietWhenHealthy whether it stayed quiet in the healthy phase (for the report)
   * @param scenarioStart when the scenario began
   * @param timeout how long to wait
   */
  public AlertCheck awaitFiring(String alert, String scenario, boolean quietWhenHealthy, Instant scenarioStart,
      Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    boolean fired = false;
    boolean inAm = false;
    WebhookReceiver.Notified notified = null;
    List<String> notes = new ArrayList<>();
    while (Instant.now().isBefore(deadline)) {
      if (!fired) {
        fired = prometheus.rules().stream()
            .anyMatch(r -> r.isAlert() && r.name().equals(alert) && "firing".equals(r.state()));
      }
      if (!inAm) {
        inAm = alertmanager.alerts().stream().anyMatch(a -> alert.equals(a.get("alertname")));
      }
      notified = webhook.firstFiring(alert);
      if (fired && inAm && notified != null) {
        break;
      }
      Readiness.pause(500);
    }
    if (!fired) {
      prometheus.rules().stream().filter(r -> r.name().equals(alert)).findFirst().ifPresentOrElse(
          r -> notes.add("rule state " + r.state() + (r.lastError().isEmpty() ? "" : ", error: " + r.lastError())),
          () -> notes.add("no alerting rule " + alert + " is loaded"));
    }
    long seconds = notified == null ? -1 : Duration.between(scenarioStart, notified.received()).toSeconds();
    AlertCheck c = new AlertCheck(alert, scenario, quietWhenHealthy, fired, inAm, notified != null, seconds, notes);
    progress.line("  [" + (c.passed() ? "FIRED" : "MISSED") + "] " + alert + " (" + scenario + ")"
        + (seconds >= 0 ? " in " + seconds + " s" : "") + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)));
    return c;
  }

}
