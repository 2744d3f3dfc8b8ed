package io.durobs.it.catalogue;

import java.util.List;

/**
 * A catalogue metric seen through the pipeline.
 *
 * @param otelName the OpenTelemetry name
 * @param prometheusName the computed Prometheus name
 * @param present true when Prometheus holds series under every computed series name
 * @param valuesExpected the enumerated label values the catalogue allows
 * @param valuesSeen of those, the ones Prometheus holds ({@code label=value})
 * @param missing what is missing: series names, label values
 */
public record MetricCheck(String otelName, String prometheusName, boolean present,
    int valuesExpected, int valuesSeen, List<String> missing) {

  public MetricCheck {
    missing = List.copyOf(missing);
  }
}
