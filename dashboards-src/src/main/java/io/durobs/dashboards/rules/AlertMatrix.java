package io.durobs.dashboards.rules;

import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVE_ORCHESTRATIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_CONFIGURATION_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_INFRASTRUCTURE_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_NAME;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_OUTCOME;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.CALL_STATUS;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_ITEMS_FETCHED;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_SLOTS;
import static io.durobs.engine.catalogue.MetricCatalogue.ERROR_KIND;
import static io.durobs.engine.catalogue.MetricCatalogue.FINAL_TURN_COUNT;
import static io.durobs.engine.catalogue.MetricCatalogue.OPERATION;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_COMPLETIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_CONFIGURATION_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_INFRASTRUCTURE_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_NAME;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATOR_QUEUE_DEPTH;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_OPERATION_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.QUEUE;
import static io.durobs.engine.catalogue.MetricCatalogue.QUEUE_WAIT_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.SLOT_STATE;
import static io.durobs.engine.catalogue.MetricCatalogue.STATE;
import static io.durobs.engine.catalogue.MetricCatalogue.STATUS;
import static io.durobs.engine.catalogue.MetricCatalogue.STORE_ERROR_TYPE;
import static io.durobs.engine.catalogue.MetricCatalogue.VERSION;
import static io.durobs.engine.catalogue.MetricCatalogue.WORKER_QUEUE_DEPTH;

import io.durobs.dashboards.config.ContentConfig.BurnRate;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.toolkit.promql.PromDuration;
import io.durobs.toolkit.promql.PromQlScanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The alert behaviour matrix: for every alert of {@link EngineRules}, promtool test groups at
 * production timing (one sample a minute, the rules as {@code generated/} holds them) that check
 * each {@link Condition}. Every alert is described once by a {@link Fixture}: the series its
 * fault moves, their healthy and faulty behaviour, its documented detection delay and how long
 * it takes to resolve; the conditions are built from the fixtures, so a new alert needs a
 * fixture and gets the whole matrix.
 *
 * <p>The cases read {@code count by (job) (ALERTS{alertname="...", alertstate="firing"})} (by
 * {@code instance} for the collector's alerts), so they check which job fires, not the wording,
 * which {@link EngineRuleTests} checks.
 */
public final class AlertMatrix {

  /** The matrix test file, relative to {@code generated/}. */
  public static final String PATH = "prometheus/tests/matrix.test.yaml";
  /** The matrix test file of the fixtures at {@link #COARSE_STEP}. */
  public static final String LONG_PATH = "prometheus/tests/matrix-long-windows.test.yaml";
  /** The {@code service.name} of the second engine deployment (not the default). */
  public static final String OTHER_JOB = "checkout-service";

  /** What every alert is checked for. */
  public enum Condition {
    /** Fires under its fault within its documented delay. */
    FIRES("fires under its fault within its documented delay"),
    /** Quiet while everything is healthy. */
    QUIET_WHEN_HEALTHY("quiet when healthy"),
    /** Quiet after a gap in the data longer than every window it uses. */
    QUIET_AFTER_GAP("quiet across a data gap longer than every window it uses"),
    /** Quiet after its counters reset (a process restart). */
    QUIET_AFTER_RESET("quiet after a counter reset"),
    /** Stays firing while the fault persists, resolves after it ends. */
    PERSISTS_AND_RESOLVES("stays firing while the condition persists, resolves after"),
    /** Fires for a non-default {@code service.name}, and only for the affected job. */
    ONLY_AFFECTED_JOB("fires for a non-default service.name and only for the affected job");

    private final String text;

    Condition(String text) {
      this.text = text;
    }

    /** The condition in words. */
    public String text() {
      return text;
    }
  }

  /**
   * One input series of a fixture: its per-minute behaviour when healthy and under the fault.
   * A counter grows by {@code healthy} or {@code fault} a minute from {@code base}; a gauge
   * holds {@code healthy} or {@code fault}.
   */
  record Signal(Function<String, TestSeries> series, boolean counter, long base, long healthy,
      long fault) {

    static Signal counter(Function<String, TestSeries> series, long healthy, long fault) {
      return new Signal(series, true, 0, healthy, fault);
    }

    /** A counter that already counted {@code base} (old errors) and stays there when healthy. */
    static Signal oldErrors(Function<String, TestSeries> series, long base, long fault) {
      return new Signal(series, true, base, 0, fault);
    }

    static Signal gauge(Function<String, TestSeries> series, long healthy, long fault) {
      return new Signal(series, false, 0, healthy, fault);
    }
  }

  /**
   * How one alert is checked.
   *
   * @param alert the alert
   * @param unitLabel the label that tells deployments apart ({@code job}; {@code instance} for
   *     the collector's own alerts)
   * @param unit the default deployment's value of it
   * @param otherUnit another deployment's value
   * @param signals the series
   * @param healthyHistory how long the series are healthy before the fault (the alert's longest
   *     window for the burn-rate alerts, so their windows are full as in production)
   * @param delay the documented detection delay: firing this long after the fault began
   * @param resolve quiet this long after the fault ended
   * @param fault what the fault is, in words (the runbook's detection delay says it)
   * @param alwaysFiring the watchdog: every condition expects it firing
   * @param step the spacing of samples and evaluations: a minute, or {@link #COARSE_STEP} for
   *     alerts whose shortest window is half an hour or more (days of data at one sample a
   *     minute take promtool minutes; the windows hold the same shares either way)
   */
  public record Fixture(AlertRule alert, String unitLabel, String unit, String otherUnit,
      List<Signal> signals, Duration healthyHistory, Duration delay, Duration resolve,
      String fault, boolean alwaysFiring, Duration step) {}

  /** The step of the fixtures over long windows. */
  public static final Duration COARSE_STEP = Duration.ofMinutes(5);
  /** The step of every other fixture: production's rules at one sample a minute. */
  public static final Duration STEP = Duration.ofMinutes(1);

  private static final Duration HOUR = Duration.ofHours(1);

  private final EngineRules rules;
  private final String job;

  private AlertMatrix(EngineRules rules) {
    this.rules = rules;
    this.job = rules.config().engineJob();
  }

  /** The matrix of these rules. */
  public static AlertMatrix of(EngineRules rules) {
    return new AlertMatrix(rules);
  }

  /** The matrix's size, as the render prints it: {@code alert matrix: N alerts × M conditions}. */
  public String sizeLine() {
    return "alert matrix: " + fixtures().size() + " alerts × " + Condition.values().length
        + " conditions";
  }

  /** The line PromtoolIT prints once promtool has run the whole matrix and every case held. */
  public String summaryLine() {
    return sizeLine() + ", all hold";
  }

  /** The documented detection delay of each alert, by name, with the fault it was measured under. */
  public Map<String, String> delays() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Fixture f : fixtures()) {
      out.put(f.alert().name(), f.alwaysFiring() ? "always firing"
          : "fires within " + PromDuration.format(f.delay()) + " of the fault's start ("
              + f.fault() + "), resolves within " + PromDuration.format(f.resolve())
              + " of its end");
    }
    return out;
  }

  /**
   * The promtool test groups of the fixtures at one step ({@link #STEP} or {@link #COARSE_STEP}):
   * every such fixture under every condition. A test file evaluates at one interval, so each
   * step has its own file.
   */
  public List<RuleTest> tests(Duration step) {
    List<RuleTest> out = new ArrayList<>();
    for (Fixture f : fixtures()) {
      if (f.step().equals(step)) {
        for (Condition c : Condition.values()) {
          out.add(test(f, c));
        }
      }
    }
    return out;
  }

  // ---- the conditions ------------------------------------------------------------------------

  private RuleTest test(Fixture f, Condition c) {
    long pre = f.healthyHistory().toMinutes();
    long delay = f.delay().toMinutes();
    long resolve = f.resolve().toMinutes();
    RuleTest t = new RuleTest("matrix: " + f.alert().name() + " " + c.text())
        .interval(PromDuration.format(f.step()));
    switch (c) {
      case FIRES -> {
        inputs(t, f, f.unit(), List.of(seg('H', pre), seg('F', delay + 10)));
        firing(t, f, pre + delay, f.unit());
      }
      case QUIET_WHEN_HEALTHY -> {
        inputs(t, f, f.unit(), List.of(seg('H', pre + 60)));
        for (long at : new long[] {pre, pre + 30, pre + 60 - stepMinutes(f)}) {
          quiet(t, f, at);
        }
      }
      case QUIET_AFTER_GAP -> {
        long gap = roundUp(longestWindow(f.alert()).toMinutes() + 10, f);
        inputs(t, f, f.unit(), List.of(seg('H', pre), seg('G', gap), seg('H', 60)));
        for (long at : new long[] {pre + gap + 2 * stepMinutes(f), pre + gap + 30,
            pre + gap + 60 - stepMinutes(f)}) {
          quiet(t, f, at);
        }
      }
      case QUIET_AFTER_RESET -> {
        long step = stepMinutes(f);
        inputs(t, f, f.unit(), List.of(seg('H', pre), seg('R', step), seg('H', 60)));
        for (long at : new long[] {pre + 2 * step, pre + 10, pre + 60}) {
          quiet(t, f, at);
        }
      }
      case PERSISTS_AND_RESOLVES -> {
        long fault = delay + 30;
        inputs(t, f, f.unit(), List.of(seg('H', pre), seg('F', fault), seg('H', resolve + 10)));
        firing(t, f, pre + fault - stepMinutes(f), f.unit());
        if (f.alwaysFiring()) {
          firing(t, f, pre + fault + resolve, f.unit());
        } else {
          quiet(t, f, pre + fault + resolve);
        }
      }
      case ONLY_AFFECTED_JOB -> {
        inputs(t, f, f.unit(), List.of(seg('H', pre + delay + 10)));
        inputs(t, f, f.otherUnit(), List.of(seg('H', pre), seg('F', delay + 10)));
        firing(t, f, pre + delay, f.alwaysFiring() ? f.unit() : f.otherUnit());
      }
      default -> throw new IllegalStateException(c.name());
    }
    return t;
  }

  private static long stepMinutes(Fixture f) {
    return f.step().toMinutes();
  }

  private static long roundUp(long minutes, Fixture f) {
    long step = stepMinutes(f);
    return (minutes + step - 1) / step * step;
  }

  /** The alert's firing series per unit: one sample, {@code {unit="..."} 1}. */
  private void firing(RuleTest t, Fixture f, long minute, String unit) {
    String labels = f.alwaysFiring() ? "{}" : "{" + f.unitLabel() + "=\"" + unit + "\"}";
    t.expectExpr(minute + "m", firingCount(f), new RuleTest.Sample(labels, 1));
  }

  private void quiet(RuleTest t, Fixture f, long minute) {
    if (f.alwaysFiring()) {
      firing(t, f, minute, f.unit());
    } else {
      t.expectExpr(minute + "m", firingCount(f));
    }
  }

  private static String firingCount(Fixture f) {
    return "count by (" + f.unitLabel() + ") (ALERTS{alertname=\"" + f.alert().name()
        + "\", alertstate=\"firing\"})";
  }

  /** The longest range, offset or window (a burn-rate alert's long window) the alert reads, plus its hold. */
  static Duration longestWindow(AlertRule alert) {
    List<Duration> windows = new ArrayList<>();
    PromQlScanner.mapDurations(alert.expr().text(), (use, d) -> {
      windows.add(PromDuration.parse(d));
      return d;
    });
    String longWindow = alert.labels().get("long_window");
    if (longWindow != null) {
      windows.add(PromDuration.parse(longWindow));
    }
    Duration longest = windows.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    return longest.plus(PromDuration.parse(alert.forDuration()));
  }

  // ---- input values --------------------------------------------------------------------------

  /** A stretch of the timeline: H healthy, F fault, G gap (no data), R a counter reset. */
  private record Seg(char kind, long minutes) {}

  private static Seg seg(char kind, long minutes) {
    return new Seg(kind, minutes);
  }

  private static void inputs(RuleTest t, Fixture f, String unit, List<Seg> timeline) {
    for (Signal s : f.signals()) {
      t.input(s.series().apply(unit), values(s, timeline, stepMinutes(f)));
    }
  }

  /**
   * The signal's values over the timeline in promtool's expanding notation, one a step (a
   * counter grows by its per-minute increase times the step).
   */
  static String values(Signal s, List<Seg> timeline, long stepMinutes) {
    List<String> parts = new ArrayList<>();
    long v = s.base();
    for (Seg g : timeline) {
      long n = g.minutes() / stepMinutes;
      switch (g.kind()) {
        case 'G' -> parts.add(n > 1 ? "stale _x" + (n - 1) : "stale");
        case 'R' -> {
          v = s.counter() ? 0 : s.healthy();
          parts.add(v + (n > 1 ? "x" + (n - 1) : ""));
        }
        default -> {
          long perMinute = g.kind() == 'F' ? s.fault() : s.healthy();
          long step = s.counter() ? perMinute * stepMinutes : perMinute;
          if (!s.counter()) {
            parts.add(step + (n > 1 ? "x" + (n - 1) : ""));
          } else {
            long first = v + step;
            parts.add(n > 1 ? first + (step == 0 ? "" : "+" + step) + "x" + (n - 1)
                : String.valueOf(first));
            v += step * n;
          }
        }
      }
    }
    return String.join(" ", parts);
  }

  // ---- the fixtures --------------------------------------------------------------------------

  /** One fixture per alert, in the rules' group order. */
  public List<Fixture> fixtures() {
    List<Fixture> out = new ArrayList<>();
    out.add(engine(rules.orchestrationFailureRate(), List.of(
        Signal.counter(j -> completions(j, "success"), 10, 5),
        Signal.counter(j -> completions(j, "failed"), 0, 5)),
        12, 6, "half of 10 executions a minute fail"));
    List<BurnRate> pairs = new ArrayList<>(rules.config().pageBurnRates());
    pairs.addAll(rules.config().ticketBurnRates());
    List<AlertRule> burns = rules.burns();
    for (int i = 0; i < burns.size(); i++) {
      out.add(burn(burns.get(i), pairs.get(i)));
    }
    out.add(engine(rules.configurationErrors(), occurred(j -> series(
        ORCHESTRATION_CONFIGURATION_ERRORS, j).with(ORCHESTRATION_NAME, "checkout")
        .with(ERROR_KIND, "nondeterminism")), 1, 12, "one new error a minute"));
    out.add(engine(rules.orchestrationPoisoned(), occurred(j -> series(ORCHESTRATION_POISON, j)
        .with(ORCHESTRATION_NAME, "checkout")), 1, 12, "one poisoned message a minute"));
    out.add(engine(rules.orchestrationInfrastructureErrors(), List.of(Signal.oldErrors(
        j -> series(ORCHESTRATION_INFRASTRUCTURE_ERRORS, j).with(ORCHESTRATION_NAME, "checkout")
            .with(OPERATION, "read_history"), 3, 30)), 10, 7, "30 errors a minute"));
    out.add(engine(rules.stuck(), List.of(
        Signal.gauge(j -> series(ACTIVE_ORCHESTRATIONS, j).with(ORCHESTRATION_NAME, "checkout")
            .with(STATE, "running"), 3, 3),
        Signal.counter(j -> series(DISPATCHER_ITEMS_FETCHED, j).with(DISPATCHER, "orchestration"),
            5, 0),
        Signal.gauge(j -> slots(j, "busy"), 1, 4),
        Signal.gauge(j -> slots(j, "idle"), 3, 0)),
        32, 2, "every orchestration slot held, nothing fetched"));
    out.add(engine(rules.activitySlow(), buckets(le -> j -> TestSeries.bucket(ACTIVITY_DURATION,
        le, j).with(ACTIVITY_NAME, "charge").with(ACTIVITY_OUTCOME, "success"), "1", "300"),
        12, 7, "every attempt takes minutes"));
    out.add(engine(rules.activityInfrastructureErrors(), List.of(Signal.oldErrors(
        j -> series(ACTIVITY_INFRASTRUCTURE_ERRORS, j).with(ACTIVITY_NAME, "charge"), 3, 30)),
        10, 7, "30 errors a minute"));
    out.add(engine(rules.activityConfigurationErrors(), occurred(j -> series(
        ACTIVITY_CONFIGURATION_ERRORS, j).with(ACTIVITY_NAME, "charge")), 1, 12,
        "one new error a minute"));
    out.add(engine(rules.activityPoisoned(), occurred(j -> series(ACTIVITY_POISON, j)
        .with(ACTIVITY_NAME, "charge")), 1, 12, "one poisoned attempt a minute"));
    out.add(engine(rules.storeLatency(), buckets(le -> j -> TestSeries.bucket(
        PROVIDER_OPERATION_DURATION, le, j).with(OPERATION, "read_history")
        .with(CALL_STATUS, "success"), "0.01", "1"), 12, 7, "every call takes about a second"));
    out.add(engine(rules.storeErrors(), List.of(Signal.oldErrors(j -> series(PROVIDER_ERRORS, j)
        .with(OPERATION, "fetch_work_item").with(STORE_ERROR_TYPE, "connection"), 3, 30)),
        10, 7, "30 failed calls a minute"));
    out.add(engine(rules.orchestratorBacklog(), List.of(Signal.gauge(
        j -> series(ORCHESTRATOR_QUEUE_DEPTH, j), 5, 500)), 16, 2, "500 messages wait"));
    out.add(engine(rules.workerBacklog(), List.of(Signal.gauge(
        j -> series(WORKER_QUEUE_DEPTH, j), 5, 500)), 16, 2, "500 messages wait"));
    out.add(engine(rules.queueWait(), buckets(le -> j -> TestSeries.bucket(QUEUE_WAIT_DURATION,
        le, j).with(QUEUE, "worker"), "1", "300"), 12, 7, "every message waits minutes"));
    out.add(engine(rules.engineAbsent(), List.of(
        Signal.counter(j -> TestSeries.count(PROVIDER_OPERATION_DURATION, j)
            .with(OPERATION, "refresh_gauges").with(CALL_STATUS, "success"), 6, 0),
        Signal.gauge(j -> slots(j, "idle"), 4, 4)),
        3, 2, "the process stops; the collector keeps exposing its last values"));
    out.add(collector(rules.pipelineBroken(), List.of(Signal.gauge(
        i -> TestSeries.external("up").with("job", EngineRules.COLLECTOR_SCRAPE_JOB)
            .with("instance", i), 1, 0)), "collector:8889", "collector-2:8889", 3, 2,
        "the collector's exporter cannot be scraped"));
    out.add(collector(rules.collectorExportFailures(), List.of(Signal.counter(
        i -> collectorSeries(CollectorSelfMetrics.SEND_FAILED_LOG_RECORDS, i), 0, 60)),
        "collector:8888", "collector-2:8888", 6, 7, "every log record fails to send"));
    out.add(collector(rules.collectorDropping(), List.of(Signal.counter(
        i -> collectorSeries(CollectorSelfMetrics.ENQUEUE_FAILED_LOG_RECORDS, i), 0, 60)),
        "collector:8888", "collector-2:8888", 6, 7, "a full queue drops log records"));
    out.add(collector(rules.collectorQueueFull(), List.of(
        Signal.gauge(i -> collectorSeries(CollectorSelfMetrics.QUEUE_SIZE, i), 10, 950),
        Signal.gauge(i -> collectorSeries(CollectorSelfMetrics.QUEUE_CAPACITY, i), 1000, 1000)),
        "collector:8888", "collector-2:8888", 6, 2, "the queue is 95 % full"));
    out.add(new Fixture(rules.watchdog(), "job", job, OTHER_JOB, List.of(Signal.gauge(
        i -> TestSeries.external("up").with("job", EngineRules.COLLECTOR_SCRAPE_JOB)
            .with("instance", "collector:8889"), 1, 1)), HOUR, Duration.ofMinutes(1),
        Duration.ofMinutes(1), "none", true, STEP));
    return out;
  }

  private Fixture engine(AlertRule alert, List<Signal> signals, long delay, long resolve,
      String fault) {
    return new Fixture(alert, "job", job, OTHER_JOB, signals, HOUR, Duration.ofMinutes(delay),
        Duration.ofMinutes(resolve), fault, false, STEP);
  }

  private static Fixture collector(AlertRule alert, List<Signal> signals, String instance,
      String other, long delay, long resolve, String fault) {
    return new Fixture(alert, "instance", instance, other, signals, HOUR,
        Duration.ofMinutes(delay), Duration.ofMinutes(resolve), fault, false, STEP);
  }

  /**
   * A burn-rate alert under 100 % failures after its long window of healthy traffic: the
   * workbook's detection time (threshold × long window) plus the hold.
   */
  private Fixture burn(AlertRule alert, BurnRate pair) {
    Duration longWindow = PromDuration.parse(pair.longWindow());
    double threshold = pair.factor().multiply(rules.config().errorBudget()).doubleValue();
    long detect = (long) Math.ceil(threshold * longWindow.toMinutes()) + 1;
    Duration shortWindow = PromDuration.parse(pair.shortWindow());
    Duration step = shortWindow.compareTo(Duration.ofMinutes(30)) >= 0 ? COARSE_STEP : STEP;
    long s = step.toMinutes();
    long delay = (detect + PromDuration.parse(pair.holdFor()).toMinutes() + 2 + s - 1) / s * s;
    long resolve = (shortWindow.toMinutes() + 2 + s - 1) / s * s;
    return new Fixture(alert, "job", job, OTHER_JOB, List.of(
        Signal.counter(j -> completions(j, "success"), 10, 0),
        Signal.counter(j -> completions(j, "failed"), 0, 10)),
        longWindow, Duration.ofMinutes(delay), Duration.ofMinutes(resolve),
        "every execution fails", false, step);
  }

  private static List<Signal> occurred(Function<String, TestSeries> counter) {
    return List.of(Signal.oldErrors(counter, 2, 1), Signal.gauge(j -> slots(j, "idle"), 4, 4));
  }

  /** Histogram buckets: observations below {@code low} when healthy, up to {@code high} under the fault. */
  private static List<Signal> buckets(Function<String, Function<String, TestSeries>> bucket,
      String low, String high) {
    return List.of(Signal.counter(bucket.apply(low), 10, 0),
        Signal.counter(bucket.apply(high), 10, 10),
        Signal.counter(bucket.apply("+Inf"), 10, 10));
  }

  private static TestSeries series(MetricDefinition metric, String job) {
    return TestSeries.of(metric, job);
  }

  private static TestSeries completions(String job, String status) {
    return series(ORCHESTRATION_COMPLETIONS, job).with(ORCHESTRATION_NAME, "checkout")
        .with(VERSION, "1").with(STATUS, status).with(FINAL_TURN_COUNT, "1-5");
  }

  private static TestSeries slots(String job, String state) {
    return series(DISPATCHER_SLOTS, job).with(DISPATCHER, "orchestration").with(SLOT_STATE, state);
  }

  private static TestSeries collectorSeries(String metric, String instance) {
    return TestSeries.external(metric).with("job", "otelcol").with("instance", instance)
        .with("exporter", "otlp_http/loki").with("data_type", "logs");
  }
}
