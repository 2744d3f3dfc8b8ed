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
import io.durobs.engine.api.TaskFailedException;
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
import io.durobs.engine.store.WaitState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
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
  private BaseTask<?> blockedOn;

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
  void awaitDone(BaseTask<?> task) {
    while (!task.done) {
      if (!processNext()) {
        blockedOn = task;
        throw new Signals.TurnBlocked();
      }
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
    return new RetryTask<>(name, encodeInput(input, "activity", name), resultType, retryPolicy);
  }

  private <T> ActivityTask<T> scheduleActivity(String name, String inputJson, Class<T> type,
      int retryAttempt, Duration timeout) {
    Names.require(name, "activity name");
    Long timeoutMillis = timeout == null ? null : timeout.toMillis();
    int id = schedule(t -> new ActivityScheduled(t, name, inputJson, retryAttempt, timeoutMillis));
    ActivityTask<T> task = new ActivityTask<>(name, type);
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
    TimerTask task = new TimerTask();
    openTasks.put(id, task);
    return task;
  }

  @Override
  public <T> DurableTask<T> waitForEvent(String name, Class<T> type) {
    Names.require(name, "event name");
    EventTask<T> task = new EventTask<>(name, type);
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
    if (event.done) {
      return new EventOrTimeoutTask<>(event, null);
    }
    return new EventOrTimeoutTask<>(event, (TimerTask) createTimer(timeout));
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
    SubOrchestrationTask<T> task = new SubOrchestrationTask<>(name, resultType);
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
    return new AllTask<>(tasks.stream().map(t -> (BaseTask<T>) t).toList());
  }

  @Override
  public DurableTask<DurableTask<?>> anyOf(List<? extends DurableTask<?>> tasks) {
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("anyOf needs at least one task");
    }
    List<BaseTask<?>> children = new ArrayList<>(tasks.size());
    for (DurableTask<?> t : tasks) {
      children.add((BaseTask<?>) t);
    }
    return new AnyTask(children);
  }

  private static String encodeInput(Object input, String kind, String name) {
    return JsonCodec.encode(input, "input of " + kind + " '" + name + "'");
  }

  // ---- tasks --------------------------------------------------------------------------------

  /** A task whose completion callbacks run while events are processed (deterministically). */
  abstract class BaseTask<T> implements DurableTask<T> {
    boolean done;
    T value;
    FailureDetails failure;
    String failedName;
    private final List<Runnable> callbacks = new ArrayList<>(1);

    void resolve(T v) {
      if (!done) {
        done = true;
        value = v;
        fire();
      }
    }

    void fail(String name, FailureDetails details) {
      if (!done) {
        done = true;
        failure = details;
        failedName = name;
        fire();
      }
    }

    private void fire() {
      for (Runnable r : callbacks) {
        r.run();
      }
      callbacks.clear();
    }

    void onDone(Runnable callback) {
      if (done) {
        callback.run();
      } else {
        callbacks.add(callback);
      }
    }

    @Override
    public T await() {
      awaitDone(this);
      if (failure != null) {
        throw new TaskFailedException(failedName, failure);
      }
      return value;
    }

    @Override
    public boolean isDone() {
      return done;
    }

    @Override
    public boolean isFailed() {
      return done && failure != null;
    }

    abstract WaitState waitState();
  }

  /** A task completed by one history event, keyed by task id. */
  abstract class LeafTask<T> extends BaseTask<T> {
    final String name;
    final Class<T> type;

    LeafTask(String name, Class<T> type) {
      this.name = name;
      this.type = type;
    }

    void resolveJson(String json) {
      resolve(JsonCodec.decode(json, type, "result of '" + name + "'"));
    }

    void fail(FailureDetails details) {
      fail(name, details);
    }
  }

  final class ActivityTask<T> extends LeafTask<T> {
    ActivityTask(String name, Class<T> type) {
      super(name, type);
    }

    @Override
    WaitState waitState() {
      return WaitState.WAITING_FOR_ACTIVITY;
    }
  }

  final class TimerTask extends LeafTask<Void> {
    TimerTask() {
      super("timer", Void.class);
    }

    @Override
    void resolveJson(String json) {
      resolve(null);
    }

    @Override
    WaitState waitState() {
      return WaitState.WAITING_FOR_TIMER;
    }
  }

  final class SubOrchestrationTask<T> extends LeafTask<T> {
    SubOrchestrationTask(String name, Class<T> type) {
      super(name, type);
    }

    @Override
    WaitState waitState() {
      return WaitState.WAITING_FOR_SUBORCHESTRATION;
    }
  }

  final class EventTask<T> extends LeafTask<T> {
    EventTask(String name, Class<T> type) {
      super(name, type);
    }

    /** Stops waiting (the timeout won), so a later event stays buffered for the next wait. */
    void withdraw() {
      Deque<EventTask<?>> queue = waiters.get(name);
      if (queue != null) {
        queue.remove(this);
      }
    }

    @Override
    WaitState waitState() {
      return WaitState.WAITING_FOR_EVENT;
    }
  }

  /** Retries an activity under a policy: attempt, backoff timer, attempt, ... */
  final class RetryTask<T> extends BaseTask<T> {
    private final String name;
    private final String inputJson;
    private final Class<T> type;
    private final RetryPolicy policy;
    private BaseTask<?> current;
    private int attempt;

    RetryTask(String name, String inputJson, Class<T> type, RetryPolicy policy) {
      this.name = name;
      this.inputJson = inputJson;
      this.type = type;
      this.policy = policy;
      startAttempt();
    }

    private void startAttempt() {
      ActivityTask<T> task = scheduleActivity(name, inputJson, type, attempt,
          policy.attemptTimeout());
      current = task;
      task.onDone(() -> {
        if (task.failure == null) {
          resolve(task.value);
        } else if (attempt + 1 >= policy.maxAttempts()) {
          fail(name, task.failure);
        } else {
          attempt++;
          Duration delay = policy.delayBeforeRetry(attempt);
          if (delay.isZero()) {
            startAttempt();
          } else {
            BaseTask<Void> timer = (BaseTask<Void>) createTimer(delay);
            current = timer;
            timer.onDone(this::startAttempt);
          }
        }
      });
    }

    @Override
    WaitState waitState() {
      return current.waitState();
    }
  }

  final class EventOrTimeoutTask<T> extends BaseTask<Optional<T>> {
    private final EventTask<T> event;

    EventOrTimeoutTask(EventTask<T> event, TimerTask timer) {
      this.event = event;
      event.onDone(() -> resolve(Optional.ofNullable(event.value)));
      if (timer != null) {
        timer.onDone(() -> {
          if (!event.done) {
            event.withdraw();
            resolve(Optional.empty());
          }
        });
      }
    }

    @Override
    WaitState waitState() {
      return event.waitState();
    }
  }

  final class AllTask<T> extends BaseTask<List<T>> {
    private final List<BaseTask<T>> children;

    AllTask(List<BaseTask<T>> children) {
      this.children = children;
      for (BaseTask<T> child : children) {
        child.onDone(this::check);
      }
      check();
    }

    private void check() {
      if (done || !children.stream().allMatch(c -> c.done)) {
        return;
      }
      for (BaseTask<T> c : children) {
        if (c.failure != null) {
          fail(c.failedName, c.failure);
          return;
        }
      }
      List<T> values = new ArrayList<>(children.size());
      children.forEach(c -> values.add(c.value));
      resolve(Collections.unmodifiableList(values));
    }

    @Override
    WaitState waitState() {
      return combinedWaitState(children);
    }
  }

  final class AnyTask extends BaseTask<DurableTask<?>> {
    private final List<BaseTask<?>> children;

    AnyTask(List<BaseTask<?>> children) {
      this.children = children;
      for (BaseTask<?> c : children) {
        if (c.done) {
          resolve(c);
          return;
        }
      }
      for (BaseTask<?> c : children) {
        c.onDone(() -> resolve(c));
      }
    }

    @Override
    WaitState waitState() {
      return combinedWaitState(children);
    }
  }

  /** What a composite waits on: an event wins over a child, a child over an activity, etc. */
  private static WaitState combinedWaitState(List<? extends BaseTask<?>> children) {
    WaitState best = WaitState.RUNNING;
    for (BaseTask<?> c : children) {
      if (!c.done) {
        WaitState w = c.waitState();
        if (best == WaitState.RUNNING || rank(w) < rank(best)) {
          best = w;
        }
      }
    }
    return best;
  }

  private static int rank(WaitState w) {
    return switch (w) {
      case WAITING_FOR_EVENT -> 0;
      case WAITING_FOR_SUBORCHESTRATION -> 1;
      case WAITING_FOR_ACTIVITY -> 2;
      case WAITING_FOR_TIMER -> 3;
      case RUNNING -> 4;
    };
  }
}
