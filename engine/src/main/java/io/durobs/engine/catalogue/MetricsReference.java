package io.durobs.engine.catalogue;

import static io.durobs.engine.catalogue.MetricCatalogue.DEFAULT_LABEL_VALUE_LIMIT;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The metrics reference page, rendered from {@link MetricCatalogue} so that it can never drift
 * from what the engine emits: one Markdown table row per metric with its number, Prometheus
 * name, OpenTelemetry name, kind, unit, labels with their allowed values, meaning (with the
 * names the seed's engine used before a rename) and bucket boundaries.
 *
 * <p>The output is deterministic (catalogue order, no timestamps, {@code \n} line ends), so the
 * committed {@value #PATH} changes only when the catalogue does.
 */
public final class MetricsReference {

  /** Where the page lives, relative to {@code generated/}. */
  public static final String PATH = "docs/metrics.md";

  private MetricsReference() {}

  /** The whole page. */
  public static String render() {
    StringBuilder md = new StringBuilder();
    md.append("# Metrics reference\n\n")
        .append("<!-- Rendered from io.durobs.engine.catalogue.MetricCatalogue; do not edit. -->\n\n")
        .append("The engine emits these ").append(MetricCatalogue.all().size())
        .append(" metrics on the meter `").append(MetricCatalogue.METER_NAME)
        .append("`, over OTLP. The Prometheus name is what the standard OpenTelemetry to ")
        .append("Prometheus translation produces (dots to `_`, unit suffix, `_total` on counters). ")
        .append("Every series carries the resource as `job` (`service.name`, default ")
        .append("`duroxide-engine`) and `instance` (`service.instance.id`, unique per process).\n\n")
        .append("Kinds: counter (monotonic sum), histogram (explicit buckets: `_bucket`, `_sum`, ")
        .append("`_count`), gauge (observed at each export). A label written with its values is ")
        .append("enumerated: it takes exactly those values (")
        .append(MetricCatalogue.enumeratedValueCount())
        .append(" in all). A label without values takes the names registered with the engine ")
        .append("(orchestration, activity or event names, `unregistered` for unknown ones), at ")
        .append("most the engine's label value limit of them per process (")
        .append("`DurableRuntime.Builder.metricLabelValueLimit`, default ")
        .append(DEFAULT_LABEL_VALUE_LIMIT).append("); later names are reported as `")
        .append(MetricCatalogue.OVERFLOW_VALUE).append("` and counted by `")
        .append(MetricCatalogue.TELEMETRY_LABEL_OVERFLOW.prometheusName())
        .append("` (see the series budget below).\n\n")
        .append("A metric the seed's engine (duroxide as toygres used it) named differently lists ")
        .append("its former names (\"Formerly\"); the validator and the lint point a query of a ")
        .append("former name to the new one.\n\n")
        .append("Gauges marked cluster-wide are read from the store; every engine process ")
        .append("reports the same value, so aggregate them with `max`, never `sum`.\n\n")
        .append("| # | Prometheus name | OpenTelemetry name | Kind | Unit | Labels | Meaning | Buckets |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (MetricDefinition m : MetricCatalogue.all()) {
      md.append("| ").append(m.number())
          .append(" | `").append(m.prometheusName()).append('`')
          .append(" | `").append(m.otelName()).append('`')
          .append(" | ").append(m.kind().name().toLowerCase(java.util.Locale.ROOT))
          .append(" | `").append(m.unit()).append('`')
          .append(" | ").append(labels(m.labels()))
          .append(" | ").append(cell(m.description())).append(formerly(m.formerNames()))
          .append(" | ").append(buckets(m.buckets()))
          .append(" |\n");
    }
    seriesBudget(md);
    return md.toString();
  }

  /**
   * The most series one engine process can produce, per metric and in all, at the default label
   * value limit, so that an operator can size Prometheus (and the formula for another limit).
   */
  private static void seriesBudget(StringBuilder md) {
    int limit = DEFAULT_LABEL_VALUE_LIMIT;
    md.append("\n## Series budget per process\n\n")
        .append("Each name label (")
        .append(MetricCatalogue.NAME_LABELS.stream().map(l -> "`" + l.name() + "`")
            .collect(Collectors.joining(", ")))
        .append(") takes at most L values per process plus `")
        .append(MetricCatalogue.OVERFLOW_VALUE).append("`; `")
        .append(MetricCatalogue.OVERFLOWED_LABEL.name()).append("` takes the ")
        .append(MetricCatalogue.NAME_LABELS.size()).append(" name labels' names; an ")
        .append("enumerated label takes its values. A metric's budget is the product of its ")
        .append("labels' value counts (attribute sets), times buckets + 3 in Prometheus for a ")
        .append("histogram (`+Inf`, `_sum`, `_count`). The engine's telemetry sets each ")
        .append("instrument's OpenTelemetry SDK cardinality limit to its budget plus one, so the ")
        .append("SDK never folds series into `otel.metric.overflow` silently. Most metrics stay ")
        .append("far below their budget: it assumes every combination of names occurs.\n\n")
        .append("At L = ").append(limit).append(" (the default):\n\n")
        .append("| Prometheus name | Value counts | Attribute sets | Prometheus series |\n")
        .append("|---|---|---|---|\n");
    long sets = 0;
    long series = 0;
    for (MetricDefinition m : MetricCatalogue.all()) {
      long s = MetricCatalogue.seriesBudget(m, limit);
      long p = MetricCatalogue.prometheusSeriesBudget(m, limit);
      sets += s;
      series += p;
      md.append("| `").append(m.prometheusName()).append("` | ")
          .append(m.labels().isEmpty() ? "1" : m.labels().stream()
              .map(l -> MetricCatalogue.labelValueBudget(l, limit) + " `" + l.name() + "`")
              .collect(Collectors.joining(" × ")))
          .append(" | ").append(s).append(" | ").append(p).append(" |\n");
    }
    md.append("| **all** | | **").append(sets).append("** | **").append(series)
        .append("** |\n");
  }

  private static String labels(List<Label> labels) {
    if (labels.isEmpty()) {
      return "none";
    }
    return labels.stream().map(l -> l.isEnumerated()
            ? "`" + l.name() + "` ∈ " + l.allowedValues().stream().map(v -> "`" + v + "`")
                .collect(Collectors.joining(", "))
            : "`" + l.name() + "`")
        .collect(Collectors.joining("; "));
  }

  private static String formerly(List<FormerName> names) {
    if (names.isEmpty()) {
      return "";
    }
    return " Formerly " + names.stream().map(f -> "`" + f.name() + "`"
            + (f.label() == null ? "" : " (now `" + f.label() + "=\"" + f.value() + "\"`)"))
        .collect(Collectors.joining(", ")) + ".";
  }

  private static String buckets(List<Double> buckets) {
    if (buckets.isEmpty()) {
      return "";
    }
    return buckets.stream().map(b -> BigDecimal.valueOf(b).stripTrailingZeros().toPlainString())
        .collect(Collectors.joining(", "));
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
