package io.durobs.bench;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.OrchestrationStatus;
import io.durobs.engine.api.Registry;
import io.durobs.engine.runtime.DurableRuntime;
import io.durobs.engine.store.postgres.PostgresStore;
import io.opentelemetry.api.OpenTelemetry;
import java.util.function.Consumer;

/**
 * durobs running a {@link Shape}: one {@link DurableRuntime} at the engine's default settings
 * except the slot counts, on its own database; completion seen through {@link CompletionHints}.
 */
final class DurobsEngine implements Engine {

  static final String ORCHESTRATION = "bench-seq";
  static final String ACTIVITY = "bench-step";

  private final DurableRuntime runtime;
  private final DurableClient client;
  private final CompletionHints hints = new CompletionHints();

  DurobsEngine(String jdbcUrl, String user, Shape shape, int orchestrationSlots, int workerSlots,
      OpenTelemetry openTelemetry, StepClock clock) {
    this(jdbcUrl, user, shape, orchestrationSlots, workerSlots, openTelemetry, clock, b -> { });
  }

  /** As the engine's defaults but for the slot counts and what {@code tune} sets. */
  DurobsEngine(String jdbcUrl, String user, Shape shape, int orchestrationSlots, int workerSlots,
      OpenTelemetry openTelemetry, StepClock clock, Consumer<DurableRuntime.Builder> tune) {
    Registry registry = Registry.builder()
        .activity(ACTIVITY, ctx -> {
          int index = Integer.parseInt(ctx.inputJson());
          clock.started(ctx.instanceId(), index);
          shape.work();
          clock.ended(ctx.instanceId(), index);
          return index;
        })
        .orchestration(ORCHESTRATION, ctx -> {
          for (int i = 0; i < shape.steps(); i++) {
            ctx.callActivity(ACTIVITY, i, Integer.class).await();
          }
          if (!ctx.isReplaying()) {
            hints.lastStepDone(ctx.instanceId());
          }
          return shape.steps();
        })
        .build();
    DurableRuntime.Builder builder = DurableRuntime.builder()
        .postgres(PostgresStore.builder().jdbcUrl(jdbcUrl).user(user).applicationName("durobs-bench"))
        .registry(registry)
        .openTelemetry(openTelemetry)
        .orchestrationConcurrency(orchestrationSlots)
        .workerConcurrency(workerSlots);
    tune.accept(builder);
    this.runtime = builder.build().start();
    this.client = runtime.client();
  }

  @Override
  public void runOne(String id) throws Exception {
    hints.startAndAwait("durobs", id, () -> client.startOrchestration(ORCHESTRATION, id, null),
        () -> completed(id));
  }

  private boolean completed(String id) {
    OrchestrationStatus s = client.getStatus(id).orElseThrow();
    if (s.state().isTerminal() && s.state() != OrchestrationState.COMPLETED) {
      throw new IllegalStateException("durobs: " + id + " ended " + s.state() + ": " + s.failure());
    }
    return s.state().isTerminal();
  }

  @Override
  public void close() {
    runtime.close();
  }
}
