package io.durobs.it.stack;

/**
 * A part of the stack did not start or did not become ready. The message names the part, what
 * was waited for, and ends with the last lines of its output.
 */
public class StackStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed and the evidence
   * @param cause the underlying failure, if any
   */
  public StackStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
