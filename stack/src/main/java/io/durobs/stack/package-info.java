/**
 * The whole stack's files and how its servers run, as code: Prometheus's and Alertmanager's
 * configurations ({@link io.durobs.stack.PrometheusConfig}, {@link io.durobs.stack.AlertmanagerConfig}),
 * the Compose file and the container paths it mounts {@code generated/} at
 * ({@link io.durobs.stack.ComposeFile}), each server's command line and environment, written
 * once for the Compose file, the container launcher and the local launcher
 * ({@link io.durobs.stack.ServiceCommands}), the pinned images ({@link io.durobs.stack.Images}),
 * the endpoints that are all that differ between deployments ({@link io.durobs.stack.StackEndpoints})
 * and the renderer of all of them with the collector's files ({@link io.durobs.stack.StackFiles};
 * the collector pipeline itself is {@code io.durobs.collector}).
 *
 * <p>The Compose file is safe by default: ports published on loopback only, no default password,
 * no lifecycle or admin API, a health check, restart policy and memory limit per service (what
 * {@code ComposeSafetyTest} holds it to).
 *
 * <p>The binaries that run these files on a machine without Docker are located by
 * {@link io.durobs.toolkit.tools.Tools}.
 */
package io.durobs.stack;
