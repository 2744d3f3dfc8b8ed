package io.durobs.cli.stack;

/** The stack could not be started or stopped; the message says what and where. */
public final class StackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message. */
  public StackException(String message) {
    super(message);
  }

  /** With a message and its cause. */
  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}
