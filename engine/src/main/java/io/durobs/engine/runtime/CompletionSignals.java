package io.durobs.engine.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wakes the {@link io.durobs.engine.api.DurableClient#waitForCompletion} calls of this process
 * when one of its turns commits the end of the instance they wait for, so that they read its
 * status once, at once, instead of at their next poll (every 5 ms at first, backing off to
 * every 100 ms). A hint only: an instance that another process ends is seen by the waits' polls,
 * which go on. One entry per instance that someone waits for, removed when the last wait for it
 * returns, so an idle process holds none.
 *
 * <pre>{@code
 * CompletionSignals.Signal signal = signals.watch(id);
 * try {
 *   while (!terminal(readStatus(id))) {
 *     signal.await(pauseMillis); // true when a turn here ended the instance
 *   }
 * } finally {
 *   signals.unwatch(id, signal);
 * }
 * }</pre>
 */
final class CompletionSignals {

  /** For a client without an engine in its process: nothing ever signals, its waits poll. */
  static final CompletionSignals NONE = new CompletionSignals();

  private final ConcurrentHashMap<String, Signal> signals = new ConcurrentHashMap<>();

  /** The signal of {@code instanceId}'s end, shared by its waits; release it with unwatch. */
  Signal watch(String instanceId) {
    return signals.compute(instanceId, (id, s) -> (s == null ? new Signal() : s).join());
  }

  /** Releases a signal {@link #watch} gave; the last release removes the instance's entry. */
  void unwatch(String instanceId, Signal signal) {
    signals.computeIfPresent(instanceId, (id, s) -> s == signal && s.leave() ? null : s);
  }

  /** A turn of this process committed the end of {@code instanceId}. */
  void ended(String instanceId) {
    Signal s = signals.get(instanceId);
    if (s != null) {
      s.fired.countDown();
    }
  }

  /** The number of instances waited for (for tests). */
  int watched() {
    return signals.size();
  }

  /** Whether a wait for {@code instanceId} is blocked in {@link Signal#await} (for tests). */
  boolean awaited(String instanceId) {
    Signal s = signals.get(instanceId);
    return s != null && s.awaiting.get() > 0;
  }

  /** One instance's end, as its waits see it. */
  static final class Signal {
    private final CountDownLatch fired = new CountDownLatch(1);
    private final AtomicInteger awaiting = new AtomicInteger();
    // changed only inside the map's compute for the instance, which serialises them
    private int waits;

    private Signal join() {
      waits++;
      return this;
    }

    /** Whether this was the last wait. */
    private boolean leave() {
      return --waits == 0;
    }

    /** Whether the end was signalled. */
    boolean fired() {
      return fired.getCount() == 0;
    }

    /**
     * Waits up to {@code millis} for the end to be signalled.
     *
     * @return whether it was
     */
    boolean await(long millis) throws InterruptedException {
      awaiting.incrementAndGet();
      try {
        return fired.await(millis, TimeUnit.MILLISECONDS);
      } finally {
        awaiting.decrementAndGet();
      }
    }
  }
}
