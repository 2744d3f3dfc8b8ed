/**
 * Running the stack's binaries on this machine, written once for every module that does:
 * {@link io.durobs.toolkit.tools.Checkout} finds the checkout's root,
 * {@link io.durobs.toolkit.tools.Tools} locates (and on first use builds) the binaries through
 * {@code tools/install-tools.sh}, where their versions live alone;
 * {@link io.durobs.toolkit.tools.ProcessRun} runs a short command to completion,
 * {@link io.durobs.toolkit.tools.ManagedProcess} supervises a server with its output in a log
 * file, {@link io.durobs.toolkit.tools.Readiness} waits for one to be ready and
 * {@link io.durobs.toolkit.tools.Ports} hands out free loopback ports.
 *
 * <p>Used by the stack's tests (promtool, amtool, the built collector), the workload's tests (the
 * collector as an OTLP receiver) and the harness's local launcher. What each server's command
 * line is belongs to the stack ({@code io.durobs.stack.ServiceCommands}), not here.
 */
package io.durobs.toolkit.tools;
