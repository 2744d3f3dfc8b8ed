package io.durobs.engine.runtime;

import io.durobs.engine.api.DurableTask;
import io.durobs.engine.api.FailureDetails;
import io.durobs.engine.api.TaskFailedException;
import io.durobs.engine.store.WaitState;
import java.util.ArrayList;
import java.util.List;

/**
 * A task of one replayed turn. It completes only while {@link ReplayExecutor} processes history
 * events, so its completion callbacks run at the same point of every replay (deterministically).
 * {@link #await()} makes the executor process events until the task is done, or ends the turn.
 *
 * @param <T> the result type
 */
abstract class ReplayTask<T> implements DurableTask<T> {

  private final ReplayExecutor turn;
  private final List<Runnable> callbacks = new ArrayList<>(1);
  private boolean done;
  private T value;
  private FailureDetails failure;
  private String failedName;

  ReplayTask(ReplayExecutor turn) {
    this.turn = turn;
  }

  /** What the instance waits on while the turn is blocked on this task. */
  abstract WaitState waitState();

  /** The executor of the turn this task belongs to. */
  final ReplayExecutor turn() {
    return turn;
  }

  final void resolve(T v) {
    if (!done) {
      done = true;
      value = v;
      fire();
    }
  }

  /** Fails the task; {@code name} is what the {@link TaskFailedException} reports. */
  final void fail(String name, FailureDetails details) {
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

  /** Runs {@code callback} when the task completes (now when it already has). */
  final void onDone(Runnable callback) {
    if (done) {
      callback.run();
    } else {
      callbacks.add(callback);
    }
  }

  /** The result; {@code null} until resolved or when failed. */
  final T value() {
    return value;
  }

  /** The failure; {@code null} unless failed. */
  final FailureDetails failure() {
    return failure;
  }

  /** The name a failure is reported under. */
  final String failedName() {
    return failedName;
  }

  @Override
  public final T await() {
    turn.awaitDone(this);
    if (failure != null) {
      throw new TaskFailedException(failedName, failure);
    }
    return value;
  }

  @Override
  public final boolean isDone() {
    return done;
  }

  @Override
  public final boolean isFailed() {
    return done && failure != null;
  }
}
