package io.durobs.collector;

import java.util.Locale;

/** The telemetry signal a pipeline carries. */
public enum Signal {
  /** Spans. */
  TRACES,
  /** Metric data points. */
  METRICS,
  /** Log records. */
  LOGS;

  /**
   * The pipeline type as written in {@code service.pipelines}.
   *
   * @return e.g. {@code "metrics"}
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
