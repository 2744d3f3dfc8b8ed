package io.durobs.dashboards.rules;

import java.util.Locale;

/** How urgent an alert is; routes it in Alertmanager. */
public enum Severity {
  /** Someone must act now (pages). */
  CRITICAL,
  /** Someone must look today (ticket). */
  WARNING,
  /** For dashboards and context only. */
  INFO;

  /** The label value. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
