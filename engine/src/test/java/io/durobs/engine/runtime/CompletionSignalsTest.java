package io.durobs.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.OrchestrationStatus;
import io.durobs.engine.api.Registry;
import io.durobs.engine.api.WaitTimeoutException;
import io.durobs.engine.testing.EngineTestBase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A {@link DurableClient#waitForCompletion} in the process whose turn ends the instance learns it
 * from that turn, not from its next poll; one in another process still polls.
 */
class CompletionSignalsTest extends EngineTestBase {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final CountDownLatch gate = new CountDownLatch(1);

  /** An orchestration of one activity that returns once the test opens the gate. */
  private Registry gated() {
    return Registry.builder()
        .activity("gate", ctx -> {
          gate.await();
          return "opened";
        })
        .orchestration("gated", ctx -> ctx.callActivity("gate", null, String.class).await())
        .build();
  }

  /**
   * The wait polls once an hour, so only the ending turn's signal can end it within the test;
   * the gate opens once the wait has read the instance running and blocks on the signal.
   */
  @Test
  void aWaitIsWokenByTheTurnOfItsProcessThatEndsTheInstance() throws Exception {
    Registry registry = gated();
    DurableRuntime rt = start(registry);
    StoreClient hourly = new StoreClient(rt.store(), registry, rt.metrics(),
        rt.options().payloadLimit(), ClientRetry.DEFAULT, rt.local(),
        new StoreClient.Polling(3_600_000, 3_600_000));
    rt.client().startOrchestration("gated", "g-1", null);

    CompletableFuture<OrchestrationStatus> done =
        CompletableFuture.supplyAsync(() -> hourly.waitForCompletion("g-1", Duration.ofHours(2)));
    awaitTrue(() -> rt.completions().awaited("g-1"), WAIT, "the wait blocked on its signal");
    gate.countDown();

    OrchestrationStatus status = done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(status.state()).isEqualTo(OrchestrationState.COMPLETED);
    assertThat(status.output(String.class)).isEqualTo("opened");
    assertThat(rt.completions().watched()).as("entries left").isZero();
  }

  /** A client without an engine in its process sees an end another process committed. */
  @Test
  void aWaitWithoutAnEngineInItsProcessPolls() throws Exception {
    Registry registry = gated();
    DurableClient outside = client(registry);
    start(registry).client().startOrchestration("gated", "g-2", null);

    CompletableFuture<OrchestrationStatus> done =
        CompletableFuture.supplyAsync(() -> outside.waitForCompletion("g-2", WAIT));
    gate.countDown();

    assertThat(done.get(WAIT.toSeconds(), TimeUnit.SECONDS).state())
        .isEqualTo(OrchestrationState.COMPLETED);
  }

  @Test
  void aWaitThatTimesOutLeavesNoEntry() {
    DurableRuntime rt = start(gated());
    rt.client().startOrchestration("gated", "g-3", null);

    assertThatThrownBy(() -> rt.client().waitForCompletion("g-3", Duration.ofMillis(50)))
        .isInstanceOf(WaitTimeoutException.class);
    assertThat(rt.completions().watched()).isZero();
    gate.countDown();
  }

  @Test
  void waitsForOneInstanceShareASignalUntilTheLastOneLeaves() throws Exception {
    CompletionSignals signals = new CompletionSignals();
    CompletionSignals.Signal first = signals.watch("a");
    CompletionSignals.Signal second = signals.watch("a");
    assertThat(second).isSameAs(first);

    signals.unwatch("a", first);
    assertThat(signals.watched()).isEqualTo(1);
    signals.ended("a");
    assertThat(second.await(0)).as("signalled to the wait still there").isTrue();
    signals.unwatch("a", second);
    assertThat(signals.watched()).isZero();

    signals.ended("b");
    assertThat(signals.watched()).as("an end nobody waits for").isZero();
    assertThat(signals.watch("a").fired()).as("a new wait, after the end it missed").isFalse();
  }
}
