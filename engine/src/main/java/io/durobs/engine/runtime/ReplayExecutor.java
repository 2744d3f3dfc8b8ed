package io.durobs.engine.runtime;

import io.durobs.engine.api.DurableTask;
import io.durobs.engine.api.FailureDetails;
import io.durobs.engine.api.FailureType;
import io.durobs.engine.api.InvalidInputException;
import io.durobs.engine.api.JsonCodec;
import io.durobs.engine.api.Names;
import io.durobs.engine.api.Orchestration;
import io.durobs.engine.api.OrchestrationContext;
import io.durobs.engine.api.RetryPolicy;
import io.durobs.engine.runtime.CompositeTask.AllTask;
import io.durobs.engine.runtime.CompositeTask.AnyTask;
import io.durobs.engine.runtime.HistoryEvent.ActivityCompleted;
import io.durobs.engine.runtime.HistoryEvent.ActivityFailed;
import io.durobs.engine.runtime.HistoryEvent.ActivityScheduled;
import io.durobs.engine.runtime.HistoryEvent.DetachedStarted;
import io.durobs.engine.runtime.HistoryEvent.EventRaised;
import io.durobs.engine.runtime.HistoryEvent.ExecutionStarted;
import io.durobs.engine.runtime.HistoryEvent.SubOrchestrationCompleted;
import io.durobs.engine.runtime.HistoryEvent.SubOrchestrationFailed;
import io.durobs.engine.runtime.HistoryEvent.SubOrchestrationScheduled;
import io.durobs.engine.runtime.HistoryEvent.TimerCreated;
import io.durobs.engine.runtime.HistoryEvent.TimerFired;
import io.durobs.engine.runtime.HistoryEvent.TurnStarted;
import io.durobs.engine.runtime.LeafTask.ActivityTask;
import io.durobs.engine.runtime.LeafTask.EventTask;
import io.durobs.engine.runtime.LeafTask.SubOrchestrationTask;
import io.durobs.engine.runtime.LeafTask.TimerTask;
import io.durobs.engine.store.WaitState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Runs one turn of an orchestration: replays its code against the history, then lets it consume
 * the turn's new events until it blocks or ends (the Durable Task model). Events are processed
 * lazily, one at a time, only while the code awaits a task that is not done; a scheduling event
 * in the history must match the action the code produced under the same task id, or the
 * execution fails with a nondeterminism error. Not thread-safe: one instance per turn.
 *
 * <p>The tasks it hands to the code are {@link ReplayTask}s completed from here: a
 * {@link LeafTask} per activity, timer, sub-orchestration or event wait, and the tasks built on
 * them ({@link RetryTask}, {@link EventOrTimeoutTask}, {@link CompositeTask}).
 */
final class ReplayExecutor implements OrchestrationContext {

  /** How the turn ended. */
  sealed interface Outcome {
    /** The code returned. */
    record Completed(String outputJson) implements Outcome {}

    /** The code failed, or the runtime failed the execution (configuration, poison). */
    record Failed(FailureDetails failure) implements Outcome {}

    /** The code continued as new. */
    record ContinuedAsNew(String inputJson) implements Outcome {}

    /** The code waits for a task; the turn ends here. */
    record Blocked(WaitState waitState) implements Outcome {}
  }

  /** A scheduling call of this turn that the history does not contain yet. */
  record Action(int taskId, HistoryEvent event) {}

  private final String instanceId;
  private final long executionId;
  private final List<HistoryEvent> events;
  private final int pastCount;
  private final Logger replaySafeLogger;
  private final Function<String, Optional<String>> latestVersion;

  private int cursor;
  private boolean replaying;
  private Instant currentTime = Instant.EPOCH;
  private ExecutionStarted started;
  private int nextTaskId = 1;
  private long uuidCounter;
  private final Map<Integer, Action> actions = new LinkedHashMap<>();
  private final Map<Integer, LeafTask<?>> openTasks = new HashMap<>();
  private final Map<String, Deque<EventTask<?>>> waiters = new HashMap<>();
  private final Map<String, Deque<String>> buffered = new LinkedHashMap<>();
  private ReplayTask<?> blockedOn;

  /**
   * @param past the execution's stored history
   * @param fresh this turn's new events: {@link TurnStarted}, then {@link ExecutionStarted} on
   *     the first turn, then the delivered messages
   * @param latestVersion the latest registered version of an orchestration name
   */
  ReplayExecutor(String instanceId, long executionId, List<HistoryEvent> past,
      List<HistoryEvent> fresh, Logger logger, Function<String, Optional<String>> latestVersion) {
    this.instanceId = instanceId;
    this.executionId = executionId;
    this.events = new ArrayList<>(past.size() + fresh.size());
    this.events.addAll(past);
    this.events.addAll(fresh);
    this.pastCount = past.size();
    this.replaying = !past.isEmpty();
    this.replaySafeLogger = ReplaySafeLogger.wrap(logger, this::isReplaying);
    this.latestVersion = latestVersion;
  }

  /** Runs the turn. Errors other than the engine's own signals propagate (turn aborted). */
  Outcome run(Orchestration orchestration) {
    try {
      while (started == null) {
        if (!processNext()) {
          throw new Signals.Nondeterminism("the history has no ExecutionStarted event");
        }
      }
      Object output;
      try {
        output = orchestration.run(this);
      } catch (Signals.TurnBlocked blocked) {
        return new Outcome.Blocked(blockedOn.waitState());
      } catch (Signals.ContinueAsNew can) {
        requireHistoryConsumed("continued as new");
        return new Outcome.ContinuedAsNew(can.inputJson);
      } catch (Signals.Nondeterminism | Signals.ExecutionAbort e) {
        throw e;
      } catch (Exception e) {
        requireHistoryConsumed("threw " + e.getClass().getName());
        return new Outcome.Failed(new FailureDetails(FailureType.APPLICATION,
            e.getClass().getName(), String.valueOf(e.getMessage())));
      }
      requireHistoryConsumed("returned");
      try {
        return new Outcome.Completed(JsonCodec.encode(output,
            "output of orchestration '" + started.name() + "'"));
      } catch (InvalidInputException e) {
        return new Outcome.Failed(new FailureDetails(FailureType.APPLICATION,
            e.getClass().getName(), e.getMessage()));
      }
    } catch (Signals.Nondeterminism e) {
      return new Outcome.Failed(new FailureDetails(FailureType.CONFIGURATION,
          "nondeterminism", e.getMessage()));
    } catch (Signals.ExecutionAbort e) {
      return new Outcome.Failed(e.failure);
    }
  }

  /** The actions this turn produced that the history did not contain, in creation order. */
  List<Action> newActions() {
    return List.copyOf(actions.values());
  }

  /** External events raised and not consumed, for continue-as-new to carry over. */
  List<EventRaised> unconsumedEvents() {
    List<EventRaised> out = new ArrayList<>();
    buffered.forEach((name, payloads) -> payloads.forEach(p -> out.add(new EventRaised(name, p))));
    // events not processed yet were not consumed either
    for (int i = cursor; i < events.size(); i++) {
      if (events.get(i) instanceof EventRaised e) {
        out.add(e);
      }
    }
    return out;
  }

  private void requireHistoryConsumed(String how) {
    if (cursor < pastCount) {
      throw new Signals.Nondeterminism("the orchestration " + how + " at a point where its "
          + "history shows it waiting (history event " + (cursor + 1) + " of " + pastCount + ", "
          + events.get(cursor).typeName() + ")");
    }
  }

  // ---- event processing ---------------------------------------------------------------------

  private boolean processNext() {
    if (cursor >= events.size()) {
      return false;
    }
    if (cursor == pastCount) {
      replaying = false;
    }
    HistoryEvent event = events.get(cursor++);
    if (event instanceof TurnStarted t) {
      currentTime = Micros.toInstant(t.timeMicros());
    } else if (event instanceof ExecutionStarted s) {
      started = s;
    } else if (event instanceof ActivityScheduled s) {
      matchAction(s, ActivityScheduled.class, s.name());
    } else if (event instanceof TimerCreated s) {
      matchAction(s, TimerCreated.class, null);
    } else if (event instanceof SubOrchestrationScheduled s) {
      matchAction(s, SubOrchestrationScheduled.class, s.name());
    } else if (event instanceof DetachedStarted s) {
      matchAction(s, DetachedStarted.class, s.name());
    } else if (event instanceof ActivityCompleted c) {
      complete(c.taskId(), ActivityTask.class, c.result(), null);
    } else if (event instanceof ActivityFailed f) {
      FailureType type = f.failure().type();
      if (type == FailureType.CONFIGURATION || type == FailureType.POISON) {
        // not an application outcome: user code never sees it, the execution fails
        throw new Signals.ExecutionAbort(f.failure());
      }
      complete(f.taskId(), ActivityTask.class, null, f.failure());
    } else if (event instanceof TimerFired f) {
      complete(f.taskId(), TimerTask.class, "null", null);
    } else if (event instanceof SubOrchestrationCompleted c) {
      complete(c.taskId(), SubOrchestrationTask.class, c.result(), null);
    } else if (event instanceof SubOrchestrationFailed f) {
      complete(f.taskId(), SubOrchestrationTask.class, null, f.failure());
    } else if (event instanceof EventRaised e) {
      deliverEvent(e);
    }
    // terminal events never precede a replayed turn
    return true;
  }

  private void matchAction(HistoryEvent event, Class<? extends HistoryEvent> kind, String name) {
    Action action = actions.remove(event.taskId());
    if (action == null) {
      throw new Signals.Nondeterminism("history has " + event.typeName() + " for task "
          + event.taskId() + (name == null ? "" : " '" + name + "'")
          + " but the orchestration code did not schedule it");
    }
    HistoryEvent a = action.event();
    String actionName = a instanceof ActivityScheduled x ? x.name()
        : a instanceof SubOrchestrationScheduled x ? x.name()
        : a instanceof DetachedStarted x ? x.name() : null;
    if (!kind.isInstance(action.event()) || !java.util.Objects.equals(name, actionName)) {
      throw new Signals.Nondeterminism("task " + event.taskId() + ": history has "
          + event.typeName() + (name == null ? "" : " '" + name + "'")
          + " but the orchestration code scheduled " + action.event().typeName()
          + (actionName == null ? "" : " '" + actionName + "'"));
    }
  }

  private void complete(int taskId, Class<?> kind, String resultJson, FailureDetails failure) {
    LeafTask<?> task = openTasks.remove(taskId);
    if (task == null || !kind.isInstance(task)) {
      throw new Signals.Nondeterminism("history completes task " + taskId + " as "
          + kind.getSimpleName() + " but the orchestration code has "
          + (task == null ? "no such open task" : task.getClass().getSimpleName()));
    }
    if (failure != null) {
      task.fail(failure);
    } else {
      task.resolveJson(resultJson);
    }
  }

  private void deliverEvent(EventRaised e) {
    Deque<EventTask<?>> queue = waiters.get(e.name());
    EventTask<?> waiter = queue == null ? null : queue.pollFirst();
    if (waiter != null) {
      waiter.resolveJson(e.payload());
    } else {
      buffered.computeIfAbsent(e.name(), k -> new ArrayDeque<>()).addLast(e.payload());
    }
  }

  /** Blocks {@code task} until done, processing events; ends the turn when they run out. */
  void awaitDone(ReplayTask<?> task) {
    while (!task.isDone()) {
      if (!processNext()) {
        blockedOn = task;
        throw new Signals.TurnBlocked();
      }
    }
  }

  /** Withdraws {@code task} from the waiters for its event name. */
  void stopWaiting(EventTask<?> task) {
    Deque<EventTask<?>> queue = waiters.get(task.name);
    if (queue != null) {
      queue.remove(task);
    }
  }

  private int schedule(Function<Integer, HistoryEvent> event) {
    int id = nextTaskId++;
    actions.put(id, new Action(id, event.apply(id)));
    return id;
  }

  // ---- OrchestrationContext -----------------------------------------------------------------

  @Override
  public String instanceId() {
    return instanceId;
  }

  @Override
  public long executionId() {
    return executionId;
  }

  @Override
  public String name() {
    return started.name();
  }

  @Override
  public String version() {
    return started.version();
  }

  @Override
  public <T> T input(Class<T> type) {
    return JsonCodec.decode(started.input(), type, "input of orchestration '" + name() + "'");
  }

  @Override
  public String inputJson() {
    return started.input();
  }

  @Override
  public Instant currentTime() {
    return currentTime;
  }

  @Override
  public UUID newUuid() {
    String seed = instanceId + "/" + executionId + "/" + (++uuidCounter);
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean isReplaying() {
    return replaying;
  }

  @Override
  public Logger logger() {
    return replaySafeLogger;
  }

  @Override
  public <T> DurableTask<T> callActivity(String name, Object input, Class<T> resultType) {
    return scheduleActivity(name, encodeInput(input, "activity", name), resultType, 0, null);
  }

  @Override
  public <T> DurableTask<T> callActivity(String name, Object input, Class<T> resultType,
      RetryPolicy retryPolicy) {
    java.util.Objects.requireNonNull(retryPolicy, "retryPolicy");
    return new RetryTask<>(this, name, encodeInput(input, "activity", name), resultType,
        retryPolicy);
  }

  /** Schedules one activity attempt ({@link RetryTask} schedules each of its attempts here). */
  <T> ActivityTask<T> scheduleActivity(String name, String inputJson, Class<T> type,
      int retryAttempt, Duration timeout) {
    Names.require(name, "activity name");
    Long timeoutMillis = timeout == null ? null : timeout.toMillis();
    int id = schedule(t -> new ActivityScheduled(t, name, inputJson, retryAttempt, timeoutMillis));
    ActivityTask<T> task = new ActivityTask<>(this, name, type);
    openTasks.put(id, task);
    return task;
  }

  @Override
  public DurableTask<Void> createTimer(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("timer delay must not be negative, got " + delay);
    }
    long fireAt = Micros.of(currentTime.plus(delay));
    int id = schedule(t -> new TimerCreated(t, fireAt));
    TimerTask task = new TimerTask(this);
    openTasks.put(id, task);
    return task;
  }

  @Override
  public <T> DurableTask<T> waitForEvent(String name, Class<T> type) {
    Names.require(name, "event name");
    EventTask<T> task = new EventTask<>(this, name, type);
    Deque<String> pending = buffered.get(name);
    if (pending != null && !pending.isEmpty()) {
      task.resolveJson(pending.pollFirst());
    } else {
      waiters.computeIfAbsent(name, k -> new ArrayDeque<>()).addLast(task);
    }
    return task;
  }

  @Override
  public <T> DurableTask<Optional<T>> waitForEvent(String name, Class<T> type, Duration timeout) {
    EventTask<T> event = (EventTask<T>) waitForEvent(name, type);
    if (event.isDone()) {
      return new EventOrTimeoutTask<>(this, event, null);
    }
    return new EventOrTimeoutTask<>(this, event, (TimerTask) createTimer(timeout));
  }

  @Override
  public <T> DurableTask<T> callSubOrchestration(String name, Object input, Class<T> resultType) {
    return callSubOrchestration(name, null, null, input, resultType);
  }

  @Override
  public <T> DurableTask<T> callSubOrchestration(String name, String version, String childId,
      Object input, Class<T> resultType) {
    Names.require(name, "sub-orchestration name");
    String inputJson = encodeInput(input, "sub-orchestration", name);
    String v = version != null ? Names.require(version, "version of '" + name + "'")
        : latestVersion.apply(name).orElse(io.durobs.engine.api.Registry.DEFAULT_VERSION);
    int id = schedule(t -> new SubOrchestrationScheduled(t, name, v,
        childId != null ? Names.require(childId, "sub-orchestration instance id")
            : childInstanceId(t), inputJson));
    SubOrchestrationTask<T> task = new SubOrchestrationTask<>(this, name, resultType);
    openTasks.put(id, task);
    return task;
  }

  private String childInstanceId(int taskId) {
    String id = instanceId + ":" + executionId + ":" + taskId;
    return id.length() <= Names.MAX_LENGTH ? id : newUuid().toString();
  }

  @Override
  public void startOrchestration(String name, String childId, Object input) {
    Names.require(name, "orchestration name");
    Names.require(childId, "instance id of detached orchestration '" + name + "'");
    String inputJson = encodeInput(input, "orchestration", name);
    String v = latestVersion.apply(name).orElse(io.durobs.engine.api.Registry.DEFAULT_VERSION);
    schedule(t -> new DetachedStarted(t, name, v, childId, inputJson));
  }

  @Override
  public void continueAsNew(Object input) {
    throw new Signals.ContinueAsNew(encodeInput(input, "orchestration", name()));
  }

  @Override
  public <T> DurableTask<List<T>> allOf(List<? extends DurableTask<T>> tasks) {
    return new AllTask<>(this, tasks.stream().map(t -> (ReplayTask<T>) t).toList());
  }

  @Override
  public DurableTask<DurableTask<?>> anyOf(List<? extends DurableTask<?>> tasks) {
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("anyOf needs at least one task");
    }
    List<ReplayTask<?>> children = new ArrayList<>(tasks.size());
    for (DurableTask<?> t : tasks) {
      children.add((ReplayTask<?>) t);
    }
    return new AnyTask(this, children);
  }

  private static String encodeInput(Object input, String kind, String name) {
    return JsonCodec.encode(input, "input of " + kind + " '" + name + "'");
  }
}
