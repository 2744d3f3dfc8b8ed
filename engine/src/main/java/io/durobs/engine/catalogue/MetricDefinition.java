package io.durobs.engine.catalogue;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One metric of the catalogue: the single place its name, kind, unit, meaning and labels are
 * written. Everything else (engine instruments, dashboards, rules, coverage, the harness) derives
 * from it.
 *
 * @param number the row number in {@code metric-catalogue.md} (1-based)
 * @param otelName the dotted OpenTelemetry instrument name
 * @param kind the instrument kind
 * @param unit the UCUM unit ({@code s}, or an annotation such as {@code {orchestration}})
 * @param description the meaning, as stated in the catalogue
 * @param labels the labels, in catalogue order
 * @param buckets explicit histogram bucket boundaries (bucket advice); empty for other kinds
 * @param formerNames the names the seed's engine gave this metric before a rename, each as
 *     documented in the references; empty for most metrics
 */
public record MetricDefinition(
    int number,
    String otelName,
    MetricKind kind,
    String unit,
    String description,
    List<Label> labels,
    List<Double> buckets,
    List<FormerName> formerNames) {

  public MetricDefinition {
    Objects.requireNonNull(otelName, "otelName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(description, "description");
    labels = List.copyOf(labels);
    buckets = List.copyOf(buckets);
    formerNames = List.copyOf(formerNames);
    if ((kind == MetricKind.HISTOGRAM) == buckets.isEmpty()) {
      throw new IllegalArgumentException(otelName + ": buckets are required for histograms only");
    }
  }

  /** A metric that was never renamed. */
  public MetricDefinition(int number, String otelName, MetricKind kind, String unit,
      String description, List<Label> labels, List<Double> buckets) {
    this(number, otelName, kind, unit, description, labels, buckets, List.of());
  }

  /** This metric with the names it had before (see {@link FormerName}). */
  public MetricDefinition withFormerNames(FormerName... names) {
    return new MetricDefinition(number, otelName, kind, unit, description, labels, buckets,
        List.of(names));
  }

  /**
   * When {@code selected} names a series of one of this metric's former names: what to select
   * instead; else empty.
   */
  public Optional<FormerName.Renamed> renamedFrom(String selected) {
    return formerNames.stream().map(f -> f.renamedFrom(selected, this)).filter(Objects::nonNull)
        .findFirst();
  }

  /** The Prometheus name by the standard translation (for a histogram, the base name). */
  public String prometheusName() {
    return PrometheusNaming.metricName(otelName, kind, unit);
  }

  /**
   * The Prometheus series names this metric produces: the name itself, or for a histogram its
   * {@code _bucket}, {@code _sum} and {@code _count} series.
   */
  public List<String> prometheusSeriesNames() {
    String base = prometheusName();
    if (kind == MetricKind.HISTOGRAM) {
      return List.of(base + "_bucket", base + "_sum", base + "_count");
    }
    return List.of(base);
  }

  /** The label with this name, if the metric has it. */
  public Optional<Label> label(String name) {
    return labels.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  /** The labels with a closed list of allowed values. */
  public List<Label> enumeratedLabels() {
    return labels.stream().filter(Label::isEnumerated).toList();
  }

  /** The number of enumerated label values of this metric (its share of the coverage total). */
  public int enumeratedValueCount() {
    return enumeratedLabels().stream().mapToInt(l -> l.allowedValues().size()).sum();
  }
}
