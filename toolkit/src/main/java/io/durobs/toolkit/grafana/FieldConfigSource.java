package io.durobs.toolkit.grafana;

import java.util.List;

/**
 * A panel's field configuration.
 *
 * @param defaults the defaults for every field
 * @param overrides per-field overrides
 */
public record FieldConfigSource(FieldConfig defaults, List<FieldOverride> overrides) {
  public FieldConfigSource {
    overrides = List.copyOf(overrides);
  }
}
