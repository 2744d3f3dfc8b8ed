package io.durobs.toolkit.lint;

import java.util.Collection;
import java.util.Comparator;

/**
 * The nearest-name suggestion of lint messages ("unknown metric 'x'; nearest: y"). Not to be
 * confused with the engine's {@code io.durobs.engine.api.Names} (name validation).
 */
public final class NearestName {

  private NearestName() {}

  /**
   * The candidate closest to {@code name}, or {@code "(none)"}: most shared {@code _}-separated
   * words first (so a renamed metric finds its new name, not a look-alike of another metric),
   * then fewest edits (so a typo finds its correction).
   */
  public static String of(String name, Collection<String> candidates) {
    return candidates.stream()
        .min(Comparator.<String>comparingDouble(c -> -sharedWords(name, c))
            .thenComparingInt(c -> distance(name, c)).thenComparing(c -> c))
        .orElse("(none)");
  }

  /** Jaccard similarity of the {@code _}-separated words. */
  static double sharedWords(String a, String b) {
    java.util.Set<String> wa = new java.util.HashSet<>(java.util.List.of(a.split("_")));
    java.util.Set<String> wb = new java.util.HashSet<>(java.util.List.of(b.split("_")));
    java.util.Set<String> union = new java.util.HashSet<>(wa);
    union.addAll(wb);
    wa.retainAll(wb);
    return union.isEmpty() ? 0 : (double) wa.size() / union.size();
  }

  /**
   * The candidate a typo of {@code name} most likely meant: the nearest by edits, if at most a
   * quarter of the name's characters (and at least two) differ; null when none is that close.
   */
  public static String typoOf(String name, Collection<String> candidates) {
    int allowed = Math.max(2, name.length() / 4);
    return candidates.stream().filter(c -> !c.equals(name))
        .min(Comparator.<String>comparingInt(c -> distance(name, c)).thenComparing(c -> c))
        .filter(c -> distance(name, c) <= allowed).orElse(null);
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
