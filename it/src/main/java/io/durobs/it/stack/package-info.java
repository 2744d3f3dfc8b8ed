/**
 * The observability stack for a validation run ({@link io.durobs.it.stack.StackLauncher}), two
 * ways from the same rendered files and the same command lines
 * ({@code io.durobs.stack.StackFiles}, {@code io.durobs.stack.ServiceCommands}):
 * {@link io.durobs.it.stack.LocalStack} runs the collector, Prometheus and Alertmanager as local
 * processes on free loopback ports (this project's CI has no Docker), and
 * {@link io.durobs.it.stack.ContainerStack} runs the pinned images with Testcontainers, Grafana and
 * Loki included, at the container paths of the Compose file. Both load
 * {@link io.durobs.it.stack.HarnessRules}, the project's rules at the harness's time scale (and
 * no hold longer than 30 s). The local collector also sends logs through the production Loki
 * exporter to a second collector in Loki's place, with that exporter's queue and retries at the
 * same scale ({@link io.durobs.it.stack.HarnessCollector}), so that the logs backend can be taken
 * away and the collector's own alerts fire within a run.
 *
 * <p>The binaries, the processes and the waits for readiness are the toolkit's
 * ({@code io.durobs.toolkit.tools}: {@code Tools}, {@code ManagedProcess}, {@code Readiness},
 * {@code Ports}); what stays here is what is particular to a run: its temporary directory
 * ({@link io.durobs.it.stack.RunDirectory}), a standalone Prometheus for checks that need only
 * one ({@link io.durobs.it.stack.LocalPrometheus}) and the failure of a start
 * ({@link io.durobs.it.stack.StackStartException}, with what each part printed last).
 */
package io.durobs.it.stack;
