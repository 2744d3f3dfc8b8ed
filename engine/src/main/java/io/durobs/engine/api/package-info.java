/**
 * The engine's public API: orchestrations and activities ({@link io.durobs.engine.api.Orchestration},
 * {@link io.durobs.engine.api.Activity}) registered by name in a
 * {@link io.durobs.engine.api.Registry}; what orchestration code may call
 * ({@link io.durobs.engine.api.OrchestrationContext}, {@link io.durobs.engine.api.DurableTask},
 * {@link io.durobs.engine.api.RetryPolicy}); the {@link io.durobs.engine.api.DurableClient}; and
 * the typed exceptions callers see.
 */
package io.durobs.engine.api;
