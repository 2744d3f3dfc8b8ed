package io.durobs.it.logs;

import java.util.Map;

/**
 * One log record as the engine sent it over OTLP.
 *
 * @param timeUnixNano the record's timestamp
 * @param severityText the severity ({@code INFO}, {@code ERROR}, ...)
 * @param body the message
 * @param resource the resource attributes ({@code service.name}, ...)
 * @param attributes the record's attributes ({@code instance_id}, {@code orchestration_name}, ...)
 */
public record LogRecord(long timeUnixNano, String severityText, String body,
    Map<String, String> resource, Map<String, String> attributes) {

  public LogRecord {
    resource = Map.copyOf(resource);
    attributes = Map.copyOf(attributes);
  }
}
