/**
 * The runtime: {@link io.durobs.engine.runtime.DurableRuntime} with its orchestration dispatcher
 * (turns replayed from history and committed atomically) and activity worker dispatcher, the
 * replay executor with the durable tasks it hands to orchestration code
 * ({@code ReplayTask} and its kinds), the history event model, the gauge refresher, the
 * client over the store with its bounded retry of transient failures
 * ({@link io.durobs.engine.runtime.ClientRetry}), and the emission of the metric catalogue.
 * Memory is bounded by configuration: the payload limit ({@code PayloadLimit}, checked before
 * anything is written) and the history cache's byte bound ({@code HistoryCache}); an
 * {@link OutOfMemoryError} in an engine thread stops the runtime ({@code FatalErrorHandler},
 * {@link io.durobs.engine.runtime.DurableRuntime#fatalError()}).
 */
package io.durobs.engine.runtime;
