package io.durobs.toolkit.grafana;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link Thresholds}: a base colour, then ascending steps. Steps must ascend, so an
 * inverted scale (a success rate that turns red when it is high) has to be written as one:
 * red base, then yellow, then green.
 */
public final class ThresholdsBuilder implements Builder<Thresholds> {

  private String mode = "absolute";
  private String base = "green";
  private final List<ThresholdStep> steps = new ArrayList<>();

  /** Percentage mode (steps relative to min..max) instead of absolute values. */
  public ThresholdsBuilder percentage() {
    this.mode = "percentage";
    return this;
  }

  /** The colour below the first step. */
  public ThresholdsBuilder base(String color) {
    this.base = color;
    return this;
  }

  /** From {@code value} upwards, {@code color}. Values must ascend. */
  public ThresholdsBuilder step(double value, String color) {
    if (!steps.isEmpty() && steps.get(steps.size() - 1).value() >= value) {
      throw new IllegalArgumentException("threshold steps must ascend: " + value + " after "
          + steps.get(steps.size() - 1).value());
    }
    steps.add(new ThresholdStep(color, value));
    return this;
  }

  @Override
  public Thresholds build() {
    List<ThresholdStep> all = new ArrayList<>();
    all.add(new ThresholdStep(base, null));
    all.addAll(steps);
    return new Thresholds(mode, all);
  }
}
