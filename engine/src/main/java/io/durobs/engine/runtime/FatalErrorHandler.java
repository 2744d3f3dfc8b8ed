package io.durobs.engine.runtime;

/**
 * Receives a {@link VirtualMachineError} (out of memory, internal error) caught in an engine
 * thread. After one the JVM's state is unknown, so the runtime stops rather than
 * keep dispatching half-dead.
 */
@FunctionalInterface
interface FatalErrorHandler {

  /** Called on the thread that caught {@code error}; must return quickly. */
  void onFatalError(VirtualMachineError error);

  /**
   * True for the errors after which the runtime stops: every {@link VirtualMachineError} but
   * {@link StackOverflowError}, which only the thread that recursed meets and which leaves the
   * JVM intact once unwound (a deep recursion in user code is that turn's or attempt's crash).
   */
  static boolean isFatal(Throwable t) {
    return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
  }
}
