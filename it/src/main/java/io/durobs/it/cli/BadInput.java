package io.durobs.it.cli;

/**
 * Bad input found after the options were parsed: a file that is not what its option or
 * parameter wants. The commands print its message as their one error line and exit 2.
 */
final class BadInput extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, naming the file */
  BadInput(String message) {
    super(message);
  }
}
