package io.durobs.engine.runtime;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.durobs.engine.api.FailureDetails;

/**
 * One event of an execution's history. The same records are the payloads of the orchestrator
 * messages that become history (completions, timers, events), so a message is appended to the
 * history as it was received. The JSON carries the record's simple name as {@code type}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = HistoryEvent.TurnStarted.class, name = "TurnStarted"),
    @JsonSubTypes.Type(value = HistoryEvent.ExecutionStarted.class, name = "ExecutionStarted"),
    @JsonSubTypes.Type(value = HistoryEvent.ActivityScheduled.class, name = "ActivityScheduled"),
    @JsonSubTypes.Type(value = HistoryEvent.ActivityCompleted.class, name = "ActivityCompleted"),
    @JsonSubTypes.Type(value = HistoryEvent.ActivityFailed.class, name = "ActivityFailed"),
    @JsonSubTypes.Type(value = HistoryEvent.TimerCreated.class, name = "TimerCreated"),
    @JsonSubTypes.Type(value = HistoryEvent.TimerFired.class, name = "TimerFired"),
    @JsonSubTypes.Type(value = HistoryEvent.SubOrchestrationScheduled.class,
        name = "SubOrchestrationScheduled"),
    @JsonSubTypes.Type(value = HistoryEvent.SubOrchestrationCompleted.class,
        name = "SubOrchestrationCompleted"),
    @JsonSubTypes.Type(value = HistoryEvent.SubOrchestrationFailed.class,
        name = "SubOrchestrationFailed"),
    @JsonSubTypes.Type(value = HistoryEvent.DetachedStarted.class, name = "DetachedStarted"),
    @JsonSubTypes.Type(value = HistoryEvent.EventRaised.class, name = "EventRaised"),
    @JsonSubTypes.Type(value = HistoryEvent.ExecutionCompleted.class, name = "ExecutionCompleted"),
    @JsonSubTypes.Type(value = HistoryEvent.ExecutionFailed.class, name = "ExecutionFailed"),
    @JsonSubTypes.Type(value = HistoryEvent.ExecutionCancelled.class, name = "ExecutionCancelled"),
    @JsonSubTypes.Type(value = HistoryEvent.ContinuedAsNew.class, name = "ContinuedAsNew")
})
public sealed interface HistoryEvent {

  /** The type name stored with the event. */
  default String typeName() {
    return getClass().getSimpleName();
  }

  /** The task id of a scheduling or completion event, or -1. */
  default int taskId() {
    return -1;
  }

  /** A turn began; its time is the orchestration's deterministic current time. */
  record TurnStarted(long timeMicros) implements HistoryEvent {}

  /** The execution began (first event after the first {@link TurnStarted}). */
  record ExecutionStarted(String name, String version, String input, String initiatedBy,
      String parentInstanceId, long startedAtMicros) implements HistoryEvent {}

  /** An activity attempt was scheduled. */
  record ActivityScheduled(int taskId, String name, String input, int retryAttempt,
      Long timeoutMillis) implements HistoryEvent {}

  /** An activity attempt returned. */
  record ActivityCompleted(int taskId, String result) implements HistoryEvent {}

  /** An activity attempt failed (application error, timeout, configuration, poison). */
  record ActivityFailed(int taskId, FailureDetails failure) implements HistoryEvent {}

  /** A durable timer was created. */
  record TimerCreated(int taskId, long fireAtMicros) implements HistoryEvent {}

  /** A durable timer fired. */
  record TimerFired(int taskId) implements HistoryEvent {}

  /** A sub-orchestration was started. */
  record SubOrchestrationScheduled(int taskId, String name, String version, String instanceId,
      String input) implements HistoryEvent {}

  /** A sub-orchestration completed; {@code scheduledAtMicros} is when the child was created. */
  record SubOrchestrationCompleted(int taskId, String result, String childName,
      long scheduledAtMicros) implements HistoryEvent {}

  /** A sub-orchestration failed, was cancelled, or could not start. */
  record SubOrchestrationFailed(int taskId, FailureDetails failure, String childName,
      long scheduledAtMicros) implements HistoryEvent {}

  /** A detached orchestration was started. */
  record DetachedStarted(int taskId, String name, String version, String instanceId,
      String input) implements HistoryEvent {}

  /** An external event arrived. */
  record EventRaised(String name, String payload) implements HistoryEvent {}

  /** The execution completed with an output. */
  record ExecutionCompleted(String output) implements HistoryEvent {}

  /** The execution failed. */
  record ExecutionFailed(FailureDetails failure) implements HistoryEvent {}

  /** The execution was cancelled. */
  record ExecutionCancelled(String reason) implements HistoryEvent {}

  /** The execution continued as new with {@code input}. */
  record ContinuedAsNew(String input) implements HistoryEvent {}
}
