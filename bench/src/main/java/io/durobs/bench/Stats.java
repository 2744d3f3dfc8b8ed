package io.durobs.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics of measured values. */
final class Stats {

  private Stats() {}

  /**
   * The {@code q} quantile (0..1) of {@code values}, nearest rank; NaN when empty.
   */
  static double quantile(double[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** The median of {@code values} (the mean of the middle two for an even count); NaN when empty. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Min, median and max of {@code values}. */
  static Spread spread(List<Double> values) {
    return new Spread(values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
        median(values), values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
  }

  /**
   * Min, median and max over repeated runs.
   *
   * @param min the lowest
   * @param median the median
   * @param max the highest
   */
  record Spread(double min, double median, double max) {}
}
