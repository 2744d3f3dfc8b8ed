package io.durobs.toolkit.grafana;

import java.util.List;

/**
 * A field's thresholds.
 *
 * @param mode {@code absolute} or {@code percentage}
 * @param steps ascending steps; the first is the base step
 */
public record Thresholds(String mode, List<ThresholdStep> steps) {
  public Thresholds {
    steps = List.copyOf(steps);
  }
}
