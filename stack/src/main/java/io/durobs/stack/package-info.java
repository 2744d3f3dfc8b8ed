/**
 * The stack's configuration as code: the collector pipeline
 * ({@link io.durobs.collector.CollectorPipeline}), Prometheus, Alertmanager and Compose files, the
 * pinned images ({@link io.durobs.stack.Images}), the endpoints that are all that differ between
 * deployments ({@link io.durobs.stack.StackEndpoints}), the renderer of all of them
 * ({@link io.durobs.stack.StackFiles}) and the locator of the stack's binaries
 * ({@link io.durobs.toolkit.tools.StackTools}).
 */
package io.durobs.stack;
