package io.durobs.bench;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.StartWorkflowOptions;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.Queue;
import dev.dbos.transact.workflow.Workflow;
import dev.dbos.transact.workflow.WorkflowState;
import java.time.Duration;

/**
 * DBOS Transact Java running a {@link Shape}: a workflow of sequential steps ({@code runStep}),
 * on its own database, at DBOS's defaults. With {@code slots}, workflows go through a queue that
 * runs at most that many at once in this process (steps run inside their workflow, so this is
 * the equivalent of durobs' N orchestration and N worker slots), polled every
 * {@link #QUEUE_POLL} (durobs' shortest poll interval; DBOS' default is 1 s). Completion is
 * seen through {@link CompletionHints}, as for durobs.
 */
final class DbosEngine implements Engine {

  static final Duration QUEUE_POLL = Duration.ofMillis(5);

  private final DBOS dbos;
  private final BenchWorkflow workflow;
  private final Queue queue;
  private final int steps;
  private final CompletionHints hints = new CompletionHints();

  DbosEngine(String jdbcUrl, String user, Shape shape, Integer slots, StepClock clock) {
    this.dbos = new DBOS(DBOSConfig.defaults("durobs-bench").withDatabaseUrl(jdbcUrl)
        .withDbUser(user).withDbPassword(""));
    this.queue = slots == null ? null
        : new Queue("bench").withWorkerConcurrency(slots).withPollingInterval(QUEUE_POLL);
    if (queue != null) {
      dbos.registerQueue(queue);
    }
    this.workflow = dbos.registerProxy(BenchWorkflow.class, new Steps(dbos, shape, clock, hints));
    this.steps = shape.steps();
    dbos.launch();
  }

  @Override
  public void runOne(String id) throws Exception {
    StartWorkflowOptions options = new StartWorkflowOptions(id);
    StartWorkflowOptions start = queue == null ? options : options.withQueue(queue);
    hints.startAndAwait("dbos", id, () -> dbos.startWorkflow(() -> workflow.run(steps), start),
        () -> completed(id));
  }

  private boolean completed(String id) {
    WorkflowState state = dbos.getWorkflowStatus(id).orElseThrow().status();
    if (state == WorkflowState.SUCCESS) {
      return true;
    }
    if (!state.isActive() && state != WorkflowState.ENQUEUED && state != WorkflowState.DELAYED) {
      throw new IllegalStateException("dbos: " + id + " ended " + state);
    }
    return false;
  }

  @Override
  public void close() {
    dbos.close();
  }

  /** The benchmark's workflow, as DBOS proxies it. */
  public interface BenchWorkflow {
    /** Runs {@code steps} steps one after another; returns {@code steps}. */
    int run(int steps) throws InterruptedException;
  }

  /** The workflow's implementation: each step reports to the clock and does the shape's work. */
  public static final class Steps implements BenchWorkflow {
    private final DBOS dbos;
    private final Shape shape;
    private final StepClock clock;
    private final CompletionHints hints;

    Steps(DBOS dbos, Shape shape, StepClock clock, CompletionHints hints) {
      this.dbos = dbos;
      this.shape = shape;
      this.clock = clock;
      this.hints = hints;
    }

    @Override
    @Workflow(name = "bench-seq")
    public int run(int steps) throws InterruptedException {
      String id = DBOS.workflowId();
      for (int i = 0; i < steps; i++) {
        int index = i;
        dbos.runStep(() -> {
          clock.started(id, index);
          shape.work();
          clock.ended(id, index);
          return index;
        }, "bench-step");
      }
      hints.lastStepDone(id);
      return steps;
    }
  }
}
