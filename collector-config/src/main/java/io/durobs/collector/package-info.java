/**
 * The OpenTelemetry Collector pipeline as code, and nothing else of the stack.
 *
 * <p>{@link io.durobs.collector.CollectorPipeline} defines the engine's pipeline once (production
 * and the local variant that writes logs to a file); it is built from a small typed model:
 * component types that know their Go module ({@link io.durobs.collector.ComponentTypes}),
 * components, pipelines and the configuration built from them
 * ({@link io.durobs.collector.CollectorConfig}), the overlay between two configurations
 * ({@link io.durobs.collector.CollectorOverlay}) and the OpenTelemetry Collector Builder manifest
 * derived from the same definitions ({@link io.durobs.collector.BuilderManifest}). Where the
 * collector listens comes from {@link io.durobs.collector.CollectorEndpoints}, which the whole
 * stack's endpoints (module {@code stack}) provide.
 */
package io.durobs.collector;
