package io.durobs.it.logs;

/**
 * Loki could not answer a request: it is unreachable or not a Loki (then {@link #isUnreachable()}),
 * or it rejected the request (a LogQL syntax error, a limit), with Loki's own message.
 */
public class LokiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean unreachable;

  /**
   * @param message one line: what failed, naming the endpoint (credentials redacted)
   * @param unreachable true when no Loki answered (connection refused, DNS, timeout, not Loki)
   * @param cause the underlying failure, if any
   */
  public LokiException(String message, boolean unreachable, Throwable cause) {
    super(message, cause);
    this.unreachable = unreachable;
  }

  /** True when no Loki answered: the run cannot check any Loki target. */
  public boolean isUnreachable() {
    return unreachable;
  }
}
