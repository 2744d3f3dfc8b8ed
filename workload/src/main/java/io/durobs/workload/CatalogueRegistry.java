package io.durobs.workload;

import io.durobs.engine.api.DurableTask;
import io.durobs.engine.api.OrchestrationContext;
import io.durobs.engine.api.Registry;
import io.durobs.engine.api.RetryPolicy;
import io.durobs.engine.api.TaskFailedException;
import io.durobs.engine.store.InstrumentedStore;
import io.durobs.engine.store.StoreErrorType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The orchestrations and activities of the catalogue workload, one per engine path. Their names
 * are metric label values, so they are constants here; two names are deliberately never
 * registered ({@link #MISSING_ACTIVITY}, {@link #MISSING_ORCHESTRATION}).
 *
 * <p>Two pieces of state make paths reproducible without timing tricks: per-instance code
 * revisions (an activity of {@link #FICKLE} "deploys" new code for its own instance between two
 * turns, which is nondeterminism) and the fault plans {@link #ARM_FAULTS} arms for its own
 * instance at a known point of the instance's life.
 */
public final class CatalogueRegistry {

  // ---- activities ---------------------------------------------------------------------------

  /** Returns its input. */
  public static final String ECHO = "Echo";
  /** Sleeps its input (milliseconds), giving up when cancelled. */
  public static final String SLEEP = "Sleep";
  /** Always throws (an application error). */
  public static final String FAIL = "Fail";
  /** Throws until its retry attempt reaches its input. */
  public static final String FLAKY = "Flaky";
  /** Throws an {@code Error} (a crashed worker), so it is delivered again until it is poison. */
  public static final String CRASH = "Crash";
  /** Arms its instance's {@link FaultPlan} once. */
  public static final String ARM_FAULTS = "ArmFaults";
  /** "Deploys" changed code for its instance (see {@link #FICKLE}). */
  public static final String CHANGE_CODE = "ChangeCode";
  /** Scheduled by {@link #MISCONFIGURED}, registered nowhere. */
  public static final String MISSING_ACTIVITY = "NoSuchActivity";

  // ---- orchestrations -----------------------------------------------------------------------

  /** One activity, then done; logs one line from orchestration code. */
  public static final String HELLO = "Hello";
  /** Input n: n sequential activities (n + 1 turns), logging each step. */
  public static final String CHAIN = "Chain";
  /** Its activity fails and it does not handle that: an application error. */
  public static final String FAILING = "Failing";
  /** An activity under a retry policy that succeeds on its fourth attempt. */
  public static final String RETRYING = "Retrying";
  /** An activity under an attempt timeout that every attempt exceeds. */
  public static final String TIMING_OUT = "TimingOut";
  /** Waits for the external event {@link #APPROVAL}. */
  public static final String AWAIT_EVENT = "AwaitEvent";
  /** Waits on a durable timer (input: milliseconds). */
  public static final String TIMER = "Timer";
  /** Waits on a slow activity (input: milliseconds). */
  public static final String SLOW_ACTIVITY = "SlowActivity";
  /** Waits on a sub-orchestration that waits on a timer (input: milliseconds). */
  public static final String AWAIT_CHILD = "AwaitChild";
  /** Calls one child that succeeds and one that fails, and starts one detached. */
  public static final String PARENT = "Parent";
  /** Input n: continues as new n times, then completes. */
  public static final String LOOPER = "Looper";
  /** Changes its code between its first and second turn: nondeterminism. */
  public static final String FICKLE = "Fickle";
  /** Calls an unregistered orchestration, an unregistered version and an unregistered activity. */
  public static final String MISCONFIGURED = "Misconfigured";
  /** Its code crashes (throws an {@code Error}) on every turn, so its work becomes poison. */
  public static final String CRASHER = "Crasher";
  /** Its activity crashes on every delivery, so the activity becomes poison. */
  public static final String POISONED_ACTIVITY = "PoisonedActivity";
  /** Its first turn takes its input (milliseconds) of CPU-bound work, holding a slot. */
  public static final String SLOW_TURN = "SlowTurn";
  /** Arms a {@link FaultPlan} for itself, then does two more steps the faults hit. */
  public static final String FAULT_VICTIM = "FaultVictim";
  /**
   * Two {@link #ECHO}s in one turn: a turn that schedules more than one activity keeps no hold on
   * its instance, so their results go through the worker queue's ack, never handed over in process
   * (the path of a turn with one activity).
   */
  public static final String PAIR = "Pair";
  /**
   * A {@link #SLEEP} of its input (milliseconds) beside an {@link #ECHO}, in one turn: not held
   * (as {@link #PAIR}), so a cancel request reaches it at once while the sleep runs, the
   * instance the workload cancels with its activity running.
   */
  public static final String BUSY_PAIR = "BusyPair";
  /** Called by {@link #MISCONFIGURED}, registered nowhere. */
  public static final String MISSING_ORCHESTRATION = "NoSuchOrchestration";

  /** The external event {@link #AWAIT_EVENT} waits for. */
  public static final String APPROVAL = "approval";
  /** The version {@link #MISCONFIGURED} asks of {@link #HELLO}, which has only version 1. */
  public static final String MISSING_VERSION = "9";

  /**
   * What a {@link #FAULT_VICTIM} arms against itself. The kinds are the paths of
   * {@link Phases#storeFaults()}; the faults hit the victim's own later store calls.
   *
   * @param kind one of {@code ack}, {@code history}, {@code work}, {@code renew},
   *     {@code turn_renew}
   * @param errorType the {@link StoreErrorType#label()} of the injected error
   */
  public record FaultPlan(String kind, String errorType) {}

  private final FaultInjectingStore faults;
  private final Duration turnRenewalSleep;
  private final Duration slowActivity;
  private final Map<String, Integer> revisions = new ConcurrentHashMap<>();
  private final Set<String> armed = ConcurrentHashMap.newKeySet();
  private final Set<String> sleeping = ConcurrentHashMap.newKeySet();
  /** Instances whose {@link #SLEEP} must not end before their cancel request ended them. */
  private final Set<String> cancelling = ConcurrentHashMap.newKeySet();

  /**
   * @param faults the store the fault plans arm
   * @param orchestrationLockTimeout the runtime's instance lock (a slow turn outlives half)
   * @param workerLockTimeout the runtime's worker lock (a slow activity outlives half)
   */
  CatalogueRegistry(FaultInjectingStore faults, Duration orchestrationLockTimeout,
      Duration workerLockTimeout) {
    this.faults = faults;
    this.turnRenewalSleep = orchestrationLockTimeout.multipliedBy(3).dividedBy(4);
    this.slowActivity = workerLockTimeout.multipliedBy(3).dividedBy(4);
  }

  /** The registry. */
  Registry build() {
    RetryPolicy fourAttempts = RetryPolicy.builder(5).fixed(Duration.ofMillis(20)).build();
    RetryPolicy impatient = RetryPolicy.builder(2).fixed(Duration.ofMillis(20))
        .attemptTimeout(Duration.ofMillis(150)).build();
    return Registry.builder()
        .event(APPROVAL)
        .activity(ECHO, ctx -> ctx.input(Object.class))
        .activity(SLEEP, ctx -> {
          sleeping.add(ctx.instanceId());
          Thread.sleep(ctx.input(Long.class));
          // a cancel request on the way: end only once it has ended the instance, so that the
          // result finds its item gone (outcome "cancelled") however late the request is seen
          while (cancelling.contains(ctx.instanceId()) && !ctx.isCancelled()) {
            Thread.sleep(5);
          }
          return null;
        })
        .activity(FAIL, ctx -> {
          throw new IllegalStateException("simulated application failure");
        })
        .activity(FLAKY, ctx -> {
          if (ctx.retryAttempt() < ctx.input(Integer.class)) {
            throw new IllegalStateException("simulated transient failure " + ctx.retryAttempt());
          }
          return ctx.retryAttempt();
        })
        .activity(CRASH, ctx -> {
          // an Error, but not a VirtualMachineError: those stop the whole runtime
          throw new AssertionError("simulated crash of the worker");
        })
        .activity(ARM_FAULTS, ctx -> {
          arm(ctx.instanceId(), ctx.input(FaultPlan.class));
          return null;
        })
        .activity(CHANGE_CODE, ctx -> {
          revisions.put(ctx.instanceId(), 1);
          return null;
        })
        .orchestration(HELLO, ctx -> {
          ctx.logger().info("greeting {}", ctx.inputJson());
          return ctx.callActivity(ECHO, "Hello, " + ctx.inputJson(), String.class).await();
        })
        .orchestration(PAIR, ctx -> {
          DurableTask<String> first = ctx.callActivity(ECHO, "first", String.class);
          DurableTask<String> second = ctx.callActivity(ECHO, "second", String.class);
          return first.await() + " " + second.await();
        })
        .orchestration(BUSY_PAIR, ctx -> {
          DurableTask<Void> sleep = ctx.callActivity(SLEEP, ctx.input(Long.class), Void.class);
          ctx.callActivity(ECHO, "beside", String.class).await();
          return sleep.await();
        })
        .orchestration(CHAIN, ctx -> {
          int steps = ctx.input(Integer.class);
          for (int i = 0; i < steps; i++) {
            ctx.logger().info("chain step {}", i);
            ctx.callActivity(ECHO, i, Integer.class).await();
          }
          return steps;
        })
        .orchestration(FAILING, ctx -> ctx.callActivity(FAIL, null, String.class).await())
        .orchestration(RETRYING, ctx -> ctx.callActivity(FLAKY, 3, Integer.class, fourAttempts)
            .await())
        .orchestration(TIMING_OUT, ctx -> {
          try {
            return ctx.callActivity(SLEEP, 2_000L, Void.class, impatient).await();
          } catch (TaskFailedException e) {
            return "gave up: " + e.details().type();
          }
        })
        .orchestration(AWAIT_EVENT, ctx -> ctx.waitForEvent(APPROVAL, String.class).await())
        .orchestration(TIMER, ctx -> {
          ctx.createTimer(Duration.ofMillis(ctx.input(Long.class))).await();
          return "rang";
        })
        .orchestration(SLOW_ACTIVITY, ctx -> ctx.callActivity(SLEEP, ctx.input(Long.class),
            Void.class).await())
        .orchestration(AWAIT_CHILD, ctx -> ctx.callSubOrchestration(TIMER, null,
            ctx.instanceId() + "-timer", ctx.input(Long.class), String.class).await())
        .orchestration(PARENT, ctx -> {
          var ok = ctx.callSubOrchestration(HELLO, null, ctx.instanceId() + "-ok", "child",
              String.class);
          var bad = ctx.callSubOrchestration(FAILING, null, ctx.instanceId() + "-bad", null,
              String.class);
          ctx.startOrchestration(HELLO, ctx.instanceId() + "-detached", "detached");
          String result = ok.await();
          try {
            bad.await();
          } catch (TaskFailedException e) {
            result += " / child failed: " + e.details().type();
          }
          return result;
        })
        .orchestration(LOOPER, ctx -> {
          int remaining = ctx.input(Integer.class);
          if (remaining > 0) {
            ctx.continueAsNew(remaining - 1);
          }
          return ctx.executionId();
        })
        .orchestration(FICKLE, ctx -> {
          // revision 0 schedules CHANGE_CODE, which switches this instance to revision 1,
          // whose replay of the same history schedules ECHO instead
          String first = revisions.getOrDefault(ctx.instanceId(), 0) == 0 ? CHANGE_CODE : ECHO;
          ctx.callActivity(first, null, Void.class).await();
          return "unreachable: the replay diverges";
        })
        .orchestration(MISCONFIGURED, ctx -> {
          for (String[] call : new String[][] {{MISSING_ORCHESTRATION, null},
              {HELLO, MISSING_VERSION}}) {
            try {
              ctx.callSubOrchestration(call[0], call[1],
                  ctx.instanceId() + "-" + call[0].toLowerCase(Locale.ROOT), null, String.class)
                  .await();
            } catch (TaskFailedException e) {
              ctx.logger().warn("sub-orchestration {} failed: {}", call[0], e.details().kind());
            }
          }
          return ctx.callActivity(MISSING_ACTIVITY, null, String.class).await();
        })
        .orchestration(CRASHER, ctx -> {
          // an Error, but not a VirtualMachineError: those stop the whole runtime
          throw new AssertionError("simulated crash of the turn");
        })
        .orchestration(POISONED_ACTIVITY, ctx -> ctx.callActivity(CRASH, null, String.class)
            .await())
        .orchestration(SLOW_TURN, ctx -> {
          if (!ctx.isReplaying()) {
            Thread.sleep(ctx.input(Long.class)); // stands for a turn that computes a lot
          }
          return ctx.callActivity(ECHO, "done", String.class).await();
        })
        .orchestration(FAULT_VICTIM, this::faultVictim)
        .build();
  }

  /** Waits until a {@link #SLEEP} activity of {@code instanceId} runs; false on timeout. */
  boolean awaitSleeping(String instanceId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!sleeping.contains(instanceId)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  /** Keeps the {@link #SLEEP} of {@code instanceId} running until {@link #cancelled}. */
  void cancelling(String instanceId) {
    cancelling.add(instanceId);
  }

  /** Lets the {@link #SLEEP} of {@code instanceId}, whose instance has ended, finish. */
  void cancelled(String instanceId) {
    cancelling.remove(instanceId);
  }

  /** Children the orchestrations above create for {@code instanceId}, by id. */
  static List<String> childrenOf(String orchestration, String instanceId) {
    return switch (orchestration) {
      case PARENT -> List.of(instanceId + "-ok", instanceId + "-bad", instanceId + "-detached");
      case AWAIT_CHILD -> List.of(instanceId + "-timer");
      case MISCONFIGURED -> List.of(
          instanceId + "-" + MISSING_ORCHESTRATION.toLowerCase(Locale.ROOT),
          instanceId + "-" + HELLO.toLowerCase(Locale.ROOT));
      default -> List.of();
    };
  }

  private Object faultVictim(OrchestrationContext ctx) throws InterruptedException {
    FaultPlan plan = ctx.input(FaultPlan.class);
    if (plan.kind().equals("history")) {
      // a committed history before the faults are armed: a turn chain could otherwise run the
      // arming activity and every turn after it inside the first turn's commit, whose failure
      // leaves no history to read on the next delivery (a timer ends the chain)
      ctx.createTimer(Duration.ofMillis(1)).await();
    }
    DurableTask<Void> arming = ctx.callActivity(ARM_FAULTS, plan, Void.class);
    if (plan.kind().equals("work")) {
      // a second activity in the same turn: no hold, so the arming activity's own result goes
      // through the worker queue's ack, the call its faults target (as in PAIR)
      ctx.callActivity(ECHO, "beside", String.class).await();
    }
    arming.await();
    if (plan.kind().equals("turn_renew") && !ctx.isReplaying()) {
      // a turn longer than half the lock: the dispatcher renews the lock while it runs
      Thread.sleep(turnRenewalSleep.toMillis());
    }
    long sleep = plan.kind().equals("renew") ? slowActivity.toMillis() : 1;
    ctx.callActivity(SLEEP, sleep, Void.class).await();
    return plan.kind() + "/" + plan.errorType();
  }

  /** Arms the plan's faults against the instance's later calls, once per instance. */
  private void arm(String instanceId, FaultPlan plan) {
    if (!armed.add(instanceId)) {
      return; // a redelivery of this activity
    }
    StoreErrorType type = StoreErrorType.valueOf(plan.errorType().toUpperCase(Locale.ROOT));
    java.util.function.Predicate<String> self = instanceId::equals;
    switch (plan.kind()) {
      // the next turn's commit fails once: retried when retryable, else the execution fails
      case "ack" -> faults.inject(InstrumentedStore.ACK_ORCHESTRATION_ITEM, type, 1, self);
      // the next turn's commit fails past its retries, so the turn is abandoned (which fails
      // too, so the lock has to expire) and the next delivery reads the history (which fails)
      case "history" -> {
        faults.inject(InstrumentedStore.ACK_ORCHESTRATION_ITEM, StoreErrorType.DEADLOCK, 6, self);
        faults.inject(InstrumentedStore.ABANDON_ORCHESTRATION_ITEM, type, 1, self);
        faults.inject(InstrumentedStore.READ_HISTORY, type, 1, self);
      }
      // this very activity's result cannot be acked, nor the item abandoned: redelivered later
      case "work" -> {
        faults.inject(InstrumentedStore.ACK_WORK_ITEM, type, 1, self);
        faults.inject(InstrumentedStore.ABANDON_WORK_ITEM, type, 1, self);
      }
      // the next lock renewal (of the slow activity, or of the slow turn) fails
      case "renew", "turn_renew" -> faults.inject(InstrumentedStore.RENEW_LOCK, type, 1, self);
      default -> throw new IllegalArgumentException("unknown fault plan kind " + plan.kind());
    }
  }
}
