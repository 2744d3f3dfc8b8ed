package io.durobs.it.alerts;

import java.util.List;

/**
 * The check of one alert rule.
 *
 * @param alert the alert name
 * @param scenario the workload fault scenario meant to fire it
 * @param quietWhenHealthy true when the alert stayed inactive through the healthy phase
 * @param firedInPrometheus true when Prometheus showed it firing during its scenario
 * @param reachedAlertmanager true when Alertmanager's API listed it
 * @param reachedWebhook true when the test's webhook receiver got a notification for it
 * @param secondsToFire seconds from the scenario's start until it reached the webhook, or -1
 * @param notes what went wrong, if anything (rule errors, labels seen)
 */
public record AlertCheck(String alert, String scenario, boolean quietWhenHealthy,
    boolean firedInPrometheus, boolean reachedAlertmanager, boolean reachedWebhook,
    long secondsToFire, List<String> notes) {

  public AlertCheck {
    notes = List.copyOf(notes);
  }

  /** True when the alert fired all the way to the webhook (and was quiet when healthy). */
  public boolean passed() {
    return quietWhenHealthy && firedInPrometheus && reachedAlertmanager && reachedWebhook;
  }
}
