package io.durobs.engine.catalogue;

import java.util.List;
import java.util.Objects;

/**
 * A label (OpenTelemetry attribute key) of a catalogue metric.
 *
 * <p>A label is either <em>enumerated</em> (a closed list of allowed values that every run of the
 * catalogue workload must produce) or <em>open</em>: its values are names registered with the
 * engine (orchestration, activity or event names), bounded by the user's code rather than by the
 * catalogue, and in each process by the engine's label value limit
 * ({@link MetricCatalogue#NAME_LABELS}, {@link MetricCatalogue#OVERFLOW_VALUE}).
 *
 * @param name the attribute key, which is also the Prometheus label name
 * @param allowedValues the allowed values in catalogue order; empty for an open label
 */
public record Label(String name, List<String> allowedValues) {

  public Label {
    Objects.requireNonNull(name, "name");
    allowedValues = List.copyOf(allowedValues);
  }

  /** An open label whose values are names registered with the engine. */
  public static Label open(String name) {
    return new Label(name, List.of());
  }

  /** An enumerated label with a closed list of allowed values. */
  public static Label enumerated(String name, String... values) {
    return new Label(name, List.of(values));
  }

  /** True when the label has a closed list of allowed values. */
  public boolean isEnumerated() {
    return !allowedValues.isEmpty();
  }

  /** True when {@code value} may appear on this label (always for an open label). */
  public boolean allows(String value) {
    return !isEnumerated() || allowedValues.contains(value);
  }

  /** The same label restricted to a subset of its values (used where a metric allows fewer). */
  public Label restrictedTo(String... values) {
    for (String v : values) {
      if (!allowedValues.contains(v)) {
        throw new IllegalArgumentException("label " + name + " does not allow '" + v + "'");
      }
    }
    return new Label(name, List.of(values));
  }
}
