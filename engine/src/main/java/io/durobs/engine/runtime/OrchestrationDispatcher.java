package io.durobs.engine.runtime;

import io.durobs.engine.api.FailureDetails;
import io.durobs.engine.api.FailureType;
import io.durobs.engine.api.JsonCodec;
import io.durobs.engine.api.Orchestration;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.runtime.EngineMetrics.EndStatus;
import io.durobs.engine.runtime.HistoryEvent.ActivityCompleted;
import io.durobs.engine.runtime.HistoryEvent.ActivityFailed;
import io.durobs.engine.runtime.HistoryEvent.ActivityScheduled;
import io.durobs.engine.runtime.HistoryEvent.DetachedStarted;
import io.durobs.engine.runtime.HistoryEvent.ExecutionStarted;
import io.durobs.engine.runtime.HistoryEvent.SubOrchestrationCompleted;
import io.durobs.engine.runtime.HistoryEvent.SubOrchestrationFailed;
import io.durobs.engine.runtime.HistoryEvent.SubOrchestrationScheduled;
import io.durobs.engine.runtime.HistoryEvent.TimerCreated;
import io.durobs.engine.runtime.HistoryEvent.TimerFired;
import io.durobs.engine.runtime.HistoryEvent.TurnStarted;
import io.durobs.engine.runtime.Messages.ActivityRequest;
import io.durobs.engine.runtime.Messages.CancelRequest;
import io.durobs.engine.runtime.Messages.StartExecution;
import io.durobs.engine.runtime.ReplayExecutor.Outcome;
import io.durobs.engine.store.Claim;
import io.durobs.engine.store.HistoryRow;
import io.durobs.engine.store.InstanceRecord;
import io.durobs.engine.store.InstrumentedStore;
import io.durobs.engine.store.LockResult;
import io.durobs.engine.store.NewInstance;
import io.durobs.engine.store.NewWorkItem;
import io.durobs.engine.store.OrchestrationAck;
import io.durobs.engine.store.OrchestrationItem;
import io.durobs.engine.store.OutboundMessage;
import io.durobs.engine.store.QueuedMessage;
import io.durobs.engine.store.StoreException;
import io.durobs.engine.store.TurnCommit;
import io.durobs.engine.store.WaitState;
import io.durobs.engine.store.WorkItem;
import io.durobs.engine.telemetry.EngineInstruments;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs orchestration turns: fetch one instance with all its pending messages under a peek-lock,
 * replay its code, and commit the result in one store transaction. Poison, nondeterminism,
 * unregistered names and cancellation are decided here, before or instead of user code.
 */
final class OrchestrationDispatcher extends Dispatcher<OrchestrationDispatcher.Due> {

  private static final Logger LOG = LoggerFactory.getLogger(OrchestrationDispatcher.class);
  private static final Logger USER_LOG = LoggerFactory.getLogger("io.durobs.orchestration");
  private static final int MAX_ACK_RETRIES = 5;
  /** The most turns one commit of a turn chain holds, whatever its budget of time. */
  private static final int MAX_CHAIN_TURNS = 64;

  private final DurableRuntime rt;
  private final RuntimeOptions options;
  private final EngineMetrics metrics;

  OrchestrationDispatcher(DurableRuntime rt) {
    super("orchestration", rt.options().orchestrationConcurrency(),
        rt.options().minPollInterval(), rt.options().maxPollInterval(), rt::onFatalError);
    this.rt = rt;
    this.options = rt.options();
    this.metrics = rt.metrics();
  }

  /**
   * What a turn runs on: a fetched item, or a held instance with the result of the activity this
   * process ran for it ({@code consumedWork} and {@code result}, handed over at
   * {@code handedNanos}; {@code settled} learns that result's fate).
   */
  record Due(OrchestrationItem fetched, HeldInstance held, WorkItem consumedWork,
      HistoryEvent result, long handedNanos, Consumer<LockResult> settled) {

    static Due fetched(OrchestrationItem item) {
      return new Due(item, null, null, null, 0, r -> { });
    }

    /** The turn's item; a held instance's is made when its turn starts, for the turn's time. */
    OrchestrationItem item() {
      return held == null ? fetched : held.nextItem();
    }
  }

  /**
   * Runs the next turn of a held instance with {@code result}, the outcome of {@code work}, on
   * the next free slot, before fetched work.
   *
   * @param settled gets the result's fate once, as a worker's ack would have told it:
   *     {@link LockResult#OK} when the turn committed it, else what sending it through the queue
   *     gave ({@link LockResult#GONE} when the instance ended meanwhile, as a cancel does)
   * @return false while stopping (nothing happened: the caller sends the result through the
   *     queue and releases the instance)
   */
  boolean continueWith(HeldInstance held, WorkItem work, HistoryEvent result,
      Consumer<LockResult> settled) {
    return runLocally(new Due(null, held, work, result, System.nanoTime(), settled));
  }

  /**
   * Renews the worker item locks of the results handed over in process that still wait for a
   * slot (run every quarter of a worker lock: a result is handed over with as little as half a
   * lock left, as its slot renews every half). Behind busy slots the wait can outlast the lock,
   * and another worker would run the activity again (the result here then discarded). A lost
   * lock is left to the turn, which then sends its result through the queue and learns it.
   */
  void renewQueuedHandOffs() {
    forEachQueued(due -> {
      if (due.consumedWork() == null) {
        return;
      }
      try {
        rt.store().renewWorkItemLock(due.consumedWork(), options.workerLockTimeout());
      } catch (StoreException e) {
        StoreFailures.log(LOG, e, "renewing the lock of a result waiting for a slot failed (it "
            + "is renewed again, or its activity delivered again): {}", e.getMessage());
      } catch (RuntimeException e) {
        // a scheduled task that throws is never run again: log, and renew at the next tick
        LOG.warn("renewing the lock of a result waiting for a slot failed", e);
      }
    });
  }

  /**
   * Releases an instance held for a turn that will not run here (its lock, without counting a
   * delivery); a failure leaves the lock to expire.
   */
  void release(String instanceId, UUID lockToken) {
    try {
      rt.store().abandonOrchestrationItem(instanceId, lockToken, Duration.ZERO, false);
    } catch (StoreException e) {
      StoreFailures.log(LOG, e, "releasing instance {} failed (its lock will expire): {}",
          instanceId, e.getMessage());
    }
  }

  /** Stopped before its turn: the result goes through the queue, for whoever runs on. */
  @Override
  void notRun(Due due) {
    if (due.consumedWork() != null) {
      due.settled().accept(rt.workers().ackThroughQueue(due.consumedWork(), due.result(),
          due.held().lockToken()));
    }
  }

  @Override
  List<Due> fetch(int max) {
    List<Due> items = new ArrayList<>(max);
    for (int i = 0; i < max; i++) {
      Optional<OrchestrationItem> item =
          rt.store().fetchOrchestrationItem(options.orchestrationLockTimeout());
      if (item.isEmpty()) {
        break;
      }
      recordFetched(item.get());
      items.add(Due.fetched(item.get()));
    }
    return items;
  }

  /**
   * Runs the first turn of an instance this process's client created locked for it
   * ({@link io.durobs.engine.store.Store#createInstanceLocked}), on a slot
   * {@link #tryReserve} took for it; counted as fetched, with no queue wait.
   */
  void runStarted(OrchestrationItem item) {
    recordFetched(item);
    runReserved(Due.fetched(item));
  }

  /** The fetch metrics of one item, fetched by the poller, with a turn's ack or at its start. */
  private void recordFetched(OrchestrationItem item) {
    List<QueuedMessage> msgs = item.messages();
    double[] waits = new double[msgs.size()];
    for (int m = 0; m < waits.length; m++) {
      waits[m] = msgs.get(m).waitSeconds();
    }
    metrics.fetched("orchestration", "orchestrator", msgs.size(), waits);
  }

  @Override
  void onFetchError(StoreException e) {
    // the instance is unknown when the fetch itself fails
    metrics.turnInfrastructureError(null, InstrumentedStore.FETCH_ORCHESTRATION_ITEM);
  }

  @Override
  Due process(Due due) {
    OrchestrationItem item = due.item();
    if (due.result() != null) {
      // handed over in process: taken at once, with no queue wait but the hand-over's
      metrics.fetched("orchestration", "orchestrator", 1,
          new double[] {(System.nanoTime() - due.handedNanos()) / 1e9});
    }
    long renewEvery = Math.max(1, options.orchestrationLockTimeout().toMillis() / 2);
    ScheduledFuture<?> renewal = rt.scheduler().scheduleAtFixedRate(() -> renew(item),
        renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    Turn turn = new Turn(item, due);
    try {
      withInstanceMdc(item.instance(), turn::run);
    } catch (RuntimeException e) {
      // still hand on the next item the turn's ack may have locked
      LOG.error("orchestration dispatcher: processing failed unexpectedly", e);
    } finally {
      renewal.cancel(false);
    }
    if (turn.next == null) {
      return null;
    }
    recordFetched(turn.next);
    return Due.fetched(turn.next);
  }

  /** Runs {@code body} with the MDC keys every record about an orchestration carries. */
  private static void withInstanceMdc(InstanceRecord inst, Runnable body) {
    MDC.put("instance_id", inst.instanceId());
    MDC.put("execution_id", Long.toString(inst.executionId()));
    MDC.put("orchestration_name", inst.orchestrationName());
    try {
      body.run();
    } finally {
      MDC.remove("instance_id");
      MDC.remove("execution_id");
      MDC.remove("orchestration_name");
    }
  }

  private void renew(OrchestrationItem item) {
    InstanceRecord inst = item.instance();
    withInstanceMdc(inst, () -> {
      try {
        if (!rt.store().renewOrchestrationLock(inst.instanceId(), item.lockToken(),
            options.orchestrationLockTimeout())) {
          LOG.warn("lost the lock of instance {} during a long turn", inst.instanceId());
        }
      } catch (StoreException e) {
        metrics.turnInfrastructureError(inst.orchestrationName(), InstrumentedStore.RENEW_LOCK);
        StoreFailures.log(LOG, e, "renewing the lock of instance {} failed: {}",
            inst.instanceId(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("renewing the lock of instance {} failed", inst.instanceId(), e);
      }
    });
  }

  /** One turn of one instance. */
  private final class Turn {
    private final OrchestrationItem item;
    /** The worker item whose result this turn got in process, else null. */
    private final WorkItem consumedWork;
    private final HistoryEvent inProcessResult;
    /** Learns the fate of {@link #inProcessResult}: committed, or what the queue made of it. */
    private final Consumer<LockResult> settled;
    private final InstanceRecord inst;
    private final String name;
    private StartExecution start;
    private CancelRequest cancel;
    private final List<HistoryEvent> delivered = new ArrayList<>();
    private List<HistoryEvent> past;
    private final List<HistoryEvent> fresh = new ArrayList<>();
    /**
     * The events of this chain's earlier turns, run but not committed (see {@link #chainsOn}):
     * committed with the current turn's.
     */
    private final List<HistoryEvent> chained = new ArrayList<>();
    /** The characters of the chained activities' inputs and results. */
    private long chainedChars;
    private final long startedNanos = System.nanoTime();
    /** The next item, locked by this turn's ack in the same transaction; null if none. */
    private OrchestrationItem next;
    /** Worker items this turn's ack locked for this process's worker slots. */
    private List<WorkItem> claimed = List.of();
    /** Whether the ack was asked to, and did, keep the instance locked for that result. */
    private boolean holdAsked;
    private boolean held;

    Turn(OrchestrationItem item, Due due) {
      this.item = item;
      this.consumedWork = due.consumedWork();
      this.inProcessResult = due.result();
      this.settled = due.settled();
      this.inst = item.instance();
      this.name = inst.orchestrationName();
    }

    void run() {
      if (inst.state().isTerminal()) {
        // messages for an ended instance (late events, timers, cancels) are dropped
        commitOrAbandon(consumeOnly(), null, null, null);
        return;
      }
      int maxAttempt = 0;
      for (QueuedMessage m : item.messages()) {
        maxAttempt = Math.max(maxAttempt, m.attemptCount());
        if (m.executionId() != null && m.executionId() != inst.executionId()) {
          continue; // addressed to an execution that already ended
        }
        try {
          switch (m.kind()) {
            case Messages.EXECUTION_STARTED -> start = Messages.decode(m.payload(),
                StartExecution.class);
            case Messages.CANCEL_REQUESTED -> cancel = Messages.decode(m.payload(),
                CancelRequest.class);
            default -> delivered.add(Messages.decodeEvent(m.payload()));
          }
        } catch (IllegalArgumentException e) {
          LOG.error("dropping malformed {} message {}: {}", m.kind(), m.id(), e.getMessage());
        }
      }
      if (inProcessResult != null) {
        delivered.add(inProcessResult);
      }
      if (maxAttempt > options.maxAttempts()) {
        endWithoutReplay(new FailureDetails(FailureType.POISON, "orchestration",
            "orchestration work was delivered " + maxAttempt + " times; the limit is "
                + options.maxAttempts()));
        return;
      }
      try {
        past = loadHistory();
      } catch (StoreException e) {
        metrics.turnInfrastructureError(name, InstrumentedStore.READ_HISTORY);
        StoreFailures.log(LOG, e, "reading the history of {} failed: {}", inst.instanceId(),
            e.getMessage());
        abandon(options.retryDelay());
        return;
      }
      if (past.isEmpty() && start == null) {
        LOG.warn("instance {} has messages but its execution {} never started; dropping them",
            inst.instanceId(), inst.executionId());
        commitOrAbandon(consumeOnly(), null, null, null);
        return;
      }
      buildFreshEvents();
      if (cancel == null && fresh.size() == 1) {
        // only stale or duplicate messages: nothing for the code to see, so no turn
        commitOrAbandon(consumeOnly(), null, null, null);
        return;
      }
      if (cancel != null) {
        end(new Outcome.Failed(null), null, cancel.reason() == null ? "" : cancel.reason());
        return;
      }
      var orchestration = rt.registry().orchestration(name, inst.orchestrationVersion());
      if (orchestration.isEmpty()) {
        boolean known = rt.registry().hasOrchestration(name);
        end(new Outcome.Failed(new FailureDetails(FailureType.CONFIGURATION,
            known ? "version_not_found" : "unregistered_orchestration",
            known ? "orchestration '" + name + "' has no registered version "
                + inst.orchestrationVersion()
                : "orchestration '" + name + "' is not registered in this engine")), null, null);
        return;
      }
      runChain(orchestration.get(), maxAttempt);
    }

    /**
     * Replays the code and commits its outcome; while the code waits on one quick activity
     * alone, runs that activity and the next turn first ({@link #chainsOn}), and commits their
     * turns together. The chain's counters are added once it ends, each series once: its
     * activities count the same attempt and fetch series turn after turn.
     */
    private void runChain(Orchestration orchestration, int maxAttempt) {
      try (EngineInstruments.CounterBatch counters = metrics.batchCounters()) {
        chain(orchestration, maxAttempt);
      }
    }

    private void chain(Orchestration orchestration, int maxAttempt) {
      long chainStarted = System.nanoTime();
      while (true) {
        ReplayExecutor executor = new ReplayExecutor(inst.instanceId(), inst.executionId(),
            chained.isEmpty() ? past : concat(past, chained), fresh, USER_LOG,
            n -> rt.registry().latestVersion(n));
        Outcome outcome;
        List<ReplayExecutor.Action> actions;
        try {
          Outcome run = executor.run(orchestration);
          actions = executor.newActions();
          outcome = withinPayloadLimit(run, actions);
        } catch (RuntimeException | Error e) {
          if (FatalErrorHandler.isFatal(e)) {
            throw (Error) e; // the JVM is failing, not the turn: the dispatcher stops the runtime
          }
          // not an outcome of the orchestration (a crash of the turn): retry it later, and let
          // the attempt limit turn a message that always crashes into poison; a chain's
          // uncommitted turns run again with it
          LOG.error("turn of {} aborted; it will be retried", inst.instanceId(), e);
          abandon(options.retryDelay().multipliedBy(Math.max(1, maxAttempt)));
          return;
        }
        if (!chainsOn(outcome, actions, chainStarted)) {
          end(outcome, executor, null);
          return;
        }
        ActivityScheduled a = (ActivityScheduled) actions.get(0).event();
        HistoryEvent result = rt.workers().runInline(inst.instanceId(), inst.executionId(),
            a.taskId(), new ActivityRequest(a.name(), a.input(), a.retryAttempt(),
                a.timeoutMillis(), name, inst.orchestrationVersion()));
        if (result == null) {
          end(outcome, executor, null);
          return;
        }
        chainOn(a, result);
      }
    }

    /**
     * Keeps this turn, done but not committed, in the chain, and makes the next one's events:
     * its start, at the item's time plus what elapsed since (never behind this turn's), and
     * {@code result}, the outcome of {@code call}, this turn's one call.
     */
    private void chainOn(ActivityScheduled call, HistoryEvent result) {
      chained.addAll(fresh);
      chained.add(call);
      chainedChars += length(call.input())
          + (result instanceof ActivityCompleted c ? length(c.result()) : 0);
      fresh.clear();
      fresh.add(new TurnStarted(Micros.of(item.fetchedAt().plusNanos(
          Math.max(0, System.nanoTime() - startedNanos)))));
      fresh.add(result);
    }

    /**
     * Whether the turn chain goes on past this turn without committing it
     * ({@link DurableRuntime.Builder#chainBudget}): the code waits on exactly one activity, the
     * only thing this turn made, and the chain is within its budget of time and turns. The
     * activity itself may still be left to the queue ({@link WorkerDispatcher#runInline}). The
     * chain's inputs and results are bounded too, at one payload's limit, so that what a slot
     * holds uncommitted, and a chain's one commit, stay near a turn's.
     */
    private boolean chainsOn(Outcome outcome, List<ReplayExecutor.Action> actions,
        long chainStarted) {
      return outcome instanceof Outcome.Blocked && actions.size() == 1
          && actions.get(0).event() instanceof ActivityScheduled
          && chainLength() < MAX_CHAIN_TURNS
          && chainedChars <= options.payloadLimit().maxBytes()
          && System.nanoTime() - chainStarted < options.chainBudget().toNanos();
    }

    /** Turns of this chain before the current one (0 for a turn that is not chained on). */
    private int chainLength() {
      int turns = 0;
      for (HistoryEvent e : chained) {
        if (e instanceof TurnStarted) {
          turns++;
        }
      }
      return turns;
    }

    /**
     * The outcome, or a configuration failure ({@code payload_too_large}) when the code produced
     * an output, continue-as-new input or call input over the payload limit: nothing over it is
     * written, and the runtime's failure discards the turn's calls. A failure message over it is
     * cut to fit.
     */
    private Outcome withinPayloadLimit(Outcome outcome, List<ReplayExecutor.Action> actions) {
      PayloadLimit limit = options.payloadLimit();
      String tooLarge = null;
      if (outcome instanceof Outcome.Completed c && !limit.allows(c.outputJson())) {
        tooLarge = limit.tooLarge(c.outputJson(), "output of orchestration '" + name + "'");
      } else if (outcome instanceof Outcome.ContinuedAsNew can && !limit.allows(can.inputJson())) {
        tooLarge = limit.tooLarge(can.inputJson(), "continue-as-new input of orchestration '"
            + name + "'");
      } else if (outcome instanceof Outcome.Failed f && f.failure() != null
          && !limit.allows(f.failure().message())) {
        return new Outcome.Failed(new FailureDetails(f.failure().type(), f.failure().kind(),
            limit.truncate(f.failure().message())));
      }
      for (int i = 0; i < actions.size() && tooLarge == null; i++) {
        HistoryEvent e = actions.get(i).event();
        if (e instanceof ActivityScheduled a && !limit.allows(a.input())) {
          tooLarge = limit.tooLarge(a.input(), "input of activity '" + a.name()
              + "' called by orchestration '" + name + "'");
        } else if (e instanceof SubOrchestrationScheduled so && !limit.allows(so.input())) {
          tooLarge = limit.tooLarge(so.input(), "input of sub-orchestration '" + so.name()
              + "' called by orchestration '" + name + "'");
        } else if (e instanceof DetachedStarted d && !limit.allows(d.input())) {
          tooLarge = limit.tooLarge(d.input(), "input of orchestration '" + d.name()
              + "' started by orchestration '" + name + "'");
        }
      }
      if (tooLarge == null) {
        return outcome;
      }
      return new Outcome.Failed(new FailureDetails(FailureType.CONFIGURATION,
          PayloadLimit.FAILURE_KIND, tooLarge));
    }

    private List<HistoryEvent> loadHistory() {
      if (inst.historyLength() == 0) {
        return List.of();
      }
      List<HistoryEvent> cached = rt.historyCache().get(inst.instanceId(), inst.executionId(),
          inst.historyLength());
      if (cached != null) {
        return cached;
      }
      List<HistoryEvent> events = new ArrayList<>();
      for (HistoryRow row : rt.store().readHistory(inst.instanceId(), inst.executionId())) {
        events.add(Messages.decodeEvent(row.payload()));
      }
      return events;
    }

    /** TurnStarted, ExecutionStarted on the first turn, then the deliverable messages. */
    private void buildFreshEvents() {
      fresh.add(new TurnStarted(Micros.of(item.fetchedAt())));
      if (past.isEmpty()) {
        fresh.add(executionStarted());
        fresh.addAll(start.carriedEvents() == null ? List.of() : start.carriedEvents());
      }
      Set<Integer> scheduled = new HashSet<>();
      Set<Integer> completed = new HashSet<>();
      for (HistoryEvent e : past) {
        if (e instanceof ActivityScheduled || e instanceof TimerCreated
            || e instanceof SubOrchestrationScheduled) {
          scheduled.add(e.taskId());
        } else if (isCompletion(e)) {
          completed.add(e.taskId());
        }
      }
      for (HistoryEvent e : delivered) {
        if (isCompletion(e) && (!scheduled.contains(e.taskId()) || !completed.add(e.taskId()))) {
          LOG.warn("dropping {} for task {} of {}: no open task has that id", e.typeName(),
              e.taskId(), inst.instanceId());
          continue;
        }
        fresh.add(e);
      }
    }

    private ExecutionStarted executionStarted() {
      return new ExecutionStarted(name, inst.orchestrationVersion(), inst.input(),
          inst.initiatedBy(), inst.parentInstanceId(), Micros.of(inst.executionStartedAt()));
    }

    /** Poison: fail the execution without loading its history or running its code. */
    private void endWithoutReplay(FailureDetails failure) {
      past = null;
      fresh.add(new TurnStarted(Micros.of(item.fetchedAt())));
      if (inst.historyLength() == 0) {
        fresh.add(executionStarted());
      }
      end(new Outcome.Failed(failure), null, null);
    }

    /**
     * Builds and commits the turn. {@code cancelReason} non-null means the instance ends as
     * cancelled; {@code executor} is null when no code ran.
     */
    private void end(Outcome outcome, ReplayExecutor executor, String cancelReason) {
      TurnWrites writes = new TurnWrites(chained, fresh);
      if (executor != null && !failedByRuntime(outcome)) {
        addNewActions(executor.newActions(), outcome instanceof Outcome.Blocked, writes);
      }
      Ending ending = cancelReason != null ? cancelled(cancelReason, writes)
          : closeExecution(outcome, executor, writes);
      int pastLength = past == null ? inst.historyLength() : past.size();
      int turns = inst.turnCount() + 1 + chainLength();
      int historySize = pastLength + writes.append.size();
      // a continue-as-new commit's counts are those of the execution it starts
      boolean continued = ending.status() == EndStatus.CONTINUED_AS_NEW;
      TurnCommit commit = ending.commit()
          .counts(continued ? 0 : turns, continued ? 0 : historySize)
          .history(historyRows(pastLength, writes.append))
          .consumedMessageIds(consumedMessageIds())
          .consumedWorkItem(consumedWork)
          .workItems(writes.work)
          .messages(writes.messages)
          .instances(writes.instances)
          .build();
      Ended ended = ending.status() == null ? null
          : new Ended(ending.status(), ending.failure(), turns, historySize);
      commitOrAbandon(commit, writes.append, ended, outcome);
    }

    /**
     * True when the runtime, not the code, failed the execution (nondeterminism, configuration,
     * poison): the code's new calls are then discarded, as they may be what diverged.
     */
    private static boolean failedByRuntime(Outcome outcome) {
      return outcome instanceof Outcome.Failed f && f.failure().type() != FailureType.APPLICATION;
    }

    /**
     * Adds the calls the code made this turn. Detached orchestrations start even when the
     * execution ends in this turn (nobody awaits them); activities, timers and children only
     * when it waits for something, since an ending execution would never see their results.
     */
    private void addNewActions(List<ReplayExecutor.Action> actions, boolean blocked,
        TurnWrites writes) {
      Set<String> newChildIds = new HashSet<>();
      for (ReplayExecutor.Action action : actions) {
        HistoryEvent e = action.event();
        if (e instanceof DetachedStarted d) {
          writes.append.add(d);
          writes.instances.add(NewInstance.builder(d.instanceId(), d.name(), d.version())
              .input(d.input())
              .initiatedBy("detached")
              .startPayload(Messages.firstExecutionStart())
              .build());
        } else if (blocked && e instanceof ActivityScheduled a) {
          writes.append.add(a);
          writes.work.add(new NewWorkItem(inst.executionId(), a.taskId(), a.name(),
              Messages.encode(new ActivityRequest(a.name(), a.input(), a.retryAttempt(),
                  a.timeoutMillis(), name, inst.orchestrationVersion()))));
        } else if (blocked && e instanceof TimerCreated t) {
          writes.append.add(t);
          writes.messages.add(new OutboundMessage(inst.instanceId(), inst.executionId(),
              "TimerFired", Messages.encodeEvent(new TimerFired(t.taskId())),
              Micros.toInstant(t.fireAtMicros())));
        } else if (blocked && e instanceof SubOrchestrationScheduled s) {
          writes.append.add(s);
          addChild(s, newChildIds, writes);
        }
      }
    }

    /**
     * Creates a child, with the failure notice the store sends back instead when its id is
     * taken. The store creates a turn's instances in one statement, which cannot tell two rows
     * asking for the same id apart: a second call with an id this turn already uses gets its
     * notice here.
     */
    private void addChild(SubOrchestrationScheduled s, Set<String> newChildIds,
        TurnWrites writes) {
      OutboundMessage conflict = new OutboundMessage(inst.instanceId(), inst.executionId(),
          "SubOrchestrationFailed", Messages.encodeEvent(new SubOrchestrationFailed(
              s.taskId(), new FailureDetails(FailureType.APPLICATION, "instance_exists",
              "sub-orchestration instance '" + s.instanceId() + "' already exists"),
              s.name(), Micros.of(item.fetchedAt()))), null);
      if (!newChildIds.add(s.instanceId())) {
        writes.messages.add(conflict);
        return;
      }
      writes.instances.add(NewInstance.builder(s.instanceId(), s.name(), s.version())
          .input(s.input())
          .initiatedBy("suborchestration")
          .startPayload(Messages.firstExecutionStart())
          .parent(inst.instanceId(), inst.executionId(), s.taskId(), name)
          .onConflict(conflict)
          .build());
    }

    /** The cancelled ending: open children are cancelled too, the parent is told. */
    private Ending cancelled(String reason, TurnWrites writes) {
      writes.append.add(new HistoryEvent.ExecutionCancelled(reason));
      cancelOpenChildren(writes.append, writes.messages);
      notifyParentOfFailure(new FailureDetails(FailureType.APPLICATION, "cancelled",
          "sub-orchestration '" + inst.instanceId() + "' was cancelled: " + reason), writes);
      return new Ending(TurnCommit.cancelled(reason), EndStatus.CANCELLED, null);
    }

    /** How the code's outcome leaves the execution, with the event that closes it if it ends. */
    private Ending closeExecution(Outcome outcome, ReplayExecutor executor, TurnWrites writes) {
      if (outcome instanceof Outcome.Blocked b) {
        return new Ending(TurnCommit.running(b.waitState()), null, null);
      }
      if (outcome instanceof Outcome.Completed c) {
        writes.append.add(new HistoryEvent.ExecutionCompleted(c.outputJson()));
        notifyParentOfCompletion(c.outputJson(), writes);
        return new Ending(TurnCommit.completed(c.outputJson()), EndStatus.SUCCESS, null);
      }
      if (outcome instanceof Outcome.ContinuedAsNew can) {
        writes.append.add(new HistoryEvent.ContinuedAsNew(can.inputJson()));
        long next = inst.executionId() + 1;
        TurnCommit.NewExecution execution = new TurnCommit.NewExecution(next, can.inputJson(),
            Messages.encode(new StartExecution(next, executor.unconsumedEvents())));
        return new Ending(TurnCommit.continuedAsNew(execution), EndStatus.CONTINUED_AS_NEW,
            null);
      }
      FailureDetails failure = ((Outcome.Failed) outcome).failure();
      writes.append.add(new HistoryEvent.ExecutionFailed(failure));
      notifyParentOfFailure(failure, writes);
      return new Ending(TurnCommit.failed(JsonCodec.encode(failure, "failure")),
          EndStatus.FAILED, failure);
    }

    private List<HistoryRow> historyRows(int pastLength, List<HistoryEvent> append) {
      List<HistoryRow> rows = new ArrayList<>(append.size());
      for (int i = 0; i < append.size(); i++) {
        HistoryEvent e = append.get(i);
        rows.add(new HistoryRow(inst.executionId(), pastLength + i + 1, e.typeName(),
            Messages.encodeEvent(e)));
      }
      return rows;
    }

    private List<Long> consumedMessageIds() {
      return item.messages().stream().map(QueuedMessage::id).toList();
    }

    private void cancelOpenChildren(List<HistoryEvent> events, List<OutboundMessage> out) {
      Set<Integer> done = new HashSet<>();
      List<SubOrchestrationScheduled> children = new ArrayList<>();
      for (List<HistoryEvent> list : List.of(past, events)) {
        for (HistoryEvent e : list) {
          if (e instanceof SubOrchestrationScheduled s) {
            children.add(s);
          } else if (e instanceof SubOrchestrationCompleted || e instanceof SubOrchestrationFailed) {
            done.add(e.taskId());
          }
        }
      }
      for (SubOrchestrationScheduled s : children) {
        if (!done.contains(s.taskId())) {
          out.add(new OutboundMessage(s.instanceId(), null, Messages.CANCEL_REQUESTED,
              Messages.encode(new CancelRequest("parent " + inst.instanceId() + " was cancelled")),
              null));
        }
      }
    }

    /** Tells the parent of a sub-orchestration that it completed; nothing for a top-level one. */
    private void notifyParentOfCompletion(String outputJson, TurnWrites writes) {
      if (inst.parentInstanceId() != null) {
        sendToParent(new SubOrchestrationCompleted(inst.parentTaskId(), outputJson, name,
            Micros.of(inst.createdAt())), writes);
      }
    }

    /** Tells the parent of a sub-orchestration that it failed; nothing for a top-level one. */
    private void notifyParentOfFailure(FailureDetails failure, TurnWrites writes) {
      if (inst.parentInstanceId() != null) {
        sendToParent(new SubOrchestrationFailed(inst.parentTaskId(), failure, name,
            Micros.of(inst.createdAt())), writes);
      }
    }

    private void sendToParent(HistoryEvent notice, TurnWrites writes) {
      writes.messages.add(new OutboundMessage(inst.parentInstanceId(), inst.parentExecutionId(),
          notice.typeName(), Messages.encodeEvent(notice), null));
    }

    private TurnCommit consumeOnly() {
      return TurnCommit.unchanged(inst).consumedMessageIds(consumedMessageIds())
          .consumedWorkItem(consumedWork).build();
    }

    private void commitOrAbandon(TurnCommit commit, List<HistoryEvent> append, Ended ended,
        Outcome outcome) {
      Optional<Instant> committedAt;
      try {
        committedAt = ackWithRetries(commit);
      } catch (StoreException e) {
        rt.historyCache().remove(inst.instanceId());
        boolean alreadyFailing = ended != null && ended.failure != null
            && ended.failure.type() == FailureType.INFRASTRUCTURE;
        if (!e.retryable() && !alreadyFailing && inst.state() == OrchestrationState.RUNNING) {
          failAsInfrastructureError(e);
        } else {
          abandon(options.retryDelay());
        }
        return;
      }
      try {
        if (committedAt.isEmpty()) {
          rt.historyCache().remove(inst.instanceId());
          if (consumedWork == null) {
            LOG.warn("instance {}: the lock expired before the turn committed; another "
                + "dispatcher owns it now, this turn's result is discarded", inst.instanceId());
          } else {
            LOG.info("instance {}: its hold was taken over or its row is locked by another "
                + "session; the activity's result goes through the queue", inst.instanceId());
          }
          sendResultThroughQueue();
          return;
        }
        if (consumedWork != null) {
          settled.accept(LockResult.OK); // the commit deleted its worker item
        }
        afterCommit(commit, append, ended, committedAt.get(), outcome);
      } finally {
        handOffClaimed(commit, committedAt.orElse(null));
      }
    }

    /**
     * Commits, fetching this slot's next item in the same transaction (one commit, not two), and
     * locking the activities this turn scheduled for this process's idle worker slots, which
     * start them at once ({@link #handOffClaimed}). A turn that scheduled one activity and waits
     * asks to keep its instance locked for that activity's result ({@link HeldInstance}).
     */
    private Optional<Instant> ackWithRetries(TurnCommit commit) {
      int reserved = rt.workers().tryReserve(commit.workItems().size());
      Claim claim = Claim.upTo(reserved, options.workerLockTimeout());
      if (reserved == 1 && mayHoldFor(commit)) {
        claim = claim.holdingInstance(options.continuationHold());
      }
      holdAsked = claim.holdInstance() != null;
      try {
        return ackWithRetries(commit, claim);
      } finally {
        rt.workers().unreserve(reserved - Math.min(reserved, claimed.size()));
      }
    }

    /**
     * Whether the instance may stay locked after {@code commit} for the result of its one
     * activity: it keeps running in this execution and waits on nothing else this turn made.
     */
    private boolean mayHoldFor(TurnCommit commit) {
      return !options.continuationHold().isZero() && commit.workItems().size() == 1
          && commit.state() == OrchestrationState.RUNNING && commit.newExecution() == null
          && commit.messages().isEmpty() && commit.instances().isEmpty();
    }

    /**
     * Starts the worker items the ack locked on the worker slots reserved for them, with the
     * held instance when the ack kept it for the one activity's result.
     */
    private void handOffClaimed(TurnCommit commit, Instant committedAt) {
      HeldInstance hold = null;
      if (held && committedAt != null && claimed.size() == 1) {
        hold = HeldInstance.after(inst, commit, item.lockToken(), committedAt);
      } else if (held) {
        // not reached by the store's contract; never leave a lock nobody uses
        release(inst.instanceId(), item.lockToken());
      }
      if (!claimed.isEmpty()) {
        rt.workers().handOff(claimed, hold);
      }
    }

    /**
     * A turn that got its activity's result in process and does not commit: the result goes to
     * the queue, and the instance is released, so that a later turn (here or elsewhere) gets it.
     */
    private void sendResultThroughQueue() {
      if (consumedWork != null) {
        settled.accept(rt.workers().ackThroughQueue(consumedWork, inProcessResult,
            item.lockToken()));
      }
    }

    private Optional<Instant> ackWithRetries(TurnCommit commit, Claim work) {
      for (int attempt = 0; ; attempt++) {
        try {
          OrchestrationAck ack = rt.store().ackOrchestrationItemAndFetch(inst.instanceId(),
              item.lockToken(), commit,
              next == null && fetchesNext() ? options.orchestrationLockTimeout() : null, work);
          if (ack.next().isPresent()) {
            next = ack.next().get();
          }
          claimed = ack.work();
          held = ack.instanceHeld();
          return ack.committedAt();
        } catch (StoreException e) {
          metrics.turnInfrastructureError(name, InstrumentedStore.ACK_ORCHESTRATION_ITEM);
          if (!e.retryable() || attempt >= MAX_ACK_RETRIES) {
            StoreFailures.log(LOG, e, "committing the turn of {} failed: {}", inst.instanceId(),
                e.getMessage());
            throw e;
          }
          metrics.ackRetry();
          try {
            Thread.sleep(10L << attempt);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw e;
          }
        }
      }
    }

    /** The store rejected the turn for a reason retrying will not fix: fail the execution. */
    private void failAsInfrastructureError(StoreException cause) {
      past = null;
      chained.clear();
      fresh.clear();
      fresh.add(new TurnStarted(Micros.of(item.fetchedAt())));
      if (inst.historyLength() == 0) {
        fresh.add(executionStarted());
      }
      end(new Outcome.Failed(new FailureDetails(FailureType.INFRASTRUCTURE, cause.type().label(),
          "the store rejected the turn: " + cause.getMessage())), null, null);
    }

    private void afterCommit(TurnCommit commit, List<HistoryEvent> append, Ended ended,
        Instant committedAt, Outcome outcome) {
      String id = inst.instanceId();
      if (append == null) {
        // a consume-only commit changes no history
      } else if (commit.newExecution() != null) {
        rt.historyCache().put(id, commit.newExecution().executionId(), List.of());
      } else if (commit.state().isTerminal()) {
        rt.historyCache().remove(id);
      } else {
        List<HistoryEvent> all = new ArrayList<>(past == null ? List.of() : past);
        all.addAll(append);
        if (past != null) {
          rt.historyCache().put(id, inst.executionId(), all);
        }
      }
      if (commit.state().isTerminal()) {
        rt.completions().ended(id);
      }
      if (append != null && append.stream().anyMatch(e -> e instanceof ExecutionStarted)) {
        metrics.executionStarted(name, inst.orchestrationVersion(), inst.initiatedBy());
      }
      if (append != null) {
        for (HistoryEvent e : append) {
          if (e instanceof SubOrchestrationCompleted c) {
            metrics.subOrchestrationDelivered(name, c.childName(), true,
                seconds(c.scheduledAtMicros(), committedAt));
          } else if (e instanceof SubOrchestrationFailed f) {
            metrics.subOrchestrationDelivered(name, f.childName(), false,
                seconds(f.scheduledAtMicros(), committedAt));
          }
        }
      }
      if (ended != null) {
        double duration = Duration.between(inst.executionStartedAt(), committedAt).toNanos() / 1e9;
        metrics.executionEnded(name, inst.orchestrationVersion(), ended.status, ended.turns,
            ended.historySize, duration, ended.failure);
        logEnd(ended, commit);
      }
      if (commit.workItems().size() > claimed.size()) {
        rt.wakeWorkers(); // some are left for the poller
      }
      if (!held && (holdAsked || consumedWork != null)
          && commit.state() == OrchestrationState.RUNNING) {
        // messages that came while it was held, or kept it from being held, wait for it
        rt.wakeOrchestrations();
      }
      if (!commit.instances().isEmpty() || commit.newExecution() != null
          || commit.messages().stream().anyMatch(m -> m.visibleAt() == null)) {
        rt.wakeOrchestrations();
      }
      for (OutboundMessage m : commit.messages()) {
        if (m.visibleAt() != null) {
          rt.wakeOrchestrationsAt(m.visibleAt(), committedAt);
        }
      }
      if (outcome instanceof Outcome.Blocked b && LOG.isDebugEnabled()) {
        LOG.debug("instance {} waits ({})", id, b.waitState().label());
      }
    }

    private void logEnd(Ended ended, TurnCommit commit) {
      switch (ended.status) {
        case SUCCESS -> LOG.debug("orchestration completed after {} turns", ended.turns);
        case CONTINUED_AS_NEW -> LOG.debug("orchestration continued as new (execution {})",
            commit.newExecution().executionId());
        case CANCELLED -> LOG.info("orchestration cancelled: {}", commit.failure());
        case FAILED -> {
          if (ended.failure.type() == FailureType.APPLICATION) {
            LOG.warn("orchestration failed (application error): {}", ended.failure);
          } else {
            LOG.error("orchestration failed ({}): {}", ended.failure.type().category(),
                ended.failure);
          }
        }
      }
    }

    private void abandon(Duration delay) {
      rt.historyCache().remove(inst.instanceId());
      if (consumedWork != null) {
        // the result is in no queue yet: enqueue it as the worker would have, and release
        sendResultThroughQueue();
        return;
      }
      try {
        rt.store().abandonOrchestrationItem(inst.instanceId(), item.lockToken(), delay, true);
      } catch (StoreException e) {
        metrics.turnInfrastructureError(name, InstrumentedStore.ABANDON_ORCHESTRATION_ITEM);
        StoreFailures.log(LOG, e, "abandoning the turn of {} failed (its lock will expire): {}",
            inst.instanceId(), e.getMessage());
      }
    }
  }

  private static int length(String text) {
    return text == null ? 0 : text.length();
  }

  private static List<HistoryEvent> concat(List<HistoryEvent> a, List<HistoryEvent> b) {
    List<HistoryEvent> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return all;
  }

  private static boolean isCompletion(HistoryEvent e) {
    return e instanceof ActivityCompleted || e instanceof ActivityFailed
        || e instanceof TimerFired || e instanceof SubOrchestrationCompleted
        || e instanceof SubOrchestrationFailed;
  }

  private static double seconds(long fromMicros, Instant to) {
    return (Micros.of(to) - fromMicros) / 1e6;
  }

  /** What a turn writes besides the instance row: events, activities, messages, instances. */
  private static final class TurnWrites {
    final List<HistoryEvent> append;
    final List<NewWorkItem> work = new ArrayList<>();
    final List<OutboundMessage> messages = new ArrayList<>();
    final List<NewInstance> instances = new ArrayList<>();

    TurnWrites(List<HistoryEvent> chained, List<HistoryEvent> fresh) {
      this.append = new ArrayList<>(chained.size() + fresh.size());
      append.addAll(chained);
      append.addAll(fresh);
    }
  }

  /**
   * How a turn leaves the execution: the commit for that state, and for an ending the status
   * and failure the metrics report ({@code status} null while it keeps waiting).
   */
  private record Ending(TurnCommit.Builder commit, EndStatus status, FailureDetails failure) {}

  /** How an execution ended, for the metrics emitted after the commit. */
  private record Ended(EndStatus status, FailureDetails failure, int turns, int historySize) {}
}
