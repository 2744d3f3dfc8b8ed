package io.durobs.engine.runtime;

import io.durobs.engine.api.FailureDetails;
import io.durobs.engine.api.JsonCodec;
import io.durobs.engine.store.WaitState;

/**
 * A task completed by one history event: the result of the activity, timer, sub-orchestration
 * or external event it stands for. The subclass is the kind of event that may complete it.
 *
 * @param <T> the result type
 */
abstract class LeafTask<T> extends ReplayTask<T> {

  final String name;
  private final Class<T> type;
  private final WaitState waitState;

  LeafTask(ReplayExecutor turn, String name, Class<T> type, WaitState waitState) {
    super(turn);
    this.name = name;
    this.type = type;
    this.waitState = waitState;
  }

  @Override
  final WaitState waitState() {
    return waitState;
  }

  /** Resolves with the result JSON of the completing event. */
  void resolveJson(String json) {
    resolve(JsonCodec.decode(json, type, "result of '" + name + "'"));
  }

  void fail(FailureDetails details) {
    fail(name, details);
  }

  /** An activity call, completed by ActivityCompleted or ActivityFailed. */
  static final class ActivityTask<T> extends LeafTask<T> {
    ActivityTask(ReplayExecutor turn, String name, Class<T> type) {
      super(turn, name, type, WaitState.WAITING_FOR_ACTIVITY);
    }
  }

  /** A durable timer, completed by TimerFired. */
  static final class TimerTask extends LeafTask<Void> {
    TimerTask(ReplayExecutor turn) {
      super(turn, "timer", Void.class, WaitState.WAITING_FOR_TIMER);
    }

    @Override
    void resolveJson(String json) {
      resolve(null);
    }
  }

  /** A sub-orchestration call, completed by its completion or failure notice. */
  static final class SubOrchestrationTask<T> extends LeafTask<T> {
    SubOrchestrationTask(ReplayExecutor turn, String name, Class<T> type) {
      super(turn, name, type, WaitState.WAITING_FOR_SUBORCHESTRATION);
    }
  }

  /** A wait for an external event, completed by the next EventRaised of its name. */
  static final class EventTask<T> extends LeafTask<T> {
    EventTask(ReplayExecutor turn, String name, Class<T> type) {
      super(turn, name, type, WaitState.WAITING_FOR_EVENT);
    }

    /** Stops waiting (the timeout won), so a later event stays buffered for the next wait. */
    void withdraw() {
      turn().stopWaiting(this);
    }
  }
}
