package io.durobs.toolkit.promql;

/** An expression the scanner cannot read (unbalanced brackets, unterminated string, ...). */
public final class PromQlSyntaxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The problem and the character offset it was found at. */
  public PromQlSyntaxException(String message, int position) {
    super(message + " at offset " + position);
  }
}
