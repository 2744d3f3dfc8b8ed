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
    return requireStorable(value, what);
  }

  /**
   * Returns {@code text} when PostgreSQL stores it exactly: no U+0000 (text columns refuse it)
   * and no unpaired UTF-16 surrogate (UTF-8 cannot encode one; the driver would store {@code ?}
   * in its place, so two different ids would become the same one). Checked before anything is
   * written, for every id, name, reason and JSON text the engine stores.
   *
   * @param what names the value in the message, e.g. "cancel reason"
   * @throws InvalidInputException naming the value, the character and its position
   */
  public static String requireStorable(String text, String what) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        throw new InvalidInputException(what + " contains U+0000 (NUL) at position " + i
            + ", which PostgreSQL cannot store");
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++; // a proper pair: one supplementary character
      } else if (Character.isSurrogate(c)) {
        throw new InvalidInputException(what + " contains an unpaired UTF-16 surrogate U+"
            + String.format("%04X", (int) c) + " at position " + i
            + ", which cannot be stored as UTF-8 (it would become '?')");
      }
    }
    return text;
  }

  /**
   * Returns {@code json} when its text and every string it escapes are storable as
   * {@link #requireStorable} says: {@code \u0000} and unpaired surrogate escapes
   * ({@code \ud800} alone) are refused as well as the raw characters, since PostgreSQL's
   * {@code jsonb} rejects them at the commit, long after the caller was told "accepted".
   */
  public static String requireStorableJson(String json, String what) {
    requireStorable(json, what);
    int pendingHigh = -1; // position of a \uD800-\uDBFF escape waiting for its low half
    for (int i = 0; i < json.length(); i++) {
      if (json.charAt(i) != '\\' || i + 1 >= json.length()) {
        continue;
      }
      if (json.charAt(i + 1) != 'u' || i + 6 > json.length()) {
        i++; // an escape such as \\ or \": skip the escaped character
        continue;
      }
      int code = Integer.parseInt(json.substring(i + 2, i + 6), 16);
      if (pendingHigh >= 0 && !Character.isLowSurrogate((char) code)) {
        throw unpairedEscape(what, pendingHigh);
      }
      if (code == 0) {
        throw new InvalidInputException(what + " contains the escape \\u0000 (NUL) at position "
            + i + ", which PostgreSQL cannot store");
      }
      if (Character.isHighSurrogate((char) code)) {
        pendingHigh = i;
      } else if (Character.isLowSurrogate((char) code) && pendingHigh < 0) {
        throw unpairedEscape(what, i);
      } else {
        pendingHigh = -1;
      }
      i += 5;
    }
    if (pendingHigh >= 0) {
      throw unpairedEscape(what, pendingHigh);
    }
    return json;
  }

  private static InvalidInputException unpairedEscape(String what, int position) {
    return new InvalidInputException(what + " contains an unpaired surrogate escape at position "
        + position + ", which cannot be stored");
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }
}
