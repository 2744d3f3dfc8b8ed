package io.durobs.it.alerts;

import io.durobs.it.check.ProgressListener;
import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.prometheus.RuleState;
import io.durobs.stack.AlertmanagerConfig;
import io.durobs.toolkit.tools.Readiness;
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

  /**
   * The alert that always fires (the dead man's switch): never counted as active, pending or
   * firing below, and checked on its own by {@link #awaitWatchdog}.
   */
  public static final String WATCHDOG = AlertmanagerConfig.WATCHDOG;

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
    out.remove(WATCHDOG);
    return out;
  }

  /** An alert with the labels of its firing series, e.g. {@code X{operation="ack"}}. */
  private static String describe(RuleState r) {
    List<String> series = new ArrayList<>();
    for (java.util.Map<String, String> labels : r.activeAlerts()) {
      if (!"firing".equals(labels.get("__state__"))) {
        continue;
      }
      java.util.Map<String, String> own = new java.util.TreeMap<>(labels);
      own.keySet().removeAll(List.of("__state__", "alertname", "severity", "job"));
      series.add(own.toString());
    }
    return r.name() + (series.isEmpty() ? "" : " " + String.join(" ", series));
  }

  /** Alerts that are firing in Prometheus right now. */
  public Set<String> firing() {
    return inState("firing");
  }

  /** Alerts that are pending in Prometheus right now (their condition holds, for: not yet met). */
  public Set<String> pending() {
    return inState("pending");
  }

  private Set<String> inState(String state) {
    Set<String> out = new TreeSet<>();
    for (RuleState r : prometheus.rules()) {
      if (r.isAlert() && state.equals(r.state()) && !r.name().equals(WATCHDOG)) {
        out.add(r.name());
      }
    }
    return out;
  }

  /**
   * Watches the alerts for {@code window}: the ones that fired in Prometheus at any look, or
   * reached the webhook in that time. Alerts that only went pending are returned in
   * {@code pendingOnly} (a condition that held briefly; with {@code for:} it is not an alert).
   *
   * @param window how long to watch
   * @param every how often to look
   * @param pendingOnly receives the alerts that were pending but never fired
   */
  public Set<String> observe(Duration window, Duration every, Set<String> pendingOnly) {
    Instant start = Instant.now();
    Instant end = start.plus(window);
    Set<String> fired = new TreeSet<>();
    Set<String> pendingSeen = new TreeSet<>();
    while (true) {
      fired.addAll(firing());
      pendingSeen.addAll(pending());
      if (!Instant.now().isBefore(end)) {
        break;
      }
      Readiness.pause(every.toMillis());
    }
    webhook.received().stream().filter(n -> !n.received().isBefore(start) && n.status().equals("firing"))
        .forEach(n -> fired.add(n.alertname()));
    fired.remove(WATCHDOG);
    pendingSeen.removeAll(fired);
    pendingOnly.addAll(pendingSeen);
    return fired;
  }

  /**
   * Lets what an earlier phase left in flight reach Prometheus (an export, a scrape and a rule
   * evaluation take seconds), then waits until no alert is pending: every condition that earlier
   * data set off has either cleared or turned into a firing alert.
   *
   * @param atLeast how long to wait in any case
   * @param timeout how long to wait at most
   * @return the alerts still pending when the wait ended (empty when it settled)
   */
  public Set<String> settle(Duration atLeast, Duration timeout) {
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    Readiness.pause(atLeast.toMillis());
    Set<String> pending = pending();
    while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
      Readiness.pause(1000);
      pending = pending();
    }
    return pending;
  }

  /**
   * Waits until no alert is pending or firing in Prometheus and Alertmanager holds none, at most
   * {@code timeout}: the quiet state a healthy phase starts from.
   *
   * @return the alerts still active when the wait ended (empty when all was quiet)
   */
  public Set<String> awaitQuiet(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Set<String> active = new TreeSet<>(firing());
      active.addAll(pending());
      alertmanager.alerts().forEach(a -> active.add(a.getOrDefault("alertname", "")));
      active.remove("");
      active.remove(WATCHDOG);
      if (active.isEmpty() || !Instant.now().isBefore(deadline)) {
        return active;
      }
      Readiness.pause(1000);
    }
  }

  /**
   * Follows the alerts of a fault scenario that has just started: each must fire in Prometheus,
   * be held by Alertmanager and reach the webhook, all after {@code start}; meanwhile any other
   * alert that starts firing is noted as a consequence (when listed) or as unexpected.
   *
   * @param scenario the scenario's name
   * @param fires the alerts it must fire
   * @param consequences alerts that may fire as well
   * @param activeWhenHealthy the alerts that were active in the healthy phase
   * @param start when the scenario began
   * @param timeout how long to wait for all of its alerts
   */
  public ScenarioCheck awaitScenario(String scenario, List<String> fires, List<String> consequences,
      Set<String> activeWhenHealthy, Instant start, Duration timeout) {
    Set<String> firingAtStart = firing();
    Instant deadline = Instant.now().plus(timeout);
    Set<String> fired = new TreeSet<>();
    Set<String> inAm = new TreeSet<>();
    Set<String> also = new TreeSet<>();
    java.util.Map<String, String> alsoSeries = new java.util.TreeMap<>();
    while (true) {
      for (RuleState r : prometheus.rules()) {
        if (!r.isAlert() || !"firing".equals(r.state()) || firingAtStart.contains(r.name())
            || r.name().equals(WATCHDOG)) {
          continue;
        }
        if (fires.contains(r.name())) {
          fired.add(r.name());
        } else {
          also.add(r.name());
          alsoSeries.putIfAbsent(r.name(), describe(r));
        }
      }
      alertmanager.alerts().forEach(a -> {
        String name = a.getOrDefault("alertname", "");
        if (fires.contains(name) && fired.contains(name)) {
          inAm.add(name);
        }
      });
      Set<String> inhibited = alertmanager.inhibited();
      boolean done = fires.stream().allMatch(a -> fired.contains(a) && inAm.contains(a)
          && (webhook.firstFiring(a, start) != null || inhibited.contains(a)));
      if (done || !Instant.now().isBefore(deadline)) {
        break;
      }
      Readiness.pause(500);
    }
    List<AlertCheck> checks = new ArrayList<>();
    Set<String> inhibited = alertmanager.inhibited();
    for (String alert : fires) {
      List<String> notes = new ArrayList<>();
      if (inhibited.contains(alert)) {
        notes.add("held by Alertmanager but inhibited, as its inhibit rules intend");
      }
      if (firingAtStart.contains(alert)) {
        notes.add("already firing when the scenario started (left over from an earlier phase)");
      }
      if (!fired.contains(alert)) {
        prometheus.rules().stream().filter(r -> r.name().equals(alert)).findFirst().ifPresentOrElse(
            r -> notes.add("rule state " + r.state() + (r.lastError().isEmpty() ? "" : ", error: " + r.lastError())),
            () -> notes.add("no alerting rule " + alert + " is loaded"));
      }
      WebhookReceiver.Notified notified = webhook.firstFiring(alert, start);
      long seconds = notified == null ? -1 : Duration.between(start, notified.received()).toSeconds();
      AlertCheck c = new AlertCheck(alert, scenario, !activeWhenHealthy.contains(alert), fired.contains(alert),
          inAm.contains(alert), notified != null || inhibited.contains(alert), seconds, notes);
      progress.line("  [" + (c.passed() ? "FIRED" : "MISSED") + "] " + alert + " (" + scenario + ")"
          + (seconds >= 0 ? " in " + seconds + " s" : "") + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)));
      checks.add(c);
    }
    List<String> expectedAlso = also.stream().filter(consequences::contains).toList();
    List<String> unexpected = also.stream().filter(a -> !consequences.contains(a))
        .map(alsoSeries::get).toList();
    if (!expectedAlso.isEmpty()) {
      progress.line("    also fired (consequences of the fault): " + expectedAlso);
    }
    if (!unexpected.isEmpty()) {
      progress.line("    ! also fired, unrelated to the scenario: " + unexpected);
    }
    return new ScenarioCheck(scenario, checks, expectedAlso, unexpected,
        Duration.between(start, Instant.now()).toSeconds());
  }

  /**
   * Waits until the {@link #WATCHDOG} fires in Prometheus, is held by Alertmanager and reaches
   * the webhook (through its own route), at most {@code timeout}.
   */
  public AlertCheck awaitWatchdog(Duration timeout) {
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    boolean fired = false;
    boolean inAm = false;
    WebhookReceiver.Notified notified = null;
    while (Instant.now().isBefore(deadline) && !(fired && inAm && notified != null)) {
      fired = prometheus.rules().stream().anyMatch(r -> r.name().equals(WATCHDOG)
          && "firing".equals(r.state()));
      inAm = alertmanager.alerts().stream().anyMatch(a -> WATCHDOG.equals(a.get("alertname")));
      notified = webhook.firstFiring(WATCHDOG, Instant.EPOCH);
      if (!(fired && inAm && notified != null)) {
        Readiness.pause(500);
      }
    }
    AlertCheck c = new AlertCheck(WATCHDOG, "(always)", true, fired, inAm, notified != null,
        notified == null ? -1 : 0, List.of("always firing: the dead man's switch"));
    progress.line("  [" + (c.passed() ? "FIRED" : "MISSED") + "] " + WATCHDOG + " (always firing)");
    return c;
  }
}
