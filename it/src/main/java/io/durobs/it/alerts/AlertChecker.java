package io.durobs.it.alerts;

import io.durobs.it.check.ProgressListener;
import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.prometheus.RuleState;
import io.durobs.stack.AlertmanagerConfig;
import io.durobs.toolkit.tools.Readiness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

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

  /**
   * An alert with the labels of its firing series for {@code job}, e.g.
   * {@code X {operation=ack}}.
   */
  private static String describe(RuleState r, String job) {
    List<String> series = new ArrayList<>();
    for (java.util.Map<String, String> labels : r.activeAlerts()) {
      if (!"firing".equals(labels.get("__state__")) || !job.equals(labels.getOrDefault("job", ""))) {
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
   * One fault scenario to follow.
   *
   * @param scenario the scenario's name
   * @param job the job its alerts count for (the {@code job} label), or null when the fault hits
   *     every job and an alert counts for any
   * @param fires the alerts it must fire
   * @param consequences alerts that may fire as well
   * @param start when the scenario began
   * @param timeout how long to wait for all of its alerts
   */
  public record Watch(String scenario, String job, List<String> fires, List<String> consequences,
      Instant start, Duration timeout) {

    public Watch {
      fires = List.copyOf(fires);
      consequences = List.copyOf(consequences);
    }

    boolean owns(String alertJob) {
      return job == null || job.equals(alertJob);
    }
  }

  /** An alert of one job, as the rules, Alertmanager and the webhook label it. */
  private record JobAlert(String alert, String job) {
    static JobAlert of(Map<String, String> labels) {
      return new JobAlert(labels.getOrDefault("alertname", ""), labels.getOrDefault("job", ""));
    }

    @Override
    public String toString() {
      return alert + "{job=" + job + "}";
    }
  }

  /**
   * Follows the alerts of a fault scenario that has just started, counting them for any job: see
   * {@link #awaitScenarios}.
   */
  public ScenarioCheck awaitScenario(String scenario, List<String> fires, List<String> consequences,
      Set<String> activeWhenHealthy, Instant start, Duration timeout) {
    return awaitScenarios(List.of(new Watch(scenario, null, fires, consequences, start, timeout)),
        activeWhenHealthy, Set.of(), new ArrayList<>(), s -> { }).get(0);
  }

  /**
   * Follows fault scenarios that run at the same time, each on its own job: each scenario's
   * alerts must fire in Prometheus for its job, be held by Alertmanager and reach the webhook (or
   * be inhibited there), all after its start. Meanwhile every other alert that starts firing is
   * attributed by its {@code job}: to the scenario of that job, as a consequence (when listed) or
   * as unexpected; to nobody for the {@code ignoredJobs}; and for any other job (one meant to
   * stay healthy) it goes to {@code stray}. Alerts already firing for a job when the watch began
   * are left out. Returns when every scenario is through or past its timeout.
   *
   * @param watches the scenarios
   * @param activeWhenHealthy the alerts that were active in the healthy phase
   * @param ignoredJobs jobs whose alerts concern no scenario (an engine driven through every path)
   * @param stray receives each alert that started firing for a job no scenario owns, as
   *     {@code alert{job=...}}
   * @param onDone told (on this thread) the name of each scenario as soon as its alerts are through,
   *     so that its fault can end
   */
  public List<ScenarioCheck> awaitScenarios(List<Watch> watches, Set<String> activeWhenHealthy,
      Set<String> ignoredJobs, List<String> stray, Consumer<String> onDone) {
    Set<JobAlert> firingAtStart = firingByJob();
    Map<String, Set<JobAlert>> fired = new LinkedHashMap<>();
    Map<String, Set<JobAlert>> inAm = new LinkedHashMap<>();
    Map<String, Map<String, String>> also = new LinkedHashMap<>();
    Map<String, Instant> ended = new LinkedHashMap<>();
    for (Watch w : watches) {
      fired.put(w.scenario(), new TreeSet<>(BY_NAME_AND_JOB));
      inAm.put(w.scenario(), new TreeSet<>(BY_NAME_AND_JOB));
      also.put(w.scenario(), new TreeMap<>());
    }
    Set<JobAlert> strays = new TreeSet<>(BY_NAME_AND_JOB);
    // Remembered, not asked again at the end: once a scenario is through its fault ends, the
    // inhibiting alert resolves, and the inhibited one would then look merely unnotified.
    Set<JobAlert> inhibitedSeen = new TreeSet<>(BY_NAME_AND_JOB);
    while (true) {
      for (RuleState r : prometheus.rules()) {
        if (!r.isAlert() || r.name().equals(WATCHDOG)) {
          continue;
        }
        for (Map<String, String> labels : r.activeAlerts()) {
          JobAlert a = new JobAlert(r.name(), labels.getOrDefault("job", ""));
          if (!"firing".equals(labels.get("__state__")) || firingAtStart.contains(a)
              || ignoredJobs.contains(a.job())) {
            continue;
          }
          Watch owner = watches.stream().filter(w -> w.owns(a.job())).findFirst().orElse(null);
          if (owner == null) {
            strays.add(a);
          } else if (owner.fires().contains(a.alert())) {
            fired.get(owner.scenario()).add(a);
          } else {
            also.get(owner.scenario()).putIfAbsent(a.alert(), describe(r, a.job()));
          }
        }
      }
      List<Map<String, String>> held = alertmanager.alerts();
      inhibitedSeen.addAll(inhibited());
      for (Watch w : watches) {
        for (Map<String, String> labels : held) {
          JobAlert a = JobAlert.of(labels);
          if (fired.get(w.scenario()).contains(a)) {
            inAm.get(w.scenario()).add(a);
          }
        }
        if (ended.containsKey(w.scenario())) {
          continue;
        }
        boolean through = through(w, fired, inAm, inhibitedSeen);
        if (through || !Instant.now().isBefore(w.start().plus(w.timeout()))) {
          ended.put(w.scenario(), Instant.now());
          progress.line("  scenario " + w.scenario() + (through ? " through" : " timed out") + " after "
              + Duration.between(w.start(), Instant.now()).toSeconds() + " s"
              + (through ? "" : "; fired so far: " + fired.get(w.scenario())));
          onDone.accept(w.scenario());
        }
      }
      if (ended.size() == watches.size()) {
        break;
      }
      Readiness.pause(500);
    }
    strays.forEach(a -> stray.add(a.toString()));
    if (!strays.isEmpty()) {
      progress.line("    ! fired for a job no scenario owns: " + strays);
    }
    List<ScenarioCheck> out = new ArrayList<>();
    for (Watch w : watches) {
      out.add(check(w, fired.get(w.scenario()), inAm.get(w.scenario()), inhibitedSeen,
          also.get(w.scenario()), firingAtStart, activeWhenHealthy, ended.get(w.scenario())));
    }
    return out;
  }

  private static final java.util.Comparator<JobAlert> BY_NAME_AND_JOB =
      java.util.Comparator.comparing(JobAlert::alert).thenComparing(JobAlert::job);

  /** True when each alert of the scenario fired for its job, is in Alertmanager and was notified or inhibited. */
  private boolean through(Watch w, Map<String, Set<JobAlert>> fired, Map<String, Set<JobAlert>> inAm,
      Set<JobAlert> inhibited) {
    return w.fires().stream().allMatch(alert -> inAm.get(w.scenario()).stream()
        .anyMatch(a -> a.alert().equals(alert) && (inhibited.contains(a)
            || webhook.firstFiring(alert, a.job(), w.start()) != null)));
  }

  private ScenarioCheck check(Watch w, Set<JobAlert> fired, Set<JobAlert> inAm, Set<JobAlert> inhibited,
      Map<String, String> also, Set<JobAlert> firingAtStart, Set<String> activeWhenHealthy, Instant end) {
    List<AlertCheck> checks = new ArrayList<>();
    for (String alert : w.fires()) {
      List<String> notes = new ArrayList<>();
      boolean firedForJob = fired.stream().anyMatch(a -> a.alert().equals(alert));
      boolean held = inAm.stream().anyMatch(a -> a.alert().equals(alert));
      boolean wasInhibited = inAm.stream().anyMatch(a -> a.alert().equals(alert) && inhibited.contains(a));
      if (wasInhibited) {
        notes.add("held by Alertmanager but inhibited, as its inhibit rules intend");
      }
      if (firingAtStart.stream().anyMatch(a -> a.alert().equals(alert) && w.owns(a.job()))) {
        notes.add("already firing when the scenario started (left over from an earlier phase)");
      }
      if (!firedForJob) {
        prometheus.rules().stream().filter(r -> r.name().equals(alert)).findFirst().ifPresentOrElse(
            r -> notes.add("rule state " + r.state() + " (for jobs " + jobsOf(r) + ")"
                + (r.lastError().isEmpty() ? "" : ", error: " + r.lastError())),
            () -> notes.add("no alerting rule " + alert + " is loaded"));
      }
      WebhookReceiver.Notified notified = w.job() != null ? webhook.firstFiring(alert, w.job(), w.start())
          : inAm.stream().filter(a -> a.alert().equals(alert))
              .map(a -> webhook.firstFiring(alert, a.job(), w.start())).filter(java.util.Objects::nonNull)
              .findFirst().orElse(null);
      long seconds = notified == null ? -1 : Duration.between(w.start(), notified.received()).toSeconds();
      AlertCheck c = new AlertCheck(alert, w.scenario(), !activeWhenHealthy.contains(alert), firedForJob,
          held, notified != null || wasInhibited, seconds, notes);
      progress.line("  [" + (c.passed() ? "FIRED" : "MISSED") + "] " + alert + " (" + w.scenario()
          + (w.job() == null ? "" : ", job " + w.job()) + ")"
          + (seconds >= 0 ? " in " + seconds + " s" : "") + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)));
      checks.add(c);
    }
    List<String> expectedAlso = also.keySet().stream().filter(w.consequences()::contains).toList();
    List<String> unexpected = also.entrySet().stream().filter(e -> !w.consequences().contains(e.getKey()))
        .map(Map.Entry::getValue).toList();
    if (!expectedAlso.isEmpty()) {
      progress.line("    " + w.scenario() + " also fired (consequences of the fault): " + expectedAlso);
    }
    if (!unexpected.isEmpty()) {
      progress.line("    ! " + w.scenario() + " also fired, unrelated to the scenario: " + unexpected);
    }
    return new ScenarioCheck(w.scenario(), checks, expectedAlso, unexpected,
        Duration.between(w.start(), end).toSeconds());
  }

  private static String jobsOf(RuleState r) {
    return r.activeAlerts().stream().map(l -> l.getOrDefault("job", "")).distinct().toList().toString();
  }

  /** The alerts firing in Prometheus right now, per job. */
  private Set<JobAlert> firingByJob() {
    Set<JobAlert> out = new TreeSet<>(BY_NAME_AND_JOB);
    for (RuleState r : prometheus.rules()) {
      if (r.isAlert() && !r.name().equals(WATCHDOG)) {
        r.activeAlerts().stream().filter(l -> "firing".equals(l.get("__state__")))
            .forEach(l -> out.add(new JobAlert(r.name(), l.getOrDefault("job", ""))));
      }
    }
    return out;
  }

  private Set<JobAlert> inhibited() {
    Set<JobAlert> out = new TreeSet<>(BY_NAME_AND_JOB);
    alertmanager.inhibitedAlerts().forEach(l -> out.add(JobAlert.of(l)));
    return out;
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
