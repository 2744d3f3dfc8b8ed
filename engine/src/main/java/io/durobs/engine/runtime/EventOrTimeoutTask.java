package io.durobs.engine.runtime;

import io.durobs.engine.runtime.LeafTask.EventTask;
import io.durobs.engine.runtime.LeafTask.TimerTask;
import io.durobs.engine.store.WaitState;
import java.util.Optional;

/**
 * A wait for an external event bounded by a timer: the event's payload when it comes first,
 * empty when the timer fires first (the event wait is then withdrawn).
 *
 * @param <T> the event payload type
 */
final class EventOrTimeoutTask<T> extends ReplayTask<Optional<T>> {

  private final EventTask<T> event;

  /** {@code timer} is null when the event was already buffered (no timer needed). */
  EventOrTimeoutTask(ReplayExecutor turn, EventTask<T> event, TimerTask timer) {
    super(turn);
    this.event = event;
    event.onDone(() -> resolve(Optional.ofNullable(event.value())));
    if (timer != null) {
      timer.onDone(() -> {
        if (!event.isDone()) {
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
