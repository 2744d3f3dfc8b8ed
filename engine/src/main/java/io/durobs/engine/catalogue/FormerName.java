package io.durobs.engine.catalogue;

import java.util.List;
import java.util.Objects;

/**
 * A Prometheus name a catalogue metric had in the seed's engine (duroxide as toygres used it),
 * recorded so that a dashboard written against the old name is pointed at the new one instead of
 * being told the metric does not exist. Only renames the references document are recorded.
 *
 * @param name the old name as dashboards selected it: a counter with or without {@code _total}
 *     as it was written, a histogram by its base name (its {@code _bucket}, {@code _sum} and
 *     {@code _count} series follow)
 * @param label when the old name was one of several per-value metrics that became one label of
 *     the new metric: that label; else null
 * @param value the label's value standing for the old name; null when {@code label} is
 */
public record FormerName(String name, String label, String value) {

  private static final List<String> HISTOGRAM_SERIES = List.of("_bucket", "_sum", "_count");

  public FormerName {
    Objects.requireNonNull(name, "name");
    if ((label == null) != (value == null)) {
      throw new IllegalArgumentException(name + ": a former name's label needs a value");
    }
  }

  /** A plain rename. */
  public static FormerName of(String name) {
    return new FormerName(name, null, null);
  }

  /** An old per-value metric that is now the series of {@code metric} with {@code label=value}. */
  public static FormerName asLabel(String name, String label, String value) {
    return new FormerName(name, label, value);
  }

  /**
   * What a selector of {@code selected} should select instead, when {@code selected} is this
   * former name or one of its series (and not the current name itself); null otherwise. The series part is kept: an old
   * {@code _bucket} selects the new metric's {@code _bucket}; an old counter name selects the new
   * counter whether or not it was written with {@code _total}. Dots count as underscores (the
   * duroxide guide wrote the old names dotted).
   *
   * @param selected the metric name a query selects
   * @param metric the metric this is a former name of
   */
  Renamed renamedFrom(String selected, MetricDefinition metric) {
    String wanted = selected.replace('.', '_');
    String series = switch (metric.kind()) {
      case HISTOGRAM -> histogramSeries(wanted, metric.prometheusName());
      case COUNTER -> withoutTotal(wanted).equals(withoutTotal(name)) ? metric.prometheusName() : null;
      case GAUGE -> wanted.equals(name) ? metric.prometheusName() : null;
    };
    return series == null || series.equals(wanted) ? null : new Renamed(selected, metric, this, series);
  }

  private String histogramSeries(String wanted, String base) {
    if (wanted.equals(name)) {
      return base;
    }
    return HISTOGRAM_SERIES.stream().filter(s -> wanted.equals(name + s)).map(s -> base + s)
        .findFirst().orElse(null);
  }

  private static String withoutTotal(String n) {
    return n.endsWith("_total") ? n.substring(0, n.length() - "_total".length()) : n;
  }

  /**
   * A selected name found to be a former name.
   *
   * @param selected the name as the query wrote it
   * @param metric the catalogue metric it became
   * @param former the recorded former name it matched
   * @param series the new series name with the same series part
   */
  public record Renamed(String selected, MetricDefinition metric, FormerName former, String series) {

    /** The selector to use instead: the series, with the label standing for the old name. */
    public String replacement() {
      return former.label() == null ? series : series + "{" + former.label() + "=\"" + former.value() + "\"}";
    }

    /**
     * The one-line advice: {@code renamed: use `x`}, plus what else changed (the old name's
     * milliseconds are the new name's seconds).
     */
    public String advice() {
      String unitChange = former.name().endsWith("_ms") && metric.unit().equals("s")
          ? " (values in seconds; the old name's were milliseconds)" : "";
      return "renamed: use `" + replacement() + "`" + unitChange;
    }
  }
}
