package io.durobs.toolkit.grafana.read;

/**
 * A file or JSON document is not a readable Grafana dashboard. The message names the source and
 * what was wrong in one line.
 */
public class DashboardFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong, naming the source
   * @param cause the underlying parse or I/O error, if any
   */
  public DashboardFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
