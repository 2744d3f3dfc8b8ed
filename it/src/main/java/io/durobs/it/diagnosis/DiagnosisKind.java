package io.durobs.it.diagnosis;

/**
 * Why a query returned nothing, in the order a reader should fix things (after pint's
 * {@code promql/series}).
 */
public enum DiagnosisKind {
  /** Prometheus rejected the query (syntax, type error, unknown function, timeout). */
  QUERY_ERROR("query error"),
  /** A template variable the query uses resolved to no value. */
  VARIABLE_EMPTY("variable without value"),
  /** No series of the metric in the lookback window, under any related name. */
  METRIC_NEVER_PRESENT("metric never present"),
  /** The metric is absent, but a translation variant of its name is present. */
  PRESENT_UNDER_OTHER_NAME("present under another name"),
  /** The metric is present but never carries a label the query requires. */
  LABEL_MISSING("label missing"),
  /** The label is present but never had a value the query requires. */
  LABEL_VALUE_NEVER_SEEN("label value never seen"),
  /** Matching series exist, but not in the dashboard's time range. */
  OUTSIDE_TIME_RANGE("outside the time range"),
  /** A range selector's window holds fewer samples than its function needs. */
  RANGE_TOO_SHORT("range too short"),
  /** Every selector has data; the expression's operators remove it all. */
  EXPRESSION_FILTERS_ALL("selectors have data, the expression removes it");

  private final String title;

  DiagnosisKind(String title) {
    this.title = title;
  }

  /** A short human title for reports. */
  public String title() {
    return title;
  }
}
