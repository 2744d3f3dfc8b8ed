package io.durobs.it.prometheus;

/**
 * Prometheus could not answer a request: it is unreachable, or it answered with an error status
 * (then {@link #errorType()} holds its {@code errorType}, e.g. {@code bad_data} for a query that
 * does not parse).
 */
public class PrometheusException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String errorType;

  /**
   * @param message what failed, naming the request
   * @param errorType Prometheus' {@code errorType}, or {@code unreachable} when no answer came
   * @param cause the underlying failure, if any
   */
  public PrometheusException(String message, String errorType, Throwable cause) {
    super(message, cause);
    this.errorType = errorType;
  }

  /** Prometheus' {@code errorType}, or {@code unreachable} when Prometheus never answered. */
  public String errorType() {
    return errorType;
  }

  /** True when Prometheus did not answer at all (connection refused, timeout, not Prometheus). */
  public boolean isUnreachable() {
    return "unreachable".equals(errorType);
  }
}
