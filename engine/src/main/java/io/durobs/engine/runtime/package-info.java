/**
 * The runtime: {@link io.durobs.engine.runtime.DurableRuntime} with its orchestration dispatcher
 * (turns replayed from history and committed atomically) and activity worker dispatcher, the
 * replay executor with the durable tasks it hands to orchestration code
 * ({@code ReplayTask} and its kinds), the history event model, the gauge refresher, and the
 * emission of the metric catalogue.
 */
package io.durobs.engine.runtime;
