package io.durobs.engine.catalogue;

import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The standard OpenTelemetry → Prometheus metric name translation, as done by the collector's
 * {@code prometheus} and {@code prometheusremotewrite} exporters and by Prometheus 3's OTLP
 * receiver with the default {@code UnderscoreEscapingWithSuffixes} strategy.
 *
 * <p>Invalid characters become {@code _} (runs collapsed); the unit, with curly-brace annotations
 * such as {@code {event}} dropped and abbreviations spelled out ({@code s} → {@code seconds}),
 * is appended unless the name already contains it; monotonic counters get {@code _total}.
 */
public final class PrometheusNaming {

  private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9_:]");
  private static final Pattern UNDERSCORES = Pattern.compile("__+");
  private static final Pattern ANNOTATION = Pattern.compile("\\{[^}]*}");

  private static final Map<String, String> UNIT_WORDS = Map.ofEntries(
      Map.entry("d", "days"), Map.entry("h", "hours"), Map.entry("min", "minutes"),
      Map.entry("s", "seconds"), Map.entry("ms", "milliseconds"),
      Map.entry("us", "microseconds"), Map.entry("ns", "nanoseconds"),
      Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"),
      Map.entry("GiBy", "gibibytes"), Map.entry("KBy", "kilobytes"), Map.entry("MBy", "megabytes"),
      Map.entry("GBy", "gigabytes"), Map.entry("bit", "bits"), Map.entry("%", "percent"),
      Map.entry("Hz", "hertz"), Map.entry("V", "volts"), Map.entry("W", "watts"),
      Map.entry("Cel", "celsius"), Map.entry("m", "meters"));

  /** Gauges of unit {@code 1} get this suffix. */
  private static final String RATIO = "ratio";

  private PrometheusNaming() {}

  /**
   * Every word this translation appends as a unit suffix ({@code seconds}, {@code bytes},
   * {@code ratio}, ...), e.g. to recognise a name written with or without its unit.
   */
  public static SortedSet<String> unitSuffixWords() {
    SortedSet<String> words = new TreeSet<>(UNIT_WORDS.values());
    words.add(RATIO);
    return Collections.unmodifiableSortedSet(words);
  }

  /** The Prometheus metric name (for a histogram, the base name before {@code _bucket}). */
  public static String metricName(String otelName, MetricKind kind, String unit) {
    String name = sanitize(otelName);
    String suffix = unitSuffix(unit, kind);
    if (!suffix.isEmpty() && !containsToken(name, suffix)) {
      name = name + "_" + suffix;
    }
    if (kind == MetricKind.COUNTER && !name.endsWith("_total")) {
      name = name + "_total";
    }
    return name;
  }

  /** Sanitizes a name or label key: invalid characters to {@code _}, runs of {@code _} collapsed. */
  public static String sanitize(String name) {
    String s = UNDERSCORES.matcher(INVALID.matcher(name).replaceAll("_")).replaceAll("_");
    return Character.isDigit(s.charAt(0)) ? "_" + s : s;
  }

  /** The unit's Prometheus suffix, empty when the unit adds none (annotations, empty unit). */
  static String unitSuffix(String unit, MetricKind kind) {
    if (unit == null) {
      return "";
    }
    String u = ANNOTATION.matcher(unit).replaceAll("").trim();
    if (u.isEmpty()) {
      return "";
    }
    if (u.equals("1")) {
      return kind == MetricKind.GAUGE ? RATIO : "";
    }
    int slash = u.indexOf('/');
    if (slash > 0) {
      String per = u.substring(slash + 1);
      String perWord = switch (per) {
        case "s" -> "second";
        case "m" -> "minute";
        case "h" -> "hour";
        case "d" -> "day";
        case "w" -> "week";
        case "mo" -> "month";
        case "y" -> "year";
        default -> UNIT_WORDS.getOrDefault(per, per);
      };
      return sanitize(UNIT_WORDS.getOrDefault(u.substring(0, slash), u.substring(0, slash)) + "_per_" + perWord);
    }
    return sanitize(UNIT_WORDS.getOrDefault(u, u));
  }

  private static boolean containsToken(String name, String suffix) {
    return name.equals(suffix) || name.endsWith("_" + suffix) || name.contains("_" + suffix + "_")
        || name.startsWith(suffix + "_");
  }
}
