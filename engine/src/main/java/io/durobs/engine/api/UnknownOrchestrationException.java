package io.durobs.engine.api;

/** A client start named an orchestration (or version) that is not in the registry. */
public class UnknownOrchestrationException extends InvalidInputException {

  /** A rejection naming the unknown orchestration. */
  public UnknownOrchestrationException(String message) {
    super(message);
  }
}
