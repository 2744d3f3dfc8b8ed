package io.durobs.engine.store;

import io.durobs.engine.api.OrchestrationState;
import java.util.List;

/**
 * Everything one orchestration turn changes, committed atomically by
 * {@link Store#ackOrchestrationItem}.
 *
 * @param state the instance state after the turn
 * @param waitState what it waits on after the turn, {@code null} when terminal
 * @param output the output JSON when completed
 * @param failure the failure JSON or cancel reason when failed or cancelled
 * @param turnCount the execution's turn count after this turn
 * @param historyLength the execution's history length after this turn
 * @param newExecution the next execution when the turn continued-as-new, else {@code null}
 * @param history the events to append
 * @param consumedMessageIds the fetched messages this turn consumed (deleted)
 * @param workItems activities to enqueue
 * @param messages orchestrator messages to enqueue (timers, notices to parents, cancels)
 * @param instances sub-orchestrations and detached orchestrations to create
 * @param removePendingWork when true (the instance became terminal), its remaining worker items
 *     and orchestrator messages are deleted, stealing the locks of activities in flight
 */
public record TurnCommit(
    OrchestrationState state,
    WaitState waitState,
    String output,
    String failure,
    int turnCount,
    int historyLength,
    NewExecution newExecution,
    List<HistoryRow> history,
    List<Long> consumedMessageIds,
    List<NewWorkItem> workItems,
    List<OutboundMessage> messages,
    List<NewInstance> instances,
    boolean removePendingWork) {

  public TurnCommit {
    history = List.copyOf(history);
    consumedMessageIds = List.copyOf(consumedMessageIds);
    workItems = List.copyOf(workItems);
    messages = List.copyOf(messages);
    instances = List.copyOf(instances);
  }

  /**
   * The execution a continue-as-new starts.
   *
   * @param executionId the new execution id
   * @param input its input JSON
   * @param startPayload the payload of its start message
   */
  public record NewExecution(long executionId, String input, String startPayload) {}
}
