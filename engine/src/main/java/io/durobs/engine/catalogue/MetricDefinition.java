package io.durobs.engine.catalogue;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One metric of the catalogue: the single place its name, kind, unit, meaning and labels are
 * written. Everything else (engine instruments, dashboards, rules, coverage, the harness) derives
 * from it.
 *
 * @param number the row number in {@code metric-catalogue.md} (1-based); 0 for a metric outside
 *     the catalogue ({@link #builder})
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

  /**
   * A builder for a metric outside the engine's catalogue: a user's project declares its own
   * metrics in the catalogue's types, so the same dashboards, rules, lint and coverage apply to
   * them. Such a metric has no catalogue row: its {@link #number()} is 0.
   *
   * <pre>{@code
   * MetricDefinition created = MetricDefinition.builder("toygres.instances.created",
   *         MetricKind.COUNTER, "{instance}")
   *     .description("Instances created, by region.")
   *     .label(Label.enumerated("region", "eu-west", "us-east"))
   *     .build();
   * }</pre>
   *
   * @param otelName the dotted OpenTelemetry instrument name
   * @param kind the instrument kind
   * @param unit the UCUM unit
   * @return the builder
   */
  public static Builder builder(String otelName, MetricKind kind, String unit) {
    return new Builder(otelName, kind, unit);
  }

  /** Builds a {@link MetricDefinition} outside the catalogue; see {@link #builder}. */
  public static final class Builder {

    private final String otelName;
    private final MetricKind kind;
    private final String unit;
    private String description;
    private final java.util.ArrayList<Label> labels = new java.util.ArrayList<>();
    private List<Double> buckets = List.of();

    private Builder(String otelName, MetricKind kind, String unit) {
      this.otelName = Objects.requireNonNull(otelName, "otelName");
      this.kind = Objects.requireNonNull(kind, "kind");
      this.unit = Objects.requireNonNull(unit, "unit");
    }

    /** What the metric means (required). */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /** Adds a label, in order. */
    public Builder label(Label label) {
      labels.add(Objects.requireNonNull(label, "label"));
      return this;
    }

    /** The explicit bucket boundaries of a histogram (required for histograms only). */
    public Builder buckets(Double... boundaries) {
      this.buckets = List.of(boundaries);
      return this;
    }

    /**
     * The metric.
     *
     * @throws IllegalStateException naming the metric when it has no description
     * @throws IllegalArgumentException when buckets are given for a non-histogram or missing
     *     for a histogram
     */
    public MetricDefinition build() {
      if (description == null) {
        throw new IllegalStateException("metric " + otelName + " has no description");
      }
      return new MetricDefinition(0, otelName, kind, unit, description, labels, buckets);
    }
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
