package io.durobs.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How inputs, outputs and results map to JSON: Jackson with default settings (public fields,
 * getters and records), rejecting trailing garbage. Every JSON the engine stores passed through
 * here, so "malformed JSON" is caught before anything is written.
 */
public final class JsonCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private JsonCodec() {}

  /** The mapper (shared, thread-safe; do not reconfigure). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Encodes a value; {@code null} becomes JSON {@code null}.
   *
   * @param what names the value in the error message, e.g. "input of orchestration 'x'"
   * @throws InvalidInputException when the value cannot be encoded
   */
  public static String encode(Object value, String what) {
    try {
      return Names.requireStorableJson(MAPPER.writeValueAsString(value), what);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(what + " cannot be encoded as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  /**
   * Checks that {@code json} is one well-formed JSON value and returns it unchanged.
   *
   * @throws InvalidInputException naming {@code what} and the parser's position otherwise
   */
  public static String validate(String json, String what) {
    if (json == null) {
      throw new InvalidInputException(what + " is missing (use \"null\" for no value)");
    }
    try {
      MAPPER.readTree(json);
      if (json.isBlank()) {
        throw new InvalidInputException(what + " is not valid JSON: it is empty");
      }
      return Names.requireStorableJson(json, what);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new InvalidInputException(what + " is not valid JSON: " + e.getOriginalMessage()
          + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr()
          + ")"), e);
    }
  }

  /**
   * Decodes {@code json} (may be {@code null}, meaning no value) to {@code type}.
   *
   * @throws InvalidInputException naming {@code what} when it does not fit
   */
  public static <T> T decode(String json, Class<T> type, String what) {
    if (json == null) {
      return null;
    }
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(what + " cannot be read as " + type.getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
  }
}
