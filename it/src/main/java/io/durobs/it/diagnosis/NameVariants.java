package io.durobs.it.diagnosis;

import io.durobs.engine.catalogue.PrometheusNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The translation variants of a metric name: the forms the same OpenTelemetry instrument takes
 * depending on exporter and translation strategy (with or without {@code _total}, with or
 * without a unit suffix, dots kept as UTF-8 or turned into underscores). The unit suffixes are
 * the words the standard translation appends ({@link PrometheusNaming#unitSuffixWords()}).
 */
public final class NameVariants {

  private static final Set<String> UNIT_SUFFIXES = PrometheusNaming.unitSuffixWords();
  private static final List<String> TYPE_SUFFIXES = List.of("total", "bucket", "sum", "count");

  private NameVariants() {}

  /**
   * The name reduced to what every variant shares: dots as underscores, without the type suffix
   * ({@code _total}, {@code _bucket}, {@code _sum}, {@code _count}) and the unit suffix.
   */
  public static String stem(String name) {
    String n = withoutTypeSuffix(name.replace('.', '_').replaceAll("__+", "_").toLowerCase(Locale.ROOT));
    String unit = unitSuffix(n);
    return unit.isEmpty() ? n : n.substring(0, n.length() - unit.length() - 1);
  }

  /** The histogram series suffix of a name ({@code _bucket}, {@code _sum}, {@code _count}), or empty. */
  private static String seriesSuffix(String name) {
    for (String t : List.of("bucket", "sum", "count")) {
      if (name.endsWith("_" + t)) {
        return t;
      }
    }
    return "";
  }

  /**
   * Among the present names, the variants of the wanted one: same stem, and for a histogram
   * series the same {@code _bucket}/{@code _sum}/{@code _count} part.
   */
  public static List<String> variantsOf(String wanted, List<String> present) {
    String stem = stem(wanted);
    String part = seriesSuffix(wanted.replace('.', '_'));
    List<String> out = new ArrayList<>();
    for (String p : present) {
      if (!p.equals(wanted) && stem(p).equals(stem)
          && (part.isEmpty() || seriesSuffix(p.replace('.', '_')).equals(part))) {
        out.add(p);
      }
    }
    return out;
  }

  /** How {@code found} differs from {@code wanted}, e.g. "without `_total`". */
  public static String describe(String wanted, String found) {
    List<String> parts = new ArrayList<>();
    if (found.contains(".") != wanted.contains(".")) {
      parts.add(found.contains(".") ? "with dots (untranslated UTF-8 name)" : "with underscores instead of dots");
    }
    boolean wantTotal = wanted.endsWith("_total");
    boolean hasTotal = found.endsWith("_total");
    if (wantTotal != hasTotal) {
      parts.add(hasTotal ? "with `_total`" : "without `_total`");
    }
    String wu = unit(wanted);
    String fu = unit(found);
    if (!wu.equals(fu)) {
      if (fu.isEmpty()) {
        parts.add("without the unit suffix `_" + wu + "`");
      } else if (wu.isEmpty()) {
        parts.add("with the unit suffix `_" + fu + "`");
      } else {
        parts.add("with unit `_" + fu + "` instead of `_" + wu + "`");
      }
    }
    return parts.isEmpty() ? "a differently written name" : String.join(", ", parts);
  }

  private static String unit(String name) {
    return unitSuffix(withoutTypeSuffix(name.replace('.', '_')));
  }

  /** The name without its type suffix ({@code _total}, {@code _bucket}, ...), if it has one. */
  private static String withoutTypeSuffix(String n) {
    for (String t : TYPE_SUFFIXES) {
      if (n.endsWith("_" + t)) {
        return n.substring(0, n.length() - t.length() - 1);
      }
    }
    return n;
  }

  /** The unit suffix word the name ends with ({@code seconds}), or empty. */
  private static String unitSuffix(String n) {
    for (String u : UNIT_SUFFIXES) {
      if (n.endsWith("_" + u)) {
        return u;
      }
    }
    return "";
  }
}
