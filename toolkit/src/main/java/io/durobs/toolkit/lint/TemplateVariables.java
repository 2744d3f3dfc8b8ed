package io.durobs.toolkit.lint;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds Grafana template variable references in text: {@code $x}, {@code ${x:fmt}}, {@code [[x]]}. */
public final class TemplateVariables {

  private static final Pattern REFERENCE = Pattern.compile(
      "\\$\\{([A-Za-z0-9_]+)(?:[.:][^}]*)?}|\\$([A-Za-z_][A-Za-z0-9_]*)|\\[\\[([A-Za-z0-9_]+)(?::[^]]*)?]]");

  /** Variables Grafana defines itself (global and data-link variables). */
  public static final Set<String> BUILT_IN = Set.of("__rate_interval", "__rate_interval_ms",
      "__interval", "__interval_ms", "__range", "__range_s", "__range_ms", "__auto", "__from",
      "__to", "__now", "__dashboard", "__org", "__user", "__timeFilter", "timeFilter",
      "__timezone", "__all", "__name", "__url_time_range", "__url", "__data", "__field",
      "__series", "__value", "__cell", "__searchFilter", "__time", "__timeGroup",
      "__timeGroupAlias");

  private TemplateVariables() {}

  /** The names referenced in {@code text}, in order of first use. */
  public static Set<String> referenced(String text) {
    Set<String> names = new LinkedHashSet<>();
    if (text == null) {
      return names;
    }
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      if (!name.chars().allMatch(Character::isDigit)) {
        names.add(name);
      }
    }
    return names;
  }
}
