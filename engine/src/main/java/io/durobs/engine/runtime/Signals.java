package io.durobs.engine.runtime;

import io.durobs.engine.api.FailureDetails;

/**
 * The engine's control-flow signals through orchestration code. They are {@link Error}s, without
 * stack traces, so that user code catching {@link Exception} does not swallow them.
 */
final class Signals {

  private Signals() {}

  /** Base: no stack trace, no suppression (they are thrown on every blocked turn). */
  abstract static class Signal extends Error {
    Signal(String message) {
      super(message, null, false, false);
    }
  }

  /** The awaited task is not done and the history has no more events: the turn ends. */
  static final class TurnBlocked extends Signal {
    TurnBlocked() {
      super("orchestration turn blocked");
    }
  }

  /** The code called continue-as-new. */
  static final class ContinueAsNew extends Signal {
    final String inputJson;

    ContinueAsNew(String inputJson) {
      super("continue as new");
      this.inputJson = inputJson;
    }
  }

  /** Replay found code and history disagreeing. */
  static final class Nondeterminism extends Signal {
    Nondeterminism(String message) {
      super(message);
    }
  }

  /** The runtime fails the execution without user code seeing it (configuration, poison). */
  static final class ExecutionAbort extends Signal {
    final transient FailureDetails failure;

    ExecutionAbort(FailureDetails failure) {
      super(failure.toString());
      this.failure = failure;
    }
  }
}
