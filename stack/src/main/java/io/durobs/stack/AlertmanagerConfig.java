package io.durobs.stack;

import static io.durobs.toolkit.yaml.Trees.map;

import java.util.List;
import java.util.Map;

/**
 * The Alertmanager configuration ({@code generated/alertmanager/alertmanager.yml}): one route to
 * one webhook receiver, with resolved notifications.
 *
 * <p>The webhook is {@link StackEndpoints#alertWebhook()}: a placeholder in {@code generated/}
 * (replace the receiver with a real one, e.g. Slack or PagerDuty), and the harness's own HTTP
 * receiver when it renders the files for its run, where it checks that every alert arrives.
 * {@link #GROUP_WAIT} is short so a firing alert is notified within seconds.
 */
public final class AlertmanagerConfig {

  /** The receiver's name. */
  public static final String RECEIVER = "durobs-webhook";
  /** Wait before the first notification of a new alert group. */
  public static final String GROUP_WAIT = "5s";
  /** Wait before notifying alerts added to a group already notified. */
  public static final String GROUP_INTERVAL = "30s";
  /** Wait before repeating a notification that is still firing. */
  public static final String REPEAT_INTERVAL = "4h";

  private AlertmanagerConfig() {}

  /**
   * The configuration as an ordered tree.
   *
   * @param endpoints where the webhook is
   * @return a new tree
   */
  public static Map<String, Object> tree(StackEndpoints endpoints) {
    return map(
        "route", map(
            "receiver", RECEIVER,
            "group_by", List.of("alertname"),
            "group_wait", GROUP_WAIT,
            "group_interval", GROUP_INTERVAL,
            "repeat_interval", REPEAT_INTERVAL),
        "receivers", List.of(map(
            "name", RECEIVER,
            "webhook_configs", List.of(map(
                "url", endpoints.alertWebhook().toString(),
                "send_resolved", true)))));
  }
}
