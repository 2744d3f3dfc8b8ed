package io.durobs.it.diagnosis;

/**
 * Why a query returned nothing, in the order a reader should fix things (after pint's
 * {@code promql/series}).
 */
public enum DiagnosisKind {
  /** The target's data source reference resolves to no provisioned data source. */
  DATASOURCE_UNKNOWN("unknown data source"),
  /** Prometheus rejected the query (syntax, type error, unknown function, timeout). */
  QUERY_ERROR("query error"),
  /** A template variable the query uses resolved to no value. */
  VARIABLE_EMPTY("variable without value"),
  /** No series of the metric in the lookback window, under any related name. */
  METRIC_NEVER_PRESENT("metric never present"),
  /** The metric is absent, but a translation variant of its name is present. */
  PRESENT_UNDER_OTHER_NAME("present under another name"),
  /**
   * The metric is absent and its name is one the catalogue records as a former name: the
   * catalogue's name replaces it.
   */
  METRIC_RENAMED("metric renamed"),
  /** The metric is present but never carries a label the query requires. */
  LABEL_MISSING("label missing"),
  /** The label is present but never had a value the query requires. */
  LABEL_VALUE_NEVER_SEEN("label value never seen"),
  /** Matching series exist, but not in the dashboard's time range. */
  OUTSIDE_TIME_RANGE("outside the time range"),
  /** A range selector's window holds fewer samples than its function needs. */
  RANGE_TOO_SHORT("range too short"),
  /** Every selector has data; the expression's operators remove it all. */
  EXPRESSION_FILTERS_ALL("selectors have data, the expression removes it"),
  /** A query the diagnosis itself sent failed; the target's own result stands. */
  DIAGNOSIS_FAILED("diagnosis query failed"),
  /** A warning annotation Prometheus attached to the answer. */
  PROMETHEUS_WARNING("Prometheus warning"),
  /** An info annotation Prometheus attached to the answer ("metric might not be a counter"). */
  PROMETHEUS_INFO("Prometheus info"),
  /** The legend template names a label none of the returned series carries. */
  LEGEND_LABEL_MISSING("legend label missing");

  private final String title;

  DiagnosisKind(String title) {
    this.title = title;
  }

  /** A short human title for reports. */
  public String title() {
    return title;
  }
}
