package io.durobs.toolkit.grafana;

import java.util.Set;

/**
 * Grafana unit ids (the SDK's {@code units} constants), and the set of ids Grafana 12 knows
 * ({@code packages/grafana-data/src/valueFormats/categories.ts}) so linters can reject typos.
 */
public final class Units {

  /** Seconds, scaled to ms/µs/min/h for display. */
  public static final String SECONDS = "s";
  /** Bytes (IEC: KiB, MiB, ...). */
  public static final String BYTES = "bytes";
  /** Milliseconds. */
  public static final String MILLISECONDS = "ms";
  /** Operations per second. */
  public static final String OPS_PER_SECOND = "ops";
  /** Requests per second. */
  public static final String REQUESTS_PER_SECOND = "reqps";
  /** Counts per second. */
  public static final String COUNTS_PER_SECOND = "cps";
  /** A ratio 0.0-1.0 shown as a percentage. */
  public static final String PERCENT_UNIT = "percentunit";
  /** A plain number scaled with K/Mil/Bil. */
  public static final String SHORT = "short";
  /** A plain number, unscaled. */
  public static final String NONE = "none";

  private static final Set<String> KNOWN = Set.of(
      // Misc
      "none", "string", "short", "percent", "percentunit", "humidity", "dB", "hex0x", "hex", "sci",
      "locale", "pixel",
      // Data
      "bits", "bytes", "kbytes", "mbytes", "gbytes", "tbytes", "pbytes", "decbits", "decbytes",
      "deckbytes", "decmbytes", "decgbytes", "dectbytes", "decpbytes",
      // Data rate
      "pps", "bps", "Bps", "KBs", "Kbits", "MBs", "Mbits", "GBs", "Gbits", "TBs", "Tbits", "PBs",
      "Pbits",
      // Date & time
      "dateTimeAsIso", "dateTimeAsIsoNoDateIfToday", "dateTimeAsUS", "dateTimeAsUSNoDateIfToday",
      "dateTimeFromNow",
      // Time
      "hertz", "ns", "µs", "ms", "s", "m", "h", "d", "dtdurationms", "dtdurations", "dthms",
      "dtdhms", "timeticks", "clockms", "clocks",
      // Throughput
      "cps", "ops", "reqps", "rps", "wps", "iops", "cpm", "opm", "rpm", "wpm");

  /** Prefixes of Grafana's custom units ({@code suffix:/s}, {@code si:B}, ...). */
  private static final Set<String> CUSTOM_PREFIXES =
      Set.of("suffix:", "prefix:", "si:", "count:", "currency:", "time:");

  private Units() {}

  /**
   * True when Grafana knows the unit: a built-in id of the categories above (the ones a
   * dashboard about a service uses; exotic physical units are not listed) or a custom unit.
   */
  public static boolean isKnown(String unit) {
    if (unit == null || unit.isBlank()) {
      return false;
    }
    return KNOWN.contains(unit) || CUSTOM_PREFIXES.stream().anyMatch(unit::startsWith);
  }
}
