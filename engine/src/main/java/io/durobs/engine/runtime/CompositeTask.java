package io.durobs.engine.runtime;

import io.durobs.engine.api.DurableTask;
import io.durobs.engine.store.WaitState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A task over other tasks of the turn ({@code allOf}, {@code anyOf}). While blocked it reports
 * the most telling wait of its open children: an event wins over a child orchestration, a child
 * over an activity, an activity over a timer.
 *
 * @param <T> the result type
 */
abstract class CompositeTask<T> extends ReplayTask<T> {

  private final List<? extends ReplayTask<?>> children;

  CompositeTask(ReplayExecutor turn, List<? extends ReplayTask<?>> children) {
    super(turn);
    this.children = children;
  }

  @Override
  final WaitState waitState() {
    WaitState best = WaitState.RUNNING;
    for (ReplayTask<?> c : children) {
      if (!c.isDone()) {
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

  /** Done when every child is: their results in order, or the first failure in order. */
  static final class AllTask<T> extends CompositeTask<List<T>> {
    private final List<ReplayTask<T>> children;

    AllTask(ReplayExecutor turn, List<ReplayTask<T>> children) {
      super(turn, children);
      this.children = children;
      for (ReplayTask<T> child : children) {
        child.onDone(this::check);
      }
      check();
    }

    private void check() {
      if (isDone() || !children.stream().allMatch(ReplayTask::isDone)) {
        return;
      }
      for (ReplayTask<T> c : children) {
        if (c.failure() != null) {
          fail(c.failedName(), c.failure());
          return;
        }
      }
      List<T> values = new ArrayList<>(children.size());
      children.forEach(c -> values.add(c.value()));
      resolve(Collections.unmodifiableList(values));
    }
  }

  /** Done when the first child is (in event order; the earliest in the list if some are). */
  static final class AnyTask extends CompositeTask<DurableTask<?>> {
    AnyTask(ReplayExecutor turn, List<ReplayTask<?>> children) {
      super(turn, children);
      for (ReplayTask<?> c : children) {
        if (c.isDone()) {
          resolve(c);
          return;
        }
      }
      for (ReplayTask<?> c : children) {
        c.onDone(() -> resolve(c));
      }
    }
  }
}
