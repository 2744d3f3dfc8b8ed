package io.durobs.toolkit.tools;

/**
 * A process did not start, or something awaited did not become ready in time. The message says
 * what was awaited and, for a process, ends with the last lines it printed.
 */
public class NotReadyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed and the evidence
   * @param cause the underlying failure, or null
   */
  public NotReadyException(String message, Throwable cause) {
    super(message, cause);
  }
}
