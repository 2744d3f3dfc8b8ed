package io.durobs.engine.runtime;

import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_CONFIGURATION_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_EXECUTIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_INFRASTRUCTURE_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVITY_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.CLIENT_CANCELLATIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.CLIENT_EXTERNAL_EVENTS_RAISED;
import static io.durobs.engine.catalogue.MetricCatalogue.CLIENT_ORCHESTRATION_STARTS;
import static io.durobs.engine.catalogue.MetricCatalogue.CLIENT_WAIT_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_ITEMS_FETCHED;
import static io.durobs.engine.catalogue.MetricCatalogue.ERROR_KIND;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_COMPLETIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_CONFIGURATION_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_CONTINUE_AS_NEW;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_FAILURES;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_HISTORY_SIZE;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_INFRASTRUCTURE_ERRORS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_POISON;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_STARTS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATION_TURNS;
import static io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_ACK_ORCHESTRATION_RETRIES;
import static io.durobs.engine.catalogue.MetricCatalogue.QUEUE_WAIT_DURATION;
import static io.durobs.engine.catalogue.MetricCatalogue.SUBORCHESTRATION_CALLS;
import static io.durobs.engine.catalogue.MetricCatalogue.SUBORCHESTRATION_DURATION;

import io.durobs.engine.api.FailureDetails;
import io.durobs.engine.api.FailureType;
import io.durobs.engine.api.Registry;
import io.durobs.engine.telemetry.EngineInstruments;

/**
 * Every metric the runtime and client emit, each from exactly one method, with labels made safe:
 * names that are not registered become {@value #UNREGISTERED}, so no label takes unbounded
 * values. Callers invoke these only after the state change they describe is committed.
 */
final class EngineMetrics {

  /** The label value of a name the registry does not know. */
  static final String UNREGISTERED = "unregistered";

  /** How an execution ended, as the catalogue's {@code status} label. */
  enum EndStatus {
    SUCCESS("success"), FAILED("failed"), CANCELLED("cancelled"),
    CONTINUED_AS_NEW("continuedAsNew");

    final String label;

    EndStatus(String label) {
      this.label = label;
    }
  }

  private final EngineInstruments instruments;
  private final Registry registry;

  EngineMetrics(EngineInstruments instruments, Registry registry) {
    this.instruments = instruments;
    this.registry = registry;
  }

  EngineInstruments instruments() {
    return instruments;
  }

  /**
   * Holds this thread's counter additions back until the batch closes, each series then added
   * once ({@link EngineInstruments#batchCounters}): a turn chain's.
   */
  EngineInstruments.CounterBatch batchCounters() {
    return instruments.batchCounters();
  }

  String orchestrationLabel(String name) {
    return name != null && registry.hasOrchestration(name) ? name : UNREGISTERED;
  }

  String versionLabel(String name, String version) {
    return name != null && version != null && registry.orchestration(name, version).isPresent()
        ? version : UNREGISTERED;
  }

  String activityLabel(String name) {
    return name != null && registry.activity(name).isPresent() ? name : UNREGISTERED;
  }

  // ---- orchestrations ---------------------------------------------------------------------

  void executionStarted(String name, String version, String initiatedBy) {
    instruments.add(ORCHESTRATION_STARTS, 1, "orchestration_name", orchestrationLabel(name),
        "version", versionLabel(name, version), "initiated_by", initiatedBy);
  }

  /**
   * The one place an execution's end is counted: completions, duration, turns, history size,
   * and for failures the failure, configuration-error and poison counters.
   */
  void executionEnded(String name, String version, EndStatus status, int turns,
      int historySize, double durationSeconds, FailureDetails failure) {
    String n = orchestrationLabel(name);
    String v = versionLabel(name, version);
    instruments.add(ORCHESTRATION_COMPLETIONS, 1, "orchestration_name", n, "version", v,
        "status", status.label, "final_turn_count", turnBucket(turns));
    instruments.record(ORCHESTRATION_DURATION, Math.max(0, durationSeconds),
        "orchestration_name", n, "version", v, "status", status.label);
    instruments.record(ORCHESTRATION_HISTORY_SIZE, historySize, "orchestration_name", n);
    instruments.record(ORCHESTRATION_TURNS, turns, "orchestration_name", n);
    if (status == EndStatus.CONTINUED_AS_NEW) {
      instruments.add(ORCHESTRATION_CONTINUE_AS_NEW, 1, "orchestration_name", n, "version", v);
    }
    if (status == EndStatus.FAILED) {
      FailureType type = failure.type();
      instruments.add(ORCHESTRATION_FAILURES, 1, "orchestration_name", n, "version", v,
          "error_type", type.errorType(), "error_category", type.category());
      if (type == FailureType.CONFIGURATION && ERROR_KIND.allows(failure.kind())) {
        instruments.add(ORCHESTRATION_CONFIGURATION_ERRORS, 1, "orchestration_name", n,
            "error_kind", failure.kind());
      }
      if (type == FailureType.POISON && !failure.kind().equals("activity")) {
        instruments.add(ORCHESTRATION_POISON, 1, "orchestration_name", n);
      }
    }
  }

  static String turnBucket(int turns) {
    return turns <= 5 ? "1-5" : turns <= 10 ? "6-10" : turns <= 50 ? "11-50" : "50+";
  }

  void turnInfrastructureError(String name, String operation) {
    instruments.add(ORCHESTRATION_INFRASTRUCTURE_ERRORS, 1,
        "orchestration_name", orchestrationLabel(name), "operation", operation);
  }

  void ackRetry() {
    instruments.add(PROVIDER_ACK_ORCHESTRATION_RETRIES, 1);
  }

  void subOrchestrationDelivered(String parent, String child, boolean success, double seconds) {
    String outcome = success ? "success" : "failed";
    String p = orchestrationLabel(parent);
    String c = orchestrationLabel(child);
    instruments.add(SUBORCHESTRATION_CALLS, 1, "parent_orchestration", p,
        "child_orchestration", c, "outcome", outcome);
    instruments.record(SUBORCHESTRATION_DURATION, Math.max(0, seconds),
        "parent_orchestration", p, "child_orchestration", c, "outcome", outcome);
  }

  // ---- dispatchers --------------------------------------------------------------------------

  void fetched(String dispatcher, String queue, int items, double[] waitSeconds) {
    if (items > 0) {
      instruments.add(DISPATCHER_ITEMS_FETCHED, items, "dispatcher", dispatcher);
    }
    for (double w : waitSeconds) {
      instruments.record(QUEUE_WAIT_DURATION, w, "queue", queue);
    }
  }

  // ---- activities ---------------------------------------------------------------------------

  void activityAttempt(String activity, String outcome, int retryAttempt, double seconds) {
    String a = activityLabel(activity);
    instruments.add(ACTIVITY_EXECUTIONS, 1, "activity_name", a, "outcome", outcome,
        "retry_attempt", retryAttempt >= 3 ? "3+" : Integer.toString(Math.max(0, retryAttempt)));
    instruments.record(ACTIVITY_DURATION, Math.max(0, seconds), "activity_name", a,
        "outcome", outcome);
  }

  void activityInfrastructureError(String activity) {
    instruments.add(ACTIVITY_INFRASTRUCTURE_ERRORS, 1, "activity_name", activityLabel(activity));
  }

  void activityConfigurationError(String activity) {
    instruments.add(ACTIVITY_CONFIGURATION_ERRORS, 1, "activity_name", activityLabel(activity));
  }

  void activityPoison(String activity) {
    instruments.add(ACTIVITY_POISON, 1, "activity_name", activityLabel(activity));
  }

  // ---- client -------------------------------------------------------------------------------

  void clientStarted(String name) {
    instruments.add(CLIENT_ORCHESTRATION_STARTS, 1, "orchestration_name",
        orchestrationLabel(name));
  }

  void clientRaisedEvent(String eventName) {
    instruments.add(CLIENT_EXTERNAL_EVENTS_RAISED, 1, "event_name",
        registry.eventNames().contains(eventName) ? eventName : UNREGISTERED);
  }

  void clientCancelled() {
    instruments.add(CLIENT_CANCELLATIONS, 1);
  }

  void clientWaited(boolean completed, double seconds) {
    instruments.record(CLIENT_WAIT_DURATION, seconds, "outcome",
        completed ? "completed" : "timeout");
  }
}
