package io.durobs.engine.catalogue;

import static io.durobs.engine.catalogue.MetricKind.COUNTER;
import static io.durobs.engine.catalogue.MetricKind.GAUGE;
import static io.durobs.engine.catalogue.MetricKind.HISTOGRAM;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metric catalogue (contract v1): every metric the engine emits, as data. This class is the
 * only place in the code base that spells a metric name; see {@code metric-catalogue.md}.
 */
public final class MetricCatalogue {

  /** Instrumentation scope (meter) name of the engine. */
  public static final String METER_NAME = "io.durobs.engine";

  // ---- labels shared by several metrics -------------------------------------------------

  public static final Label ORCHESTRATION_NAME = Label.open("orchestration_name");
  public static final Label VERSION = Label.open("version");
  public static final Label ACTIVITY_NAME = Label.open("activity_name");
  public static final Label EVENT_NAME = Label.open("event_name");
  public static final Label PARENT_ORCHESTRATION = Label.open("parent_orchestration");
  public static final Label CHILD_ORCHESTRATION = Label.open("child_orchestration");

  public static final Label INITIATED_BY =
      Label.enumerated("initiated_by", "client", "suborchestration", "continueAsNew", "detached");
  public static final Label STATUS =
      Label.enumerated("status", "success", "failed", "cancelled", "continuedAsNew");
  public static final Label FINAL_TURN_COUNT =
      Label.enumerated("final_turn_count", "1-5", "6-10", "11-50", "50+");
  public static final Label ERROR_TYPE =
      Label.enumerated("error_type", "app_error", "infrastructure_error", "config_error", "poison");
  public static final Label ERROR_CATEGORY =
      Label.enumerated("error_category", "application", "infrastructure", "configuration", "poison");
  public static final Label ERROR_KIND = Label.enumerated("error_kind",
      "nondeterminism", "unregistered_orchestration", "unregistered_activity", "version_not_found");
  public static final Label STATE = Label.enumerated("state", "running", "waiting_for_activity",
      "waiting_for_timer", "waiting_for_event", "waiting_for_suborchestration");
  public static final Label ACTIVITY_OUTCOME = Label.enumerated("outcome",
      "success", "app_error", "infra_error", "config_error", "timeout", "cancelled");
  public static final Label RETRY_ATTEMPT = Label.enumerated("retry_attempt", "0", "1", "2", "3+");
  public static final Label OPERATION = Label.enumerated("operation",
      "fetch_orchestration_item", "ack_orchestration_item", "abandon_orchestration_item",
      "fetch_work_item", "ack_work_item", "abandon_work_item", "renew_lock",
      "enqueue_orchestrator", "read_history", "read_status", "refresh_gauges");
  /**
   * The provider operations a turn performs. #8 counts infrastructure errors "while processing a
   * turn", so only these operations can appear there (client calls and the gauge refresh cannot).
   */
  public static final Label TURN_OPERATION = OPERATION.restrictedTo(
      "fetch_orchestration_item", "read_history", "ack_orchestration_item",
      "abandon_orchestration_item", "renew_lock");
  public static final Label CALL_STATUS = Label.enumerated("status", "success", "error");
  public static final Label STORE_ERROR_TYPE = Label.enumerated("error_type",
      "deadlock", "serialization", "timeout", "connection", "constraint", "other");
  public static final Label WAIT_OUTCOME = Label.enumerated("outcome", "completed", "timeout");
  public static final Label CALL_OUTCOME = Label.enumerated("outcome", "success", "failed");
  public static final Label QUEUE = Label.enumerated("queue", "orchestrator", "worker");
  public static final Label DISPATCHER = Label.enumerated("dispatcher", "orchestration", "worker");
  public static final Label SLOT_STATE = Label.enumerated("state", "busy", "idle");

  /**
   * The labels whose values are names from the user's code (orchestration, activity and event
   * names, versions): bounded per process by the engine's label value limit, beyond which a value
   * is reported as {@link #OVERFLOW_VALUE}.
   */
  public static final List<Label> NAME_LABELS = List.of(ORCHESTRATION_NAME, VERSION,
      ACTIVITY_NAME, EVENT_NAME, PARENT_ORCHESTRATION, CHILD_ORCHESTRATION);
  /**
   * The value a name label takes once it has had its limit of distinct values in a process (the
   * engine's {@code metricLabelValueLimit}); counted by {@link #TELEMETRY_LABEL_OVERFLOW}.
   */
  public static final String OVERFLOW_VALUE = "__overflow__";
  /**
   * The default number of distinct values each name label may take per process before
   * {@link #OVERFLOW_VALUE}: with it, {@link #ACTIVE_ORCHESTRATIONS} stays at 505 series per
   * process, a quarter of the OpenTelemetry SDK's default limit of 2,000.
   */
  public static final int DEFAULT_LABEL_VALUE_LIMIT = 100;
  /** Which of the {@link #NAME_LABELS} overflowed (its values are their names). */
  public static final Label OVERFLOWED_LABEL = Label.open("label");

  // ---- bucket advice: from sub-millisecond store calls to hour-long orchestrations -------

  private static final List<Double> LONG_SECONDS = List.of(0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
      5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0, 7200.0, 21600.0, 86400.0);
  private static final List<Double> ACTIVITY_SECONDS = List.of(0.001, 0.005, 0.01, 0.025, 0.05,
      0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0);
  private static final List<Double> STORE_SECONDS = List.of(0.0005, 0.001, 0.0025, 0.005, 0.01,
      0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);
  private static final List<Double> WAIT_SECONDS = List.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.25,
      0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0);
  private static final List<Double> HISTORY_EVENTS =
      List.of(5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0);
  private static final List<Double> TURNS =
      List.of(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0);

  private static final List<MetricDefinition> ALL = new ArrayList<>();

  // ---- orchestrations ---------------------------------------------------------------------

  public static final MetricDefinition ORCHESTRATION_STARTS = counter(1,
      "duroxide.orchestration.starts", "{orchestration}",
      "Once per execution start (never per turn).",
      ORCHESTRATION_NAME, VERSION, INITIATED_BY);
  public static final MetricDefinition ORCHESTRATION_COMPLETIONS = formerly(counter(2,
      "duroxide.orchestration.completions", "{orchestration}",
      "Once per execution end.",
      ORCHESTRATION_NAME, VERSION, STATUS, FINAL_TURN_COUNT),
      // toygres observability/README.md's unsuffixed name (reference/toygres.md §1.4)
      FormerName.of("duroxide_orchestration_completions"));
  public static final MetricDefinition ORCHESTRATION_FAILURES = counter(3,
      "duroxide.orchestration.failures", "{orchestration}",
      "Once per execution that ends failed (cancelled is not a failure).",
      ORCHESTRATION_NAME, VERSION, ERROR_TYPE, ERROR_CATEGORY);
  public static final MetricDefinition ORCHESTRATION_DURATION = histogram(4,
      "duroxide.orchestration.duration", "s",
      "Execution start to execution end, from the durable timestamps (not one turn).",
      LONG_SECONDS, ORCHESTRATION_NAME, VERSION, STATUS);
  public static final MetricDefinition ORCHESTRATION_HISTORY_SIZE = formerly(histogram(5,
      "duroxide.orchestration.history_size", "{event}",
      "History events of the execution at its end.",
      HISTORY_EVENTS, ORCHESTRATION_NAME),
      // toygres observability/README.md (reference/toygres.md §1.4)
      FormerName.of("duroxide_orchestration_history_size_events"));
  public static final MetricDefinition ORCHESTRATION_TURNS = histogram(6,
      "duroxide.orchestration.turns", "{turn}",
      "Turns the execution really took.",
      TURNS, ORCHESTRATION_NAME);
  public static final MetricDefinition ORCHESTRATION_CONTINUE_AS_NEW = counter(7,
      "duroxide.orchestration.continue_as_new", "{orchestration}",
      "Once per continue-as-new.",
      ORCHESTRATION_NAME, VERSION);
  public static final MetricDefinition ORCHESTRATION_INFRASTRUCTURE_ERRORS = counter(8,
      "duroxide.orchestration.infrastructure_errors", "{error}",
      "Every infrastructure error met while processing a turn (history load, ack), retried or not.",
      ORCHESTRATION_NAME, TURN_OPERATION);
  public static final MetricDefinition ORCHESTRATION_CONFIGURATION_ERRORS = counter(9,
      "duroxide.orchestration.configuration_errors", "{error}",
      "Every configuration error detected.",
      ORCHESTRATION_NAME, ERROR_KIND);
  public static final MetricDefinition ORCHESTRATION_POISON = counter(10,
      "duroxide.orchestration.poison", "{message}",
      "Orchestration work failed as poison after the attempt limit.",
      ORCHESTRATION_NAME);
  public static final MetricDefinition ACTIVE_ORCHESTRATIONS = gauge(11,
      "duroxide.active_orchestrations", "{orchestration}",
      "Instances not yet terminal, by what they wait on, read from the store (cluster-wide: "
          + "aggregate with max, never sum).",
      ORCHESTRATION_NAME, STATE);
  public static final MetricDefinition ORCHESTRATOR_QUEUE_DEPTH = gauge(12,
      "duroxide.orchestrator.queue_depth", "{message}",
      "Visible, unlocked orchestrator-queue messages (cluster-wide).");
  public static final MetricDefinition WORKER_QUEUE_DEPTH = gauge(13,
      "duroxide.worker.queue_depth", "{message}",
      "Visible, unlocked worker-queue items (cluster-wide).");

  // ---- activities -------------------------------------------------------------------------

  public static final MetricDefinition ACTIVITY_EXECUTIONS = counter(14,
      "duroxide.activity.executions", "{execution}",
      "Once per activity attempt; retry_attempt is the attempt number under the retry policy "
          + "(0 = first try).",
      ACTIVITY_NAME, ACTIVITY_OUTCOME, RETRY_ATTEMPT);
  public static final MetricDefinition ACTIVITY_DURATION = formerly(histogram(15,
      "duroxide.activity.duration", "s",
      "Handler wall time of the attempt.",
      ACTIVITY_SECONDS, ACTIVITY_NAME, ACTIVITY_OUTCOME),
      // toygres observability/README.md (reference/toygres.md §1.4)
      FormerName.of("duroxide_activity_duration_ms"));
  public static final MetricDefinition ACTIVITY_INFRASTRUCTURE_ERRORS = counter(16,
      "duroxide.activity.infrastructure_errors", "{error}",
      "Infrastructure errors around an activity (ack failed, lock lost).",
      ACTIVITY_NAME);
  public static final MetricDefinition ACTIVITY_CONFIGURATION_ERRORS = counter(17,
      "duroxide.activity.configuration_errors", "{error}",
      "Activity scheduled but not registered on the worker.",
      ACTIVITY_NAME);
  public static final MetricDefinition ACTIVITY_POISON = counter(18,
      "duroxide.activity.poison", "{message}",
      "Activity work failed as poison after the attempt limit.",
      ACTIVITY_NAME);

  // ---- store (provider) ---------------------------------------------------------------------

  public static final MetricDefinition PROVIDER_OPERATION_DURATION = formerly(histogram(19,
      "duroxide.provider.operation.duration", "s",
      "Every store call, client calls included.",
      STORE_SECONDS, OPERATION, CALL_STATUS),
      // the pre-16b3ee4 duroxide guide's per-operation histograms, "now covered by the operation
      // label" (toygres METRICS-COMPARISON.md; reference/toygres.md §1.4, duroxide.md §5)
      FormerName.asLabel("duroxide_provider_fetch_orchestration_item_duration_ms",
          OPERATION.name(), "fetch_orchestration_item"),
      FormerName.asLabel("duroxide_provider_ack_orchestration_item_duration_ms",
          OPERATION.name(), "ack_orchestration_item"),
      FormerName.asLabel("duroxide_provider_ack_worker_duration_ms",
          OPERATION.name(), "ack_work_item"));
  public static final MetricDefinition PROVIDER_ERRORS = formerly(counter(20,
      "duroxide.provider.errors", "{error}",
      "Every failed store call, classified by SQLSTATE (not by message text).",
      OPERATION, STORE_ERROR_TYPE),
      // spec row 20: "The seed calls this duroxide_provider_infrastructure_errors_total; duroxide
      // renamed it to this name" (reference/toygres.md §1.3 #12)
      FormerName.of("duroxide_provider_infrastructure_errors_total"));
  public static final MetricDefinition PROVIDER_ACK_ORCHESTRATION_RETRIES = counter(21,
      "duroxide.provider.ack_orchestration_retries", "{retry}",
      "Every retry of an orchestration ack after a retryable store error.");

  // ---- client -------------------------------------------------------------------------------

  public static final MetricDefinition CLIENT_ORCHESTRATION_STARTS = formerly(counter(22,
      "duroxide.client.orchestration_starts", "{orchestration}",
      "Once per accepted client start.",
      ORCHESTRATION_NAME),
      // toygres observability/README.md's unsuffixed name (reference/toygres.md §1.4)
      FormerName.of("duroxide_client_orchestration_starts"));
  public static final MetricDefinition CLIENT_EXTERNAL_EVENTS_RAISED = counter(23,
      "duroxide.client.external_events_raised", "{event}",
      "Once per raised event.",
      EVENT_NAME);
  public static final MetricDefinition CLIENT_CANCELLATIONS = counter(24,
      "duroxide.client.cancellations", "{request}",
      "Once per cancel request.");
  public static final MetricDefinition CLIENT_WAIT_DURATION = formerly(histogram(25,
      "duroxide.client.wait.duration", "s",
      "Time a client spent in wait-for-completion.",
      WAIT_SECONDS, WAIT_OUTCOME),
      // the pre-16b3ee4 duroxide guide (toygres METRICS-COMPARISON.md, reference/toygres.md §1.4)
      FormerName.of("duroxide_client_wait_duration_ms"));

  // ---- sub-orchestrations -------------------------------------------------------------------

  public static final MetricDefinition SUBORCHESTRATION_CALLS = counter(26,
      "duroxide.suborchestration.calls", "{call}",
      "Once per child result delivered to its parent.",
      PARENT_ORCHESTRATION, CHILD_ORCHESTRATION, CALL_OUTCOME);
  public static final MetricDefinition SUBORCHESTRATION_DURATION = histogram(27,
      "duroxide.suborchestration.duration", "s",
      "Scheduled by the parent to result delivered to the parent.",
      LONG_SECONDS, PARENT_ORCHESTRATION, CHILD_ORCHESTRATION, CALL_OUTCOME);

  // ---- capacity -----------------------------------------------------------------------------

  public static final MetricDefinition QUEUE_WAIT_DURATION = histogram(28,
      "duroxide.queue.wait.duration", "s",
      "Time a message waited visible in its queue before a dispatcher took it "
          + "(schedule-to-start latency).",
      WAIT_SECONDS, QUEUE);
  public static final MetricDefinition DISPATCHER_SLOTS = gauge(29,
      "duroxide.dispatcher.slots", "{slot}",
      "Per process: dispatcher slots in use and free.",
      DISPATCHER, SLOT_STATE);
  public static final MetricDefinition DISPATCHER_ITEMS_FETCHED = counter(30,
      "duroxide.dispatcher.items_fetched", "{item}",
      "Per process: items each dispatcher fetched.",
      DISPATCHER);

  // ---- telemetry ----------------------------------------------------------------------------

  public static final MetricDefinition TELEMETRY_LABEL_OVERFLOW = counter(31,
      "duroxide.telemetry.label_overflow", "{recording}",
      "Per process: recordings whose name label was reported as " + OVERFLOW_VALUE
          + " because that label already had its limit of distinct values (label names it).",
      OVERFLOWED_LABEL);

  // ---- process group: the engine process' JVM, not the engine's contract ------------------
  //
  // Emitted by the OpenTelemetry Java runtime telemetry (semantic conventions' jvm.* metrics) and
  // by Telemetry itself (process.uptime), on their own instrumentation scopes; listed here so the
  // dashboards select them by definition like the rest. Not part of all() (contract v1): the
  // engine's instruments, the workload's catalogue coverage and the harness' catalogue check are
  // about the engine's own metrics. Their labels are the attribute keys as Prometheus writes them
  // (dots to underscores); the values are the JVM's (pool and collector names), hence open.

  /** The instrumentation scope of the engine's own process metrics ({@code process.uptime}). */
  public static final String PROCESS_METER_NAME = "io.durobs.engine.process";

  public static final Label JVM_MEMORY_TYPE = Label.enumerated("jvm_memory_type", "heap", "non_heap");
  public static final Label JVM_MEMORY_POOL = Label.open("jvm_memory_pool_name");
  public static final Label JVM_GC_NAME = Label.open("jvm_gc_name");
  public static final Label JVM_GC_ACTION = Label.open("jvm_gc_action");
  public static final Label JVM_THREAD_STATE = Label.open("jvm_thread_state");
  public static final Label JVM_THREAD_DAEMON = Label.open("jvm_thread_daemon");

  private static final List<MetricDefinition> PROCESS_ALL = new ArrayList<>();

  public static final MetricDefinition JVM_MEMORY_USED = process(new MetricDefinition(1,
      "jvm.memory.used", GAUGE, "By", "Memory used, by memory type and pool.",
      List.of(JVM_MEMORY_TYPE, JVM_MEMORY_POOL), List.of()));
  public static final MetricDefinition JVM_MEMORY_LIMIT = process(new MetricDefinition(2,
      "jvm.memory.limit", GAUGE, "By", "The most memory a pool can obtain (pools without a limit "
          + "report none).",
      List.of(JVM_MEMORY_TYPE, JVM_MEMORY_POOL), List.of()));
  public static final MetricDefinition JVM_GC_DURATION = process(new MetricDefinition(3,
      "jvm.gc.duration", HISTOGRAM, "s", "Duration of each garbage collection, by collector and "
          + "action.",
      List.of(JVM_GC_NAME, JVM_GC_ACTION), List.of(0.01, 0.1, 1.0, 10.0)));
  public static final MetricDefinition JVM_THREAD_COUNT = process(new MetricDefinition(4,
      "jvm.thread.count", GAUGE, "{thread}", "Live platform threads, by state and daemon flag.",
      List.of(JVM_THREAD_DAEMON, JVM_THREAD_STATE), List.of()));
  public static final MetricDefinition JVM_CLASS_LOADED = process(new MetricDefinition(5,
      "jvm.class.loaded", COUNTER, "{class}", "Classes loaded since the JVM started.",
      List.of(), List.of()));
  public static final MetricDefinition JVM_CLASS_COUNT = process(new MetricDefinition(6,
      "jvm.class.count", GAUGE, "{class}", "Classes currently loaded.", List.of(), List.of()));
  public static final MetricDefinition JVM_CPU_TIME = process(new MetricDefinition(7,
      "jvm.cpu.time", COUNTER, "s", "CPU time the JVM process used.", List.of(), List.of()));
  public static final MetricDefinition JVM_CPU_COUNT = process(new MetricDefinition(8,
      "jvm.cpu.count", GAUGE, "{cpu}", "Processors available to the JVM.", List.of(), List.of()));
  public static final MetricDefinition JVM_CPU_RECENT_UTILIZATION = process(new MetricDefinition(9,
      "jvm.cpu.recent_utilization", GAUGE, "1", "Recent CPU use of the JVM process, 0 to 1 of all "
          + "available processors.", List.of(), List.of()));
  public static final MetricDefinition PROCESS_UPTIME = process(new MetricDefinition(10,
      "process.uptime", GAUGE, "s", "Seconds since the engine's JVM started; a drop "
          + "(or a new instance) marks a restart.", List.of(), List.of()));

  private static final List<MetricDefinition> PROCESS = Collections.unmodifiableList(PROCESS_ALL);

  private static final List<MetricDefinition> METRICS = Collections.unmodifiableList(ALL);
  private static final Map<String, MetricDefinition> BY_PROMETHEUS_SERIES = indexSeries();

  private MetricCatalogue() {}

  /** Every catalogue metric, in catalogue order. */
  public static List<MetricDefinition> all() {
    return METRICS;
  }

  /**
   * The process group: the engine process' JVM metrics (OpenTelemetry Java runtime telemetry)
   * and its uptime, in group order; numbered within the group.
   */
  public static List<MetricDefinition> process() {
    return PROCESS;
  }

  /** {@link #all()} followed by {@link #process()}: everything a dashboard may select. */
  public static List<MetricDefinition> allWithProcess() {
    List<MetricDefinition> both = new ArrayList<>(METRICS);
    both.addAll(PROCESS);
    return Collections.unmodifiableList(both);
  }

  /** The metric with this OpenTelemetry name. */
  public static Optional<MetricDefinition> byOtelName(String otelName) {
    return METRICS.stream().filter(m -> m.otelName().equals(otelName)).findFirst();
  }

  /**
   * The metric that produces this Prometheus series name (the name itself, or a histogram's
   * {@code _bucket}/{@code _sum}/{@code _count} series).
   */
  public static Optional<MetricDefinition> byPrometheusSeries(String seriesName) {
    return Optional.ofNullable(BY_PROMETHEUS_SERIES.get(seriesName));
  }

  /** Every Prometheus series name the catalogue produces, in catalogue order. */
  public static List<String> prometheusSeriesNames() {
    return List.copyOf(BY_PROMETHEUS_SERIES.keySet());
  }

  /**
   * When {@code selected} is a name a catalogue metric had before a rename (or a series of it):
   * the metric and what to select instead.
   */
  public static Optional<FormerName.Renamed> renamedFrom(String selected) {
    return allWithProcess().stream().map(m -> m.renamedFrom(selected)).flatMap(Optional::stream)
        .findFirst();
  }

  /**
   * The values {@code label} can take in one process when each name label takes at most
   * {@code labelValueLimit} values: an enumerated label's list, a name label's limit plus
   * {@link #OVERFLOW_VALUE}, {@link #OVERFLOWED_LABEL}'s name labels.
   */
  public static int labelValueBudget(Label label, int labelValueLimit) {
    if (label.isEnumerated()) {
      return label.allowedValues().size();
    }
    if (label.equals(OVERFLOWED_LABEL)) {
      return NAME_LABELS.size();
    }
    if (NAME_LABELS.contains(label)) {
      return labelValueLimit + 1;
    }
    throw new IllegalArgumentException("label " + label.name() + " has no bound");
  }

  /**
   * The most attribute sets (OpenTelemetry series) {@code m} can have in one process: the
   * product of its labels' {@link #labelValueBudget value budgets}.
   */
  public static long seriesBudget(MetricDefinition m, int labelValueLimit) {
    long n = 1;
    for (Label l : m.labels()) {
      n *= labelValueBudget(l, labelValueLimit);
    }
    return n;
  }

  /**
   * The most Prometheus series {@code m} can have per process: its {@link #seriesBudget}, times
   * a histogram's buckets plus {@code +Inf}, {@code _sum} and {@code _count}.
   */
  public static long prometheusSeriesBudget(MetricDefinition m, int labelValueLimit) {
    long perSet = m.kind() == HISTOGRAM ? m.buckets().size() + 3 : 1;
    return seriesBudget(m, labelValueLimit) * perSet;
  }

  /** The total number of enumerated label values (T in "L/T label values"). */
  public static int enumeratedValueCount() {
    return METRICS.stream().mapToInt(MetricDefinition::enumeratedValueCount).sum();
  }

  private static Map<String, MetricDefinition> indexSeries() {
    Map<String, MetricDefinition> index = new LinkedHashMap<>();
    for (MetricDefinition m : ALL) {
      for (String series : m.prometheusSeriesNames()) {
        if (index.put(series, m) != null) {
          throw new IllegalStateException("two catalogue metrics produce " + series);
        }
      }
    }
    return Collections.unmodifiableMap(index);
  }

  private static MetricDefinition counter(int n, String name, String unit, String description,
      Label... labels) {
    return add(new MetricDefinition(n, name, COUNTER, unit, description, List.of(labels), List.of()));
  }

  private static MetricDefinition gauge(int n, String name, String unit, String description,
      Label... labels) {
    return add(new MetricDefinition(n, name, GAUGE, unit, description, List.of(labels), List.of()));
  }

  private static MetricDefinition histogram(int n, String name, String unit, String description,
      List<Double> buckets, Label... labels) {
    return add(new MetricDefinition(n, name, HISTOGRAM, unit, description, List.of(labels), buckets));
  }

  /**
   * Records the names {@code m} had before: replaces its catalogue entry with one carrying them
   * (so that {@link #all()} and the constant are the same definition).
   */
  private static MetricDefinition formerly(MetricDefinition m, FormerName... names) {
    MetricDefinition renamed = m.withFormerNames(names);
    ALL.set(m.number() - 1, renamed);
    return renamed;
  }

  private static MetricDefinition process(MetricDefinition m) {
    if (m.number() != PROCESS_ALL.size() + 1) {
      throw new IllegalStateException(m.otelName() + " is out of process group order");
    }
    PROCESS_ALL.add(m);
    return m;
  }

  private static MetricDefinition add(MetricDefinition m) {
    if (m.number() != ALL.size() + 1) {
      throw new IllegalStateException(m.otelName() + " is out of catalogue order");
    }
    ALL.add(m);
    return m;
  }
}
