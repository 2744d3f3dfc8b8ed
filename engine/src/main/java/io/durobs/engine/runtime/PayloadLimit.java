package io.durobs.engine.runtime;

import io.durobs.engine.api.InvalidInputException;

/**
 * The largest payload the engine stores: orchestration inputs and outputs, activity inputs and
 * results, event payloads, continue-as-new inputs, cancel reasons and failure messages. Every one
 * of them is held in memory (history cache, turn, activity request) and written to the store, so
 * one unbounded value can exhaust the heap of every engine process that loads its instance. The
 * size is the UTF-8 length, which is what PostgreSQL stores.
 *
 * @param maxBytes the limit in bytes
 */
record PayloadLimit(int maxBytes) {

  /** The default: see {@link DurableRuntime#DEFAULT_MAX_PAYLOAD_BYTES}. */
  static final int DEFAULT_MAX_BYTES = DurableRuntime.DEFAULT_MAX_PAYLOAD_BYTES;

  /** The failure kind of an orchestration or activity that produced a payload over the limit. */
  static final String FAILURE_KIND = "payload_too_large";

  PayloadLimit {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxPayloadBytes must be >= 1, got " + maxBytes);
    }
  }

  /** The UTF-8 size of {@code text} (0 for null). */
  static long utf8Bytes(String text) {
    if (text == null) {
      return 0;
    }
    long n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** True when {@code text} is within the limit (a quick test before counting bytes). */
  boolean allows(String text) {
    return text == null || (long) text.length() * 3 <= maxBytes || utf8Bytes(text) <= maxBytes;
  }

  /**
   * Returns {@code text} when it is within the limit.
   *
   * @param what names the value, e.g. "input of orchestration 'greet'"
   * @throws InvalidInputException naming the value, its size and the limit
   */
  String check(String text, String what) {
    if (!allows(text)) {
      throw new InvalidInputException(tooLarge(text, what));
    }
    return text;
  }

  /**
   * {@code text} cut to fit the limit with a note saying so: for failure messages, which are
   * diagnostics (an exception's message may embed a whole input) rather than data.
   */
  String truncate(String text) {
    if (allows(text)) {
      return text;
    }
    String note = " [truncated: " + utf8Bytes(text) + " bytes; the limit is " + maxBytes + "]";
    int keep = Math.max(0, (maxBytes - note.length()) / 3);
    if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    return text.substring(0, keep) + note;
  }

  /** The one-line message for an oversized value. */
  String tooLarge(String text, String what) {
    return what + " is " + utf8Bytes(text) + " bytes of UTF-8; the limit is " + maxBytes
        + " bytes (DurableRuntime.Builder.maxPayloadBytes)";
  }
}
