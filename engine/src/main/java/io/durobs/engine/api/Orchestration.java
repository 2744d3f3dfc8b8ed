package io.durobs.engine.api;

/**
 * Orchestration code: plain blocking Java that is replayed from its history on every turn, so it
 * must be deterministic. Use only the {@link OrchestrationContext} for time, ids, activities,
 * timers, events and sub-orchestrations; never read clocks, random numbers, files or the network
 * directly. Do not catch {@link Throwable} or {@link Error}: the runtime unwinds unfinished
 * turns with an {@code Error}.
 */
@FunctionalInterface
public interface Orchestration {

  /**
   * Runs (or replays) the orchestration.
   *
   * @return the output, encoded as JSON ({@code null} allowed)
   * @throws Exception any exception fails the orchestration as an application error
   */
  Object run(OrchestrationContext ctx) throws Exception;
}
