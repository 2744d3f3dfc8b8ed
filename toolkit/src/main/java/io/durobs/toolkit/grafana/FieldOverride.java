package io.durobs.toolkit.grafana;

import java.util.List;
import java.util.Map;

/**
 * A field override: properties applied to the fields a matcher selects.
 *
 * @param matcher {@code {"id": "byName", "options": "failed"}} and the like
 * @param properties {@code {"id": "color", "value": {...}}} and the like
 */
public record FieldOverride(Map<String, Object> matcher, List<Map<String, Object>> properties) {
  public FieldOverride {
    properties = List.copyOf(properties);
  }
}
