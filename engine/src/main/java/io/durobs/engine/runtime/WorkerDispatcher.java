package io.durobs.engine.runtime;

import io.durobs.engine.api.Activity;
import io.durobs.engine.api.ActivityContext;
import io.durobs.engine.api.FailureDetails;
import io.durobs.engine.api.FailureType;
import io.durobs.engine.api.InvalidInputException;
import io.durobs.engine.api.JsonCodec;
import io.durobs.engine.runtime.HistoryEvent.ActivityCompleted;
import io.durobs.engine.runtime.HistoryEvent.ActivityFailed;
import io.durobs.engine.runtime.Messages.ActivityRequest;
import io.durobs.engine.store.LockResult;
import io.durobs.engine.store.StoreException;
import io.durobs.engine.store.WorkAck;
import io.durobs.engine.store.WorkItem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs activities from the worker queue. The handler runs on its own thread while the slot
 * thread renews the lock, enforces the attempt timeout and notices cancellation (the item was
 * deleted because its instance ended: the lock was stolen). The result is acked together with
 * the completion message in one store call.
 */
final class WorkerDispatcher extends Dispatcher<WorkItem> {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerDispatcher.class);
  /**
   * What an ack with nothing to count does with its result: a malformed item is no attempt, and
   * an unregistered activity's attempt is counted as {@code config_error} whatever its ack's fate.
   */
  private static final Consumer<LockResult> UNCOUNTED = r -> { };

  private final DurableRuntime rt;
  private final RuntimeOptions options;
  private final EngineMetrics metrics;
  private final ExecutorService handlers;
  /**
   * The held instances of handed-off items, by worker item id: put before the item reaches its
   * slot, taken by the slot (see {@link HeldInstance}).
   */
  private final Map<Long, HeldInstance> holds = new ConcurrentHashMap<>();
  /** Commits acks while their slots run the next activity (see {@link Pipeline}). */
  private final ExecutorService ackers;
  private final ThreadLocal<Pipeline> pipelines = ThreadLocal.withInitial(Pipeline::new);
  /** Which activities a turn chain may run inline (see {@link #runInline}). */
  private final QuickActivities quick;

  WorkerDispatcher(DurableRuntime rt) {
    super("worker", rt.options().workerConcurrency(), rt.options().minPollInterval(),
        rt.options().maxPollInterval(), rt::onFatalError);
    this.rt = rt;
    this.options = rt.options();
    this.metrics = rt.metrics();
    this.quick = new QuickActivities(options.chainBudget().dividedBy(4));
    AtomicInteger n = new AtomicInteger();
    this.handlers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "durobs-activity-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    AtomicInteger a = new AtomicInteger();
    this.ackers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "durobs-activity-ack-" + a.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  List<WorkItem> fetch(int max) {
    List<WorkItem> items = rt.store().fetchWorkItems(max, options.workerLockTimeout());
    recordFetched(items);
    return items;
  }

  /** The fetch metrics of items fetched by the poller, with an ack, or by a turn's ack. */
  private void recordFetched(List<WorkItem> items) {
    double[] waits = new double[items.size()];
    for (int i = 0; i < waits.length; i++) {
      waits[i] = items.get(i).waitSeconds();
    }
    metrics.fetched("worker", "worker", items.size(), waits);
  }

  @Override
  void onFetchError(StoreException e) {
    // counted by the store decorator; no activity is known yet
  }

  @Override
  void stop(Duration grace) {
    super.stop(grace);
    handlers.shutdownNow();
    ackers.shutdown();
  }

  /**
   * A slot's state for one item: the instance held for its result, until the result is handed
   * on; then the item the slot's ack fetched in its transaction, to process next on that slot.
   */
  private static final class Next {
    HeldInstance held;
    WorkItem item;
  }

  @Override
  WorkItem process(WorkItem item) {
    Next next = new Next();
    next.held = holds.remove(item.id());
    try {
      attempt(item, next);
    } catch (RuntimeException e) {
      // still hand on the next item the ack may have locked
      LOG.error("worker dispatcher: processing failed unexpectedly", e);
    } finally {
      if (next.held != null) {
        // no result to hand on (the attempt crashed, was cancelled, or the runtime stops)
        release(next.held);
      }
    }
    if (next.item == null) {
      // a slot goes idle with no ack in flight and nothing fetched ahead
      Pipeline p = pipelines.get();
      join(p);
      next.item = p.takeAhead();
    }
    return next.item;
  }

  private void attempt(WorkItem item, Next next) {
    ActivityRequest request;
    try {
      request = Messages.decode(item.payload(), ActivityRequest.class);
    } catch (IllegalArgumentException e) {
      LOG.error("malformed worker item {}: {}", item.id(), e.getMessage());
      ack(item, item.activityName(), new ActivityFailed(item.taskId(), new FailureDetails(
          FailureType.CONFIGURATION, "malformed_work_item", e.getMessage())), next, UNCOUNTED);
      return;
    }
    MDC.put("instance_id", item.instanceId());
    MDC.put("execution_id", Long.toString(item.executionId()));
    MDC.put("orchestration_name", String.valueOf(request.orchestrationName()));
    MDC.put("activity_name", request.name());
    try {
      run(item, request, next);
    } finally {
      MDC.remove("instance_id");
      MDC.remove("execution_id");
      MDC.remove("orchestration_name");
      MDC.remove("activity_name");
    }
  }

  private void run(WorkItem item, ActivityRequest request, Next next) {
    String name = request.name();
    if (item.attemptCount() > options.maxAttempts()) {
      LOG.error("activity delivered {} times (limit {}): failing it as poison",
          item.attemptCount(), options.maxAttempts());
      ack(item, name, new ActivityFailed(item.taskId(), new FailureDetails(FailureType.POISON,
          "activity", "activity '" + name + "' was delivered " + item.attemptCount()
              + " times; the limit is " + options.maxAttempts())), next, acked -> {
                if (acked == LockResult.OK) {
                  metrics.activityPoison(name);
                }
              });
      return;
    }
    Activity activity = rt.registry().activity(name).orElse(null);
    if (activity == null) {
      LOG.error("activity '{}' is not registered in this engine", name);
      metrics.activityConfigurationError(name);
      ack(item, name, new ActivityFailed(item.taskId(), new FailureDetails(
          FailureType.CONFIGURATION, "unregistered_activity",
          "activity '" + name + "' is not registered in the engine that ran it")), next,
          UNCOUNTED);
      metrics.activityAttempt(name, "config_error", request.retryAttempt(), 0);
      return;
    }
    Context ctx = new Context(item, request);
    long started = System.nanoTime();
    Future<Object> future = handlers.submit(() -> {
      MDC.put("instance_id", item.instanceId());
      MDC.put("execution_id", Long.toString(item.executionId()));
      MDC.put("orchestration_name", String.valueOf(request.orchestrationName()));
      MDC.put("activity_name", name);
      try {
        return activity.run(ctx);
      } finally {
        MDC.clear();
      }
    });
    if (next.held == null) {
      fetchAhead(pipelines.get());
    }
    long deadline = request.timeoutMillis() == null ? Long.MAX_VALUE
        : started + TimeUnit.MILLISECONDS.toNanos(request.timeoutMillis());
    long renewEvery = TimeUnit.MILLISECONDS.toNanos(
        Math.max(1, options.workerLockTimeout().toMillis() / 2));
    HistoryEvent completion;
    String outcome;
    while (true) {
      long now = System.nanoTime();
      long wait = Math.min(renewEvery, deadline - now);
      try {
        Attempt returned = returned(item, future.get(Math.max(0, wait), TimeUnit.NANOSECONDS));
        completion = returned.completion();
        outcome = returned.outcome();
        break;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception ex) {
          LOG.warn("activity attempt {} failed: {}", request.retryAttempt(), ex.toString());
          completion = failed(item, ex);
          outcome = "app_error";
          break;
        }
        if (FatalErrorHandler.isFatal(cause)) {
          // the JVM is failing, not the activity: the dispatcher stops the runtime
          throw (Error) cause;
        }
        // an Error is a crash of the attempt, not an application outcome: deliver it again
        // later, and let the attempt limit turn a handler that always crashes into poison
        LOG.error("activity crashed; it will be delivered again", cause);
        quick.slow(name);
        metrics.activityAttempt(name, "infra_error", request.retryAttempt(), elapsed(started));
        abandon(item, name, options.retryDelay().multipliedBy(item.attemptCount()));
        return;
      } catch (TimeoutException e) {
        if (System.nanoTime() >= deadline) {
          ctx.cancelled = true;
          future.cancel(true);
          LOG.warn("activity attempt {} timed out after {} ms", request.retryAttempt(),
              request.timeoutMillis());
          completion = timedOut(item, request);
          outcome = "timeout";
          break;
        }
        pipelines.get().renewAhead();
        LockResult renewed;
        try {
          renewed = rt.store().renewWorkItemLock(item, options.workerLockTimeout());
        } catch (StoreException se) {
          metrics.activityInfrastructureError(name);
          StoreFailures.log(LOG, se, "renewing the activity lock failed: {}", se.getMessage());
          continue;
        }
        if (renewed != LockResult.OK) {
          ctx.cancelled = true;
          future.cancel(true);
          if (renewed == LockResult.GONE) {
            LOG.info("activity cancelled: its orchestration ended");
            metrics.activityAttempt(name, "cancelled", request.retryAttempt(), elapsed(started));
          } else {
            LOG.warn("activity lock lost to another worker; abandoning this attempt");
            metrics.activityInfrastructureError(name);
            metrics.activityAttempt(name, "infra_error", request.retryAttempt(),
                elapsed(started));
          }
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ctx.cancelled = true;
        future.cancel(true);
        return; // shutting down: the lock expires and another worker runs the attempt
      }
    }
    double seconds = elapsed(started);
    if (outcome.equals("timeout")) {
      quick.slow(name);
    } else {
      quick.ended(name, System.nanoTime() - started);
    }
    String succeeded = outcome;
    ackAhead(item, name, completion, next, acked -> metrics.activityAttempt(name,
        acked == LockResult.GONE ? "cancelled" : acked == LockResult.OK ? succeeded
            : "infra_error", request.retryAttempt(), seconds));
  }

  /**
   * Acks as {@link #ack} does, but when the slot has an item fetched ahead it starts that item
   * at once and commits this ack meanwhile, on another thread: the slot's next activity does not
   * wait for a commit. {@code then} gets the ack's result when known (at the latest when the slot
   * finishes its next item).
   */
  private void ackAhead(WorkItem item, String name, HistoryEvent completion, Next next,
      Consumer<LockResult> then) {
    Pipeline p = pipelines.get();
    join(p);
    WorkItem ahead = next.held == null ? p.takeAhead() : null;
    if (ahead == null) {
      ack(item, name, completion, next, then);
      return;
    }
    String payload = Messages.encodeEvent(completion);
    Duration nextLock = fetchesNext() ? options.workerLockTimeout() : null;
    // the item the ack fetches is locked no earlier than now: its lock's age counts from here
    long sentAt = System.nanoTime();
    p.inFlight = new InFlight(ackers.submit(() -> rt.store().ackWorkItemAndFetch(item,
        completion.typeName(), payload, nextLock)), sentAt, item, name, then);
    next.item = ahead;
  }

  /**
   * Fetches the slot's item after this one while this one's activity runs, when work is queued
   * and neither an ack in flight nor an earlier fetch will bring one: from then on each ack
   * fetches the item after the next.
   */
  private void fetchAhead(Pipeline p) {
    if (p.ahead != null || p.inFlight != null || !backlogged() || !fetchesNext()) {
      return;
    }
    try {
      long fetchedAt = System.nanoTime();
      List<WorkItem> items = rt.store().fetchWorkItems(1, options.workerLockTimeout());
      p.keepAhead(items.isEmpty() ? null : items.get(0), fetchedAt);
    } catch (StoreException e) {
      // counted by the store decorator; the slot goes on without an item ahead
    }
  }

  /** Waits for the slot's ack in flight, reports it, and keeps the item it fetched ahead. */
  private void join(Pipeline p) {
    InFlight a = p.inFlight;
    if (a == null) {
      return;
    }
    p.inFlight = null;
    boolean interrupted = false;
    LockResult result;
    while (true) {
      try {
        WorkAck ack = a.ack.get();
        p.keepAhead(ack.next().orElse(null), a.sentAt);
        result = reported(ack.result(), a.name);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the commit goes on regardless: its result is still to be told
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof StoreException se)) {
          throw new IllegalStateException("acking the activity failed", e.getCause());
        }
        result = failedAck(a.item, a.name, se);
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    a.then.accept(result);
  }

  /** A slot's items besides the one it runs: an ack in flight, and an item fetched ahead. */
  private final class Pipeline {
    InFlight inFlight;
    WorkItem ahead;
    long aheadSince;
    /** When the lock of {@link #ahead} was taken or last renewed. */
    long aheadLockedAt;

    /**
     * Keeps an item fetched ahead: counted as fetched now, its queue wait recorded when it starts
     * (the wait is schedule-to-start: its time behind this slot's activity is part of it). Its
     * lock is taken to date from {@code lockedAt}, when its fetch was sent: an item an ack fetched
     * may have waited in that ack's result for a while, and its lock ran down meanwhile.
     */
    void keepAhead(WorkItem item, long lockedAt) {
      ahead = item;
      aheadSince = System.nanoTime();
      aheadLockedAt = lockedAt;
      if (item != null) {
        metrics.fetched("worker", "worker", 1, new double[0]);
      }
    }

    /**
     * The item fetched ahead, its lock renewed first when it waited half its lock time (behind
     * a long activity); null when there is none, its lock was lost, or the runtime stops (the
     * item is then released at once).
     */
    WorkItem takeAhead() {
      WorkItem item = ahead;
      ahead = null;
      if (item != null && !isRunning()) {
        abandon(item, item.activityName(), Duration.ZERO); // stopping: another worker takes it
        return null;
      }
      if (item == null) {
        return null;
      }
      long behind = System.nanoTime() - aheadSince;
      metrics.fetched("worker", "worker", 0, new double[] {item.waitSeconds() + behind / 1e9});
      if (System.nanoTime() - aheadLockedAt < options.workerLockTimeout().toNanos() / 2) {
        return item;
      }
      try {
        return rt.store().renewWorkItemLock(item, options.workerLockTimeout()) == LockResult.OK
            ? item : null;
      } catch (StoreException e) {
        StoreFailures.log(LOG, e, "renewing the lock of a worker item fetched ahead failed (it "
            + "will be delivered again): {}", e.getMessage());
        return null;
      }
    }

    /**
     * Renews the lock of the item fetched ahead, with the lock of the activity this slot runs:
     * behind an activity longer than the lock it would expire, and another worker would fetch it
     * again (one more delivery toward the poison limit each time). A lost one is let go.
     */
    void renewAhead() {
      if (inFlight != null && inFlight.ack().isDone()) {
        // the ack committed while the activity runs: the item it fetched is now this slot's to
        // renew (left in the ack's result, its lock would expire behind a long activity)
        join(this);
      }
      WorkItem item = ahead;
      if (item == null) {
        return;
      }
      try {
        if (rt.store().renewWorkItemLock(item, options.workerLockTimeout()) == LockResult.OK) {
          aheadLockedAt = System.nanoTime();
        } else {
          ahead = null; // another worker has it, or its instance ended
        }
      } catch (StoreException e) {
        StoreFailures.log(LOG, e, "renewing the lock of a worker item fetched ahead failed (it "
            + "will be renewed again, or delivered again): {}", e.getMessage());
      }
    }
  }

  /** An ack committing on another thread, and what to do with its result. */
  private record InFlight(Future<WorkAck> ack, long sentAt, WorkItem item, String name,
      Consumer<LockResult> then) {}

  /** An attempt's completion event and its outcome label. */
  private record Attempt(HistoryEvent completion, String outcome) {}

  /** What an attempt that returned {@code result} completes with: its result, if it fits. */
  private Attempt returned(WorkItem item, Object result) {
    String what = "result of activity '" + item.activityName() + "'";
    try {
      return new Attempt(new ActivityCompleted(item.taskId(),
          options.payloadLimit().check(JsonCodec.encode(result, what), what)), "success");
    } catch (InvalidInputException e) {
      return new Attempt(failed(item, e), "app_error");
    }
  }

  private static ActivityFailed timedOut(WorkItem item, ActivityRequest request) {
    return new ActivityFailed(item.taskId(), new FailureDetails(FailureType.TIMEOUT, "timeout",
        "activity '" + request.name() + "' attempt " + request.retryAttempt()
            + " exceeded its timeout of " + request.timeoutMillis() + " ms"));
  }

  private ActivityFailed failed(WorkItem item, Exception e) {
    return new ActivityFailed(item.taskId(), new FailureDetails(FailureType.APPLICATION,
        e.getClass().getName(), options.payloadLimit().truncate(String.valueOf(e.getMessage()))));
  }

  private static double elapsed(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * Acks with the completion; a lost lock or store failure is an infrastructure error. The
   * slot's next item is fetched in the ack's transaction (into {@code next}). {@code settled}
   * gets the ack's result: at once, or, for a result handed to its held instance's next turn,
   * when that turn has committed it or sent it through the queue (so an instance cancelled
   * meanwhile makes it {@link LockResult#GONE}, as it would through the queue).
   */
  private void ack(WorkItem item, String name, HistoryEvent completion, Next next,
      Consumer<LockResult> settled) {
    Pipeline p = pipelines.get();
    join(p);
    WorkItem ahead = p.takeAhead();
    // the slot goes on with an item fetched ahead, if it has one; else its ack fetches the next
    ack(item, name, completion, next, ahead == null && fetchesNext(), settled);
    if (ahead != null) {
      next.item = ahead;
    }
  }

  private void ack(WorkItem item, String name, HistoryEvent completion, Next next,
      boolean fetchNext, Consumer<LockResult> settled) {
    HeldInstance held = next.held;
    next.held = null;
    if (held != null && rt.orchestrations().continueWith(held, item, completion, settled)) {
      return; // the next turn commits the result and deletes the item
    }
    LockResult result;
    try {
      String payload = Messages.encodeEvent(completion);
      Duration nextLock = fetchNext ? options.workerLockTimeout() : null;
      WorkAck ack = held == null
          ? rt.store().ackWorkItemAndFetch(item, completion.typeName(), payload, nextLock)
          : rt.store().ackWorkItemAndRelease(item, completion.typeName(), payload, nextLock,
              held.lockToken());
      next.item = ack.next().orElse(null);
      if (next.item != null) {
        recordFetched(List.of(next.item));
      }
      result = reported(ack.result(), name);
    } catch (StoreException e) {
      if (held != null) {
        release(held);
      }
      result = failedAck(item, name, e);
    }
    settled.accept(result);
  }

  /** Tells what an ack's result means: orchestrations to wake, or a result discarded. */
  private LockResult reported(LockResult r, String name) {
    if (r == LockResult.OK) {
      rt.wakeOrchestrations();
    } else if (r == LockResult.LOCK_LOST) {
      metrics.activityInfrastructureError(name);
      LOG.warn("activity result discarded: the lock was lost to another worker");
    } else {
      LOG.info("activity result discarded: its orchestration ended");
    }
    return r;
  }

  /** An ack the store failed: an infrastructure error, and the item is delivered again. */
  private LockResult failedAck(WorkItem item, String name, StoreException e) {
    metrics.activityInfrastructureError(name);
    StoreFailures.log(LOG, e, "acking the activity failed (it will be delivered again): {}",
        e.getMessage());
    abandon(item, name, Duration.ZERO);
    return LockResult.LOCK_LOST;
  }

  /**
   * Runs worker items a turn of this process locked for it (see {@link #tryReserve}); with
   * {@code held}, the turn's instance is held for the one item's result.
   */
  void handOff(List<WorkItem> items, HeldInstance held) {
    recordFetched(items);
    if (held != null) {
      holds.put(items.get(0).id(), held);
    }
    items.forEach(this::runReserved);
  }

  /**
   * Runs {@code request}, the one activity a turn just scheduled and waits on, at once on the
   * calling thread (the turn's orchestration slot), with a worker slot taken for it: a step of a
   * turn chain ({@link DurableRuntime.Builder#chainBudget}). Only an activity registered here
   * whose recent attempts were all quick ({@link QuickActivities}) runs so, and only while a
   * worker slot is idle beyond the poller's. Its attempt is counted as a worker's is, fetched
   * with no queue wait; its deadline, when it has one, is kept on the handler pool's thread.
   *
   * @return its completion, or null when it did not run to an outcome here (no idle slot, not
   *     quick, stopping, or the attempt crashed): the turn then schedules it through the queue
   */
  HistoryEvent runInline(String instanceId, long executionId, int taskId,
      ActivityRequest request) {
    String name = request.name();
    Activity activity = quick.isQuick(name) ? rt.registry().activity(name).orElse(null) : null;
    if (activity == null || tryReserve(1) == 0) {
      return null;
    }
    WorkItem item = new WorkItem(0, null, instanceId, executionId, taskId, name, null, 1, 0);
    Context ctx = new Context(item, request);
    metrics.fetched("worker", "worker", 1, new double[] {0});
    MDC.put("activity_name", name);
    long started = System.nanoTime();
    try {
      Object result = request.timeoutMillis() == null ? activity.run(ctx)
          : withDeadline(activity, ctx, request);
      if (result == TIMED_OUT) {
        quick.slow(name);
        metrics.activityAttempt(name, "timeout", request.retryAttempt(), elapsed(started));
        return timedOut(item, request);
      }
      Attempt returned = returned(item, result);
      return attempted(name, request, started, returned.completion(), returned.outcome());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null; // stopping: the turn commits what it has and the queue runs the activity
    } catch (ExecutionException e) {
      return inlineFailure(name, request, started, item, e.getCause());
    } catch (Exception | Error e) {
      return inlineFailure(name, request, started, item, e);
    } finally {
      MDC.remove("activity_name");
      unreserve(1);
    }
  }

  /** Marks a deadline that passed, where {@link #withDeadline} returns a result. */
  private static final Object TIMED_OUT = new Object();

  /** Runs {@code activity} on a handler thread, waiting at most the request's timeout for it. */
  private Object withDeadline(Activity activity, Context ctx, ActivityRequest request)
      throws InterruptedException, ExecutionException {
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    Future<Object> future = handlers.submit(() -> {
      if (mdc != null) {
        MDC.setContextMap(mdc);
      }
      try {
        return activity.run(ctx);
      } finally {
        MDC.clear();
      }
    });
    try {
      return future.get(request.timeoutMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      ctx.cancelled = true;
      future.cancel(true);
      LOG.warn("activity attempt {} timed out after {} ms", request.retryAttempt(),
          request.timeoutMillis());
      return TIMED_OUT;
    } catch (InterruptedException e) {
      ctx.cancelled = true;
      future.cancel(true);
      throw e;
    }
  }

  /** An inline attempt that threw: an application failure, or a crash left to the queue. */
  private HistoryEvent inlineFailure(String name, ActivityRequest request, long started,
      WorkItem item, Throwable thrown) {
    if (thrown instanceof Exception ex) {
      LOG.warn("activity attempt {} failed: {}", request.retryAttempt(), ex.toString());
      return attempted(name, request, started, failed(item, ex), "app_error");
    }
    if (FatalErrorHandler.isFatal(thrown)) {
      throw (Error) thrown; // the JVM is failing: the dispatcher stops the runtime
    }
    LOG.error("activity crashed; it will be delivered again", thrown);
    quick.slow(name);
    metrics.activityAttempt(name, "infra_error", request.retryAttempt(), elapsed(started));
    return null;
  }

  /** Counts an inline attempt that ended with {@code completion}. */
  private HistoryEvent attempted(String name, ActivityRequest request, long started,
      HistoryEvent completion, String outcome) {
    quick.ended(name, System.nanoTime() - started);
    metrics.activityAttempt(name, outcome, request.retryAttempt(), elapsed(started));
    return completion;
  }

  /**
   * Acks {@code item} with {@code completion} through the queue and releases its instance's
   * lock {@code instanceLock}: for a result handed to a held instance's next turn that did not
   * commit it. A failure leaves both locks to expire, and the activity runs again.
   *
   * @return the ack's result, {@link LockResult#LOCK_LOST} when it failed
   */
  LockResult ackThroughQueue(WorkItem item, HistoryEvent completion, UUID instanceLock) {
    try {
      return reported(rt.store().ackWorkItemAndRelease(item, completion.typeName(),
          Messages.encodeEvent(completion), null, instanceLock).result(), item.activityName());
    } catch (StoreException e) {
      metrics.activityInfrastructureError(item.activityName());
      StoreFailures.log(LOG, e, "enqueueing the result of activity '{}' failed (it will be "
          + "delivered again): {}", item.activityName(), e.getMessage());
      return LockResult.LOCK_LOST;
    }
  }

  /** Releases an instance held for a result that never came. */
  private void release(HeldInstance held) {
    rt.orchestrations().release(held.instance().instanceId(), held.lockToken());
  }

  private void abandon(WorkItem item, String name, Duration delay) {
    try {
      rt.store().abandonWorkItem(item, delay);
    } catch (StoreException e) {
      metrics.activityInfrastructureError(name);
      StoreFailures.log(LOG, e, "abandoning the activity failed (its lock will expire): {}",
          e.getMessage());
    }
  }

  /** The activity's view of its invocation. */
  private static final class Context implements ActivityContext {
    private final WorkItem item;
    private final ActivityRequest request;
    volatile boolean cancelled;

    Context(WorkItem item, ActivityRequest request) {
      this.item = item;
      this.request = request;
    }

    @Override
    public String instanceId() {
      return item.instanceId();
    }

    @Override
    public long executionId() {
      return item.executionId();
    }

    @Override
    public String activityName() {
      return request.name();
    }

    @Override
    public int taskId() {
      return item.taskId();
    }

    @Override
    public int retryAttempt() {
      return request.retryAttempt();
    }

    @Override
    public int deliveryCount() {
      return item.attemptCount();
    }

    @Override
    public <T> T input(Class<T> type) {
      return JsonCodec.decode(request.input(), type,
          "input of activity '" + request.name() + "'");
    }

    @Override
    public String inputJson() {
      return request.input();
    }

    @Override
    public boolean isCancelled() {
      return cancelled || Thread.currentThread().isInterrupted();
    }
  }
}
