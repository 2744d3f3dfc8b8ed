package io.durobs.engine.catalogue;

/** The OpenTelemetry instrument kind of a catalogue metric. */
public enum MetricKind {
  /** A monotonic sum ({@code LongCounter}); Prometheus adds {@code _total}. */
  COUNTER,
  /** An explicit-bucket histogram; Prometheus exposes {@code _bucket}, {@code _sum}, {@code _count}. */
  HISTOGRAM,
  /** An asynchronous gauge whose value is read by a callback. */
  GAUGE
}
