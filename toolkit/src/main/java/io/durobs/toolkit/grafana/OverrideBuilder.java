package io.durobs.toolkit.grafana;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link FieldOverride}: a matcher and the properties it applies. */
public final class OverrideBuilder implements Builder<FieldOverride> {

  private final Map<String, Object> matcher;
  private final List<Map<String, Object>> properties = new ArrayList<>();

  private OverrideBuilder(String id, Object options) {
    this.matcher = new LinkedHashMap<>();
    matcher.put("id", id);
    matcher.put("options", options);
  }

  /** Fields whose display name is {@code name}. */
  public static OverrideBuilder byName(String name) {
    return new OverrideBuilder("byName", name);
  }

  /** Fields whose display name matches {@code regex}. */
  public static OverrideBuilder byRegexp(String regex) {
    return new OverrideBuilder("byRegexp", regex);
  }

  /** Fields returned by the query with this refId. */
  public static OverrideBuilder byQuery(String refId) {
    return new OverrideBuilder("byFrameRefID", refId);
  }

  /** A fixed colour for the matched fields. */
  public OverrideBuilder fixedColor(String color) {
    return property("color", Map.of("mode", "fixed", "fixedColor", color));
  }

  /** Another unit for the matched fields. */
  public OverrideBuilder unit(String unit) {
    return property("unit", unit);
  }

  /** Another display name for the matched fields. */
  public OverrideBuilder displayName(String name) {
    return property("displayName", name);
  }

  /** Any property by id. */
  public OverrideBuilder property(String id, Object value) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", id);
    p.put("value", value);
    properties.add(p);
    return this;
  }

  @Override
  public FieldOverride build() {
    return new FieldOverride(Map.copyOf(matcher), properties);
  }
}
