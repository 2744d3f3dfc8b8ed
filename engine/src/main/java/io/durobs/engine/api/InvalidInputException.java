package io.durobs.engine.api;

/**
 * A caller passed something the engine rejects before writing anything: an empty, over-long or
 * control-character instance id, a blank name, or input that is not valid JSON. The message
 * names what was wrong and where.
 */
public class InvalidInputException extends DurableException {

  /** A rejection with a one-line message. */
  public InvalidInputException(String message) {
    super(message);
  }

  /** A rejection with a one-line message and the parser's exception. */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
