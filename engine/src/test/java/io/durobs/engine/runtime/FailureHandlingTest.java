package io.durobs.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.FailureType;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.OrchestrationStatus;
import io.durobs.engine.api.Registry;
import io.durobs.engine.api.RetryPolicy;
import io.durobs.engine.api.TaskFailedException;
import io.durobs.engine.store.HistoryRow;
import io.durobs.engine.testing.EngineTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Retries, timeouts, cancellation, nondeterminism, unregistered names and poison. */
class FailureHandlingTest extends EngineTestBase {

  private static final Duration WAIT = Duration.ofSeconds(30);

  /** An activity that fails until its n-th attempt, counting attempts per instance. */
  private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

  private static Registry flaky(RetryPolicy policy, int succeedOnAttempt) {
    return Registry.builder()
        .activity("flaky", ctx -> {
          int n = ATTEMPTS.computeIfAbsent(ctx.instanceId(), k -> new AtomicInteger())
              .incrementAndGet();
          if (ctx.retryAttempt() != n - 1) {
            throw new IllegalStateException("retryAttempt " + ctx.retryAttempt() + " on try " + n);
          }
          if (n < succeedOnAttempt) {
            throw new IllegalStateException("boom " + n);
          }
          return "ok after " + n;
        })
        .orchestration("retrying", ctx -> {
          try {
            return ctx.callActivity("flaky", null, String.class, policy).await();
          } catch (TaskFailedException e) {
            return "gave up: " + e.details().message();
          }
        })
        .build();
  }

  @ParameterizedTest
  @CsvSource({"fixed, 200, 200", "linear, 100, 200", "exponential, 100, 300"})
  void retriesWithBackoffRecordedAsDurableTimers(String kind, long firstDelay,
      long secondDelay) {
    RetryPolicy.Builder b = RetryPolicy.builder(4);
    Duration first = Duration.ofMillis(firstDelay);
    RetryPolicy policy = switch (kind) {
      case "fixed" -> b.fixed(first).build();
      case "linear" -> b.linear(first).build();
      default -> b.exponential(first, 3.0).build();
    };
    DurableClient client = start(flaky(policy, 3)).client();
    String id = "retry-" + kind;
    client.startOrchestration("retrying", id, null);

    assertThat(client.waitForCompletion(id, WAIT).output(String.class)).isEqualTo("ok after 3");
    assertThat(ATTEMPTS.get(id)).hasValue(3);
    assertThat(timerDelays(id)).containsExactly(firstDelay, secondDelay);
  }

  @Test
  void exhaustedRetriesSurfaceTheLastFailureToOrchestrationCode() {
    DurableClient client = start(flaky(RetryPolicy.builder(3).fixed(Duration.ofMillis(10))
        .build(), 99)).client();
    client.startOrchestration("retrying", "retry-exhausted", null);

    assertThat(client.waitForCompletion("retry-exhausted", WAIT).output(String.class))
        .isEqualTo("gave up: boom 3");
    assertThat(ATTEMPTS.get("retry-exhausted")).hasValue(3);
  }

  @Test
  void attemptTimeoutFailsSlowAttemptsAndRetriesThem() throws InterruptedException {
    // The attempt's timeout ends the attempt at once; the interrupted activity thread notices a
    // moment later, on its own schedule (under load, after the orchestration has completed), so
    // the test waits for both interruptions instead of reading a counter at completion.
    CountDownLatch interrupted = new CountDownLatch(2);
    Registry registry = Registry.builder()
        .activity("slow", ctx -> {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
          }
          return "late";
        })
        .orchestration("impatient", ctx -> {
          try {
            return ctx.callActivity("slow", null, String.class, RetryPolicy.builder(2)
                .attemptTimeout(Duration.ofMillis(200)).build()).await();
          } catch (TaskFailedException e) {
            return e.details().type() + ": " + e.details().message();
          }
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("impatient", "timeout-1", null);

    String out = client.waitForCompletion("timeout-1", WAIT).output(String.class);

    assertThat(out).startsWith("TIMEOUT: ").contains("exceeded its timeout of 200 ms");
    // a 60 s sleep that completed within WAIT was cut short by the timeout, twice
    assertThat(interrupted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .as("both attempts interrupted").isTrue();
    assertThat(historyTypes("timeout-1", 1).stream().filter("ActivityScheduled"::equals))
        .hasSize(2);
  }

  @Test
  void cancellationEndsTheInstanceAndRemovesItsPendingWork() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    AtomicBoolean sawCancel = new AtomicBoolean();
    Registry registry = Registry.builder()
        .activity("long", ctx -> {
          running.countDown();
          try {
            Thread.sleep(20_000);
          } catch (InterruptedException e) {
            sawCancel.set(ctx.isCancelled());
            throw e;
          }
          return null;
        })
        .orchestration("child", ctx -> ctx.waitForEvent("never", String.class).await())
        .orchestration("victim", ctx -> {
          ctx.createTimer(Duration.ofHours(1));
          var child = ctx.callSubOrchestration("child", null, "victim-child", null,
              String.class);
          ctx.callActivity("long", null, Void.class).await();
          return child.await();
        })
        .build();
    DurableClient client = start(registry, b -> b.workerLockTimeout(Duration.ofMillis(600)))
        .client();
    client.startOrchestration("victim", "victim-1", null);
    assertThat(running.await(20, TimeUnit.SECONDS)).isTrue();

    assertThat(client.cancel("victim-1", "user asked")).isTrue();

    OrchestrationStatus status = client.waitForCompletion("victim-1", WAIT);
    assertThat(status.state()).isEqualTo(OrchestrationState.CANCELLED);
    assertThat(status.cancelReason()).isEqualTo("user asked");
    assertThat(client.waitForCompletion("victim-child", WAIT).state())
        .isEqualTo(OrchestrationState.CANCELLED);
    // The child's cancellation tells the parent in the child's own commit, after the parent has
    // ended: that message lands in the parent's queue and is consumed and dropped by the next
    // turn. "No pending work" is therefore the state the engine reaches, awaited, not a value
    // read at the instant the child's status turned terminal.
    awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.orchestrator_queue WHERE instance_id"
        + " = 'victim-1'") == 0, "the cancelled instance's orchestrator queue is empty");
    awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.worker_queue WHERE instance_id"
        + " = 'victim-1'") == 0, "the cancelled instance's worker queue is empty");
    awaitTrue(sawCancel::get, "the running activity saw its cancellation");
    assertThat(historyTypes("victim-1", 1)).last().isEqualTo("ExecutionCancelled");
    assertThat(client.cancel("victim-1", "again")).isFalse();
  }

  @Test
  void nondeterministicCodeChangeFailsTheExecutionAsConfigurationError() {
    Registry v1 = Registry.builder()
        .activity("a", ctx -> "a").activity("b", ctx -> "b")
        .orchestration("fickle", ctx -> {
          ctx.callActivity("a", null, String.class).await();
          return ctx.waitForEvent("go", String.class).await();
        })
        .build();
    Registry v2 = Registry.builder()
        .activity("a", ctx -> "a").activity("b", ctx -> "b")
        .orchestration("fickle", ctx -> {
          ctx.callActivity("b", null, String.class).await();
          return ctx.waitForEvent("go", String.class).await();
        })
        .build();
    var first = start(v1);
    first.client().startOrchestration("fickle", "fickle-1", null);
    awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.instances WHERE instance_id"
        + " = 'fickle-1' AND wait_state = 'waiting_for_event'") == 1, "fickle-1 waits");
    stop(first);

    DurableClient client = start(v2).client();
    client.raiseEvent("fickle-1", "go", "now");

    OrchestrationStatus status = client.waitForCompletion("fickle-1", WAIT);
    assertThat(status.state()).isEqualTo(OrchestrationState.FAILED);
    assertThat(status.failure().type()).isEqualTo(FailureType.CONFIGURATION);
    assertThat(status.failure().kind()).isEqualTo("nondeterminism");
    assertThat(status.failure().message()).contains("'a'").contains("'b'");
  }

  @Test
  void unregisteredNamesAndVersionsAreConfigurationErrors() {
    Registry registry = Registry.builder()
        .orchestration("known", ctx -> "known")
        .orchestration("calls-unknown-activity", ctx ->
            ctx.callActivity("missing-activity", null, String.class).await())
        .orchestration("calls-unknown", ctx -> {
          List<String> out = new ArrayList<>();
          for (String[] call : new String[][] {{"missing-orch", null}, {"known", "9"}}) {
            try {
              ctx.callSubOrchestration(call[0], call[1], null, null, String.class).await();
            } catch (TaskFailedException e) {
              out.add(e.details().type() + "/" + e.details().kind());
            }
          }
          return out;
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("calls-unknown", "unknown-1", null);
    client.startOrchestration("calls-unknown-activity", "unknown-2", null);

    assertThat(client.waitForCompletion("unknown-1", WAIT).outputJson()).isEqualTo(
        "[\"CONFIGURATION/unregistered_orchestration\",\"CONFIGURATION/version_not_found\"]");
    OrchestrationStatus activity = client.waitForCompletion("unknown-2", WAIT);
    assertThat(activity.state()).isEqualTo(OrchestrationState.FAILED);
    assertThat(activity.failure().type()).isEqualTo(FailureType.CONFIGURATION);
    assertThat(activity.failure().kind()).isEqualTo("unregistered_activity");
  }

  @Test
  void orchestrationThatAlwaysCrashesBecomesPoison() {
    AtomicInteger runs = new AtomicInteger();
    Registry registry = Registry.builder()
        .orchestration("crasher", ctx -> {
          runs.incrementAndGet();
          throw new StackOverflowError("simulated crash of the turn");
        })
        .build();
    DurableClient client = start(registry, b -> b.maxAttempts(3)).client();
    client.startOrchestration("crasher", "poison-1", null);

    OrchestrationStatus status = client.waitForCompletion("poison-1", WAIT);

    assertThat(status.state()).isEqualTo(OrchestrationState.FAILED);
    assertThat(status.failure().type()).isEqualTo(FailureType.POISON);
    assertThat(runs).hasValue(3);
    assertThat(historyTypes("poison-1", 1)).containsExactly("TurnStarted", "ExecutionStarted",
        "ExecutionFailed");
  }

  @Test
  void activityThatAlwaysCrashesBecomesPoisonAndFailsItsOrchestration() {
    AtomicInteger runs = new AtomicInteger();
    Registry registry = Registry.builder()
        .activity("crash", ctx -> {
          runs.incrementAndGet();
          // an Error that leaves the JVM intact (an OutOfMemoryError stops the runtime instead:
          // FatalErrorTest)
          throw new AssertionError("simulated crash of the attempt");
        })
        .orchestration("uses-crash", ctx -> {
          try {
            return ctx.callActivity("crash", null, String.class).await();
          } catch (TaskFailedException e) {
            return "caught"; // poison is not an application failure: never reaches here
          }
        })
        .build();
    DurableClient client = start(registry, b -> b.maxAttempts(2)).client();
    client.startOrchestration("uses-crash", "poison-2", null);

    OrchestrationStatus status = client.waitForCompletion("poison-2", WAIT);

    assertThat(status.state()).isEqualTo(OrchestrationState.FAILED);
    assertThat(status.failure().type()).isEqualTo(FailureType.POISON);
    assertThat(status.failure().kind()).isEqualTo("activity");
    assertThat(runs).hasValue(2);
  }

  @Test
  void applicationExceptionFailsTheOrchestrationWithItsMessage() {
    Registry registry = Registry.builder()
        .orchestration("thrower", ctx -> {
          throw new IllegalStateException("bad state");
        })
        .build();
    DurableClient client = start(registry).client();
    client.startOrchestration("thrower", "thrower-1", null);

    OrchestrationStatus status = client.waitForCompletion("thrower-1", WAIT);
    assertThat(status.failure().type()).isEqualTo(FailureType.APPLICATION);
    assertThat(status.failure().kind()).isEqualTo(IllegalStateException.class.getName());
    assertThat(status.failure().message()).isEqualTo("bad state");
  }

  /** The backoff delays of an instance: each TimerCreated's fire time minus its turn's time. */
  private static List<Long> timerDelays(String id) {
    List<Long> delays = new ArrayList<>();
    long turn = 0;
    for (HistoryRow row : store.readHistory(id, 1)) {
      HistoryEvent e = Messages.decodeEvent(row.payload());
      if (e instanceof HistoryEvent.TurnStarted t) {
        turn = t.timeMicros();
      } else if (e instanceof HistoryEvent.TimerCreated t) {
        delays.add((t.fireAtMicros() - turn) / 1000);
      }
    }
    return delays;
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
    EngineTestBase.awaitTrue(condition, WAIT, what);
  }
}
