package io.durobs.it.prometheus;

import java.util.List;
import java.util.Map;

/**
 * A rule as Prometheus reports it on {@code /api/v1/rules}.
 *
 * @param group the rule group's name
 * @param name the alert name or the recorded metric name
 * @param type {@code alerting} or {@code recording}
 * @param query the rule's expression
 * @param health {@code ok}, {@code err} or {@code unknown}
 * @param lastError the evaluation error, empty when healthy
 * @param state for an alert: {@code inactive}, {@code pending} or {@code firing}
 * @param labels the rule's labels
 * @param activeAlerts for an alert: the label sets of its pending and firing alerts
 */
public record RuleState(String group, String name, String type, String query, String health,
    String lastError, String state, Map<String, String> labels, List<Map<String, String>> activeAlerts) {

  public RuleState {
    labels = Map.copyOf(labels);
    activeAlerts = List.copyOf(activeAlerts);
  }

  /** True for an alerting rule. */
  public boolean isAlert() {
    return "alerting".equals(type);
  }
}
