package io.durobs.it.check;

/** The outcome of one target. Only {@link #DATA} passes. */
public enum TargetStatus {
  /** The query returned at least one sample. */
  DATA,
  /** The query ran and returned nothing. */
  EMPTY,
  /** The query was rejected, or could not be prepared (unknown variable, library panel). */
  ERROR,
  /** Not checked (hidden in the panel, or a data source type nothing here can run); not a pass. */
  SKIPPED
}
