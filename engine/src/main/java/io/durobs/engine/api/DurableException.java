package io.durobs.engine.api;

/** Base class of every exception the engine throws to its callers. Unchecked. */
public class DurableException extends RuntimeException {

  /** An exception with a one-line message. */
  public DurableException(String message) {
    super(message);
  }

  /** An exception with a one-line message and its cause. */
  public DurableException(String message, Throwable cause) {
    super(message, cause);
  }
}
