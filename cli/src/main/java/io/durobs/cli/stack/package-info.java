/**
 * {@code durobs stack up|down|status|logs}: the stack as background processes on 127.0.0.1
 * ({@link io.durobs.cli.stack.LocalProcessStack}) or, with a Docker engine, the generated Compose
 * file; what was started is recorded in the run folder's {@link io.durobs.cli.stack.StackState}.
 */
package io.durobs.cli.stack;
