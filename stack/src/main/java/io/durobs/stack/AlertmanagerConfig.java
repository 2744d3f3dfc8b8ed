package io.durobs.stack;

import static io.durobs.toolkit.yaml.Trees.map;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Alertmanager configuration ({@code generated/alertmanager/alertmanager.yml}), in
 * kube-prometheus' shape: alerts grouped by {@code job}, routed by {@code severity} (critical
 * pages, warning tickets), the {@link #WATCHDOG} to its own receiver (a dead man's switch), and
 * two inhibit rules: a critical alert silences the warnings of the same job, and a broken
 * telemetry pipeline ({@link #PIPELINE_BROKEN}) silences {@link #ENGINE_ABSENT}, its consequence.
 *
 * <p>Every receiver posts to {@link StackEndpoints#alertWebhook()}: a placeholder in
 * {@code generated/} (replace each receiver with a real one, e.g. PagerDuty for the page, a
 * ticket system for the ticket, a dead man's switch for the watchdog), and the harness's own HTTP
 * receiver when it renders the files for its run, where it checks that every alert arrives.
 *
 * <p>The alert names here are the ones the rules ({@code io.durobs.dashboards.rules.EngineRules})
 * take: the rules depend on this module, not the other way round.
 */
public final class AlertmanagerConfig {

  /** The always-firing alert (dead man's switch). */
  public static final String WATCHDOG = "Watchdog";
  /** The alert that Prometheus cannot scrape the collector: it inhibits {@link #ENGINE_ABSENT}. */
  public static final String PIPELINE_BROKEN = "DuroxideTelemetryPipelineBroken";
  /** The alert that an engine job stopped reporting. */
  public static final String ENGINE_ABSENT = "DuroxideEngineAbsent";

  /** The receiver of alerts no other route takes. */
  public static final String RECEIVER = "durobs-webhook";
  /** The receiver of critical alerts: someone acts now. */
  public static final String PAGE_RECEIVER = "durobs-page";
  /** The receiver of warnings: someone looks today. */
  public static final String TICKET_RECEIVER = "durobs-ticket";
  /** The receiver of the watchdog: a dead man's switch. */
  public static final String WATCHDOG_RECEIVER = "durobs-watchdog";

  /**
   * When Alertmanager notifies a group of alerts.
   *
   * @param groupWait wait before the first notification of a new group
   * @param groupInterval wait before notifying alerts added to a group already notified
   * @param repeatInterval wait before repeating a notification that is still firing
   */
  public record Timings(String groupWait, String groupInterval, String repeatInterval) {

    /** kube-prometheus' timings: 30 s, 5 min, 12 h. */
    public static final Timings PRODUCTION = new Timings("30s", "5m", "12h");

    public Timings {
      Objects.requireNonNull(groupWait, "groupWait");
      Objects.requireNonNull(groupInterval, "groupInterval");
      Objects.requireNonNull(repeatInterval, "repeatInterval");
    }
  }

  private AlertmanagerConfig() {}

  /** The configuration at {@link Timings#PRODUCTION}, as an ordered tree. */
  public static Map<String, Object> tree(StackEndpoints endpoints) {
    return tree(endpoints, Timings.PRODUCTION);
  }

  /**
   * The configuration as an ordered tree.
   *
   * @param endpoints where the webhook is
   * @param timings when groups are notified (the harness passes faster ones)
   * @return a new tree
   */
  public static Map<String, Object> tree(StackEndpoints endpoints, Timings timings) {
    String url = endpoints.alertWebhook().toString();
    return map(
        "route", map(
            "receiver", RECEIVER,
            "group_by", List.of("job"),
            "group_wait", timings.groupWait(),
            "group_interval", timings.groupInterval(),
            "repeat_interval", timings.repeatInterval(),
            "routes", List.of(
                // the switch expects the watchdog every group interval, not every 12 hours
                map("receiver", WATCHDOG_RECEIVER,
                    "matchers", List.of("alertname=\"" + WATCHDOG + "\""),
                    "repeat_interval", timings.groupInterval()),
                map("receiver", PAGE_RECEIVER, "matchers", List.of("severity=\"critical\"")),
                map("receiver", TICKET_RECEIVER, "matchers", List.of("severity=\"warning\"")))),
        "inhibit_rules", List.of(
            map("source_matchers", List.of("severity=\"critical\""),
                "target_matchers", List.of("severity=\"warning\""),
                "equal", List.of("job")),
            // the pipeline's alert carries the collector's job, so no label is shared
            map("source_matchers", List.of("alertname=\"" + PIPELINE_BROKEN + "\""),
                "target_matchers", List.of("alertname=\"" + ENGINE_ABSENT + "\""))),
        "receivers", List.of(
            receiver(RECEIVER, url), receiver(PAGE_RECEIVER, url), receiver(TICKET_RECEIVER, url),
            receiver(WATCHDOG_RECEIVER, url)));
  }

  private static Map<String, Object> receiver(String name, String url) {
    return map("name", name, "webhook_configs", List.of(map("url", url, "send_resolved", true)));
  }
}
