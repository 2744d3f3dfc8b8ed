package io.durobs.harness.promql;

/** The expression could not be taken apart into selectors; the message says where. */
public class PromQlSyntaxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param message what was wrong and at which character */
  public PromQlSyntaxException(String message) {
    super(message);
  }
}
