package io.durobs.engine.api;

/**
 * Validation of the identifiers callers pass in: instance ids, orchestration, activity and event
 * names. They are stored and used as metric labels, so they must be short, printable text.
 */
public final class Names {

  /** The longest id or name accepted. */
  public static final int MAX_LENGTH = 255;

  private Names() {}

  /**
   * Returns {@code value} when it is a valid id or name.
   *
   * @param what names the value in the message, e.g. "instance id"
   * @throws InvalidInputException when it is null, empty, longer than {@value #MAX_LENGTH}
   *     characters or contains a control character
   */
  public static String require(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new InvalidInputException(what + " is empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidInputException(what + " is " + value.length()
          + " characters long; the limit is " + MAX_LENGTH + " (starts with '"
          + value.substring(0, 20) + "')");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidInputException(what + " '" + printable(value)
            + "' contains the control character U+" + String.format("%04X", (int) c)
            + " at position " + i);
      }
    }
    return value;
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }
}
