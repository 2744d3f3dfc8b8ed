package io.durobs.engine.catalogue;

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
        .append("(orchestration, activity or event names, `unregistered` for unknown ones).\n\n")
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
    return md.toString();
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
