package io.durobs.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * When hand-offs leave an idle slot to the poller ({@link Dispatcher#pollerKeepsASlot}): while
 * the queue may have work, and once the poller's last look is older than the longest poll
 * interval, so that work another process enqueues waits for a look no longer than an idle
 * engine's poller would make it. {@code InProcessContinuationTest} shows a start taking the last
 * slot once a look found the queue drained.
 */
class PollerSlotTest {

  private static final Duration MAX_POLL = Duration.ofMillis(200);

  @Test
  void whileTheQueueMayHaveWorkThePollerKeepsASlot() {
    assertThat(Dispatcher.pollerKeepsASlot(true, 0, MAX_POLL)).isTrue();
  }

  @Test
  void afterALookFoundTheQueueDrainedHandOffsMayTakeEverySlot() {
    assertThat(Dispatcher.pollerKeepsASlot(false, 0, MAX_POLL)).isFalse();
    assertThat(Dispatcher.pollerKeepsASlot(false, MAX_POLL.toNanos(), MAX_POLL)).isFalse();
  }

  @Test
  void aLookOlderThanTheLongestPollIntervalGivesThePollerItsSlotBack() {
    assertThat(Dispatcher.pollerKeepsASlot(false, MAX_POLL.toNanos() + 1, MAX_POLL)).isTrue();
  }
}
