package io.durobs.engine.store;

import io.durobs.engine.api.OrchestrationState;
import java.util.List;
import java.util.Objects;

/**
 * Everything one orchestration turn changes, committed atomically by
 * {@link Store#ackOrchestrationItem}. Built from a named factory that says how the turn left the
 * instance ({@link #running}, {@link #completed}, {@link #failed}, {@link #cancelled},
 * {@link #continuedAsNew}, or {@link #unchanged} for a turn that only consumes messages), so the
 * fields that belong to another ending cannot be set by mistake.
 *
 * <pre>{@code
 * TurnCommit commit = TurnCommit.running(WaitState.WAITING_FOR_ACTIVITY)
 *     .counts(turnCount, historyLength)
 *     .history(rows)
 *     .consumedMessageIds(fetchedIds)
 *     .workItems(activities)
 *     .build();
 * }</pre>
 */
public final class TurnCommit {

  private final OrchestrationState state;
  private final WaitState waitState;
  private final String output;
  private final String failure;
  private final int turnCount;
  private final int historyLength;
  private final NewExecution newExecution;
  private final List<HistoryRow> history;
  private final List<Long> consumedMessageIds;
  private final List<NewWorkItem> workItems;
  private final List<OutboundMessage> messages;
  private final List<NewInstance> instances;
  private final WorkItem consumedWorkItem;
  private final boolean removePendingWork;

  private TurnCommit(Builder b) {
    this.state = b.state;
    this.waitState = b.waitState;
    this.output = b.output;
    this.failure = b.failure;
    this.turnCount = b.turnCount;
    this.historyLength = b.historyLength;
    this.newExecution = b.newExecution;
    this.history = List.copyOf(b.history);
    this.consumedMessageIds = List.copyOf(b.consumedMessageIds);
    this.workItems = List.copyOf(b.workItems);
    this.messages = List.copyOf(b.messages);
    this.instances = List.copyOf(b.instances);
    this.consumedWorkItem = b.consumedWorkItem;
    // an ended instance's remaining work would never be awaited
    this.removePendingWork = b.state.isTerminal() && !b.unchanged;
  }

  /** The instance keeps running and waits on {@code waitState}. */
  public static Builder running(WaitState waitState) {
    return new Builder(OrchestrationState.RUNNING, Objects.requireNonNull(waitState, "waitState"));
  }

  /** The instance completed with output {@code outputJson}. */
  public static Builder completed(String outputJson) {
    Builder b = new Builder(OrchestrationState.COMPLETED, null);
    b.output = Objects.requireNonNull(outputJson, "outputJson");
    return b;
  }

  /** The instance failed; {@code failureJson} is its {@code FailureDetails} JSON. */
  public static Builder failed(String failureJson) {
    Builder b = new Builder(OrchestrationState.FAILED, null);
    b.failure = Objects.requireNonNull(failureJson, "failureJson");
    return b;
  }

  /** The instance was cancelled for {@code reason}. */
  public static Builder cancelled(String reason) {
    Builder b = new Builder(OrchestrationState.CANCELLED, null);
    b.failure = Objects.requireNonNull(reason, "reason");
    return b;
  }

  /**
   * The execution continued as new: {@code next} starts, running. The counts to set are the new
   * execution's (0).
   */
  public static Builder continuedAsNew(NewExecution next) {
    Builder b = new Builder(OrchestrationState.RUNNING, WaitState.RUNNING);
    b.newExecution = Objects.requireNonNull(next, "next");
    return b;
  }

  /**
   * The turn changes nothing about {@code instance} (state, outcome and counts stay as stored);
   * it only consumes messages, e.g. late ones for an instance that already ended.
   */
  public static Builder unchanged(InstanceRecord instance) {
    Builder b = new Builder(instance.state(), instance.waitState());
    b.output = instance.output();
    b.failure = instance.failure();
    b.unchanged = true;
    return b.counts(instance.turnCount(), instance.historyLength());
  }

  /** The instance state after the turn. */
  public OrchestrationState state() {
    return state;
  }

  /** What it waits on after the turn, {@code null} when terminal. */
  public WaitState waitState() {
    return waitState;
  }

  /** The output JSON when completed, else {@code null}. */
  public String output() {
    return output;
  }

  /** The failure JSON when failed, the cancel reason when cancelled, else {@code null}. */
  public String failure() {
    return failure;
  }

  /** The execution's turn count after this turn. */
  public int turnCount() {
    return turnCount;
  }

  /** The execution's history length after this turn. */
  public int historyLength() {
    return historyLength;
  }

  /** The next execution when the turn continued as new, else {@code null}. */
  public NewExecution newExecution() {
    return newExecution;
  }

  /** The events to append. */
  public List<HistoryRow> history() {
    return history;
  }

  /** The fetched messages this turn consumed (deleted). */
  public List<Long> consumedMessageIds() {
    return consumedMessageIds;
  }

  /** Activities to enqueue. */
  public List<NewWorkItem> workItems() {
    return workItems;
  }

  /**
   * The worker item whose result this turn consumed in process (handed from the worker slot
   * that ran it, never enqueued), deleted with the commit; {@code null} when the turn's input
   * came only from the queue.
   */
  public WorkItem consumedWorkItem() {
    return consumedWorkItem;
  }

  /** Orchestrator messages to enqueue (timers, notices to parents, cancels). */
  public List<OutboundMessage> messages() {
    return messages;
  }

  /** Sub-orchestrations and detached orchestrations to create. */
  public List<NewInstance> instances() {
    return instances;
  }

  /**
   * True when the turn ended the instance: its remaining worker items and orchestrator messages
   * are deleted, stealing the locks of activities in flight.
   */
  public boolean removePendingWork() {
    return removePendingWork;
  }

  @Override
  public String toString() {
    return "TurnCommit[" + state + (waitState == null ? "" : "/" + waitState.label())
        + ", turns " + turnCount + ", history " + historyLength + ", +" + history.size()
        + " events, " + consumedMessageIds.size() + " consumed, " + workItems.size()
        + " work items, " + messages.size() + " messages, " + instances.size() + " instances"
        + (newExecution == null ? "" : ", continues as execution " + newExecution.executionId())
        + (consumedWorkItem == null ? "" : ", consumes worker item " + consumedWorkItem.id())
        + "]";
  }

  /**
   * The execution a continue-as-new starts.
   *
   * @param executionId the new execution id
   * @param input its input JSON
   * @param startPayload the payload of its start message
   */
  public record NewExecution(long executionId, String input, String startPayload) {}

  /** Builds a {@link TurnCommit}; the counts are required, every list defaults to empty. */
  public static final class Builder {
    private final OrchestrationState state;
    private final WaitState waitState;
    private String output;
    private String failure;
    private boolean unchanged;
    private boolean counted;
    private int turnCount;
    private int historyLength;
    private NewExecution newExecution;
    private List<HistoryRow> history = List.of();
    private List<Long> consumedMessageIds = List.of();
    private List<NewWorkItem> workItems = List.of();
    private List<OutboundMessage> messages = List.of();
    private List<NewInstance> instances = List.of();
    private WorkItem consumedWorkItem;

    private Builder(OrchestrationState state, WaitState waitState) {
      this.state = state;
      this.waitState = waitState;
    }

    /** The execution's turn count and history length after this turn (required). */
    public Builder counts(int turnCount, int historyLength) {
      if (turnCount < 0 || historyLength < 0) {
        throw new IllegalArgumentException("turn counts must not be negative, got turnCount "
            + turnCount + ", historyLength " + historyLength);
      }
      this.turnCount = turnCount;
      this.historyLength = historyLength;
      this.counted = true;
      return this;
    }

    /** The events to append. */
    public Builder history(List<HistoryRow> rows) {
      this.history = Objects.requireNonNull(rows, "history");
      return this;
    }

    /** The fetched messages this turn consumed. */
    public Builder consumedMessageIds(List<Long> ids) {
      this.consumedMessageIds = Objects.requireNonNull(ids, "consumedMessageIds");
      return this;
    }

    /**
     * The worker item whose result the turn consumed in process; {@code null} (the default)
     * when there is none.
     */
    public Builder consumedWorkItem(WorkItem item) {
      this.consumedWorkItem = item;
      return this;
    }

    /** Activities to enqueue. */
    public Builder workItems(List<NewWorkItem> items) {
      this.workItems = Objects.requireNonNull(items, "workItems");
      return this;
    }

    /** Orchestrator messages to enqueue. */
    public Builder messages(List<OutboundMessage> messages) {
      this.messages = Objects.requireNonNull(messages, "messages");
      return this;
    }

    /** Instances to create. */
    public Builder instances(List<NewInstance> instances) {
      this.instances = Objects.requireNonNull(instances, "instances");
      return this;
    }

    /**
     * The commit.
     *
     * @throws IllegalStateException when the counts were not set
     */
    public TurnCommit build() {
      if (!counted) {
        throw new IllegalStateException("turn commit (" + state + "): counts are not set");
      }
      return new TurnCommit(this);
    }
  }
}
