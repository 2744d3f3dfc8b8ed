package io.durobs.toolkit.grafana.read;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grafana's template variable references in text: {@code $name}, {@code ${name}} with an
 * optional {@code .fieldPath} and {@code :format}, and the deprecated {@code [[name:format]]}.
 * The one place that knows the syntax: the lint finds references with it, the harness
 * substitutes values through it.
 */
public final class TemplateVariables {

  // Grafana's variableRegex (public/app/features/variables/utils.ts)
  private static final Pattern REFERENCE = Pattern.compile(
      "\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?\\]\\]|\\$\\{(\\w+)(?:\\.([^:^}]+))?(?::([^}]+))?}");

  /** Variables Grafana defines itself (global and data-link variables). */
  public static final Set<String> BUILT_IN = Set.of("__rate_interval", "__rate_interval_ms",
      "__interval", "__interval_ms", "__range", "__range_s", "__range_ms", "__auto", "__from",
      "__to", "__now", "__dashboard", "__org", "__user", "__timeFilter", "timeFilter",
      "__timezone", "__all", "__name", "__url_time_range", "__url", "__data", "__field",
      "__series", "__value", "__cell", "__searchFilter", "__time", "__timeGroup",
      "__timeGroupAlias");

  /**
   * One reference as written.
   *
   * @param name the variable name
   * @param format the format ({@code ${x:csv}}, {@code [[x:regex]]}), or null
   * @param text the reference's whole text
   */
  public record Reference(String name, String format, String text) {

    /**
     * True for a purely numeric name ({@code $1}): a regex group in {@code label_replace} or a
     * unit, not a variable.
     */
    public boolean isNumeric() {
      return name.chars().allMatch(Character::isDigit);
    }
  }

  private TemplateVariables() {}

  /** The variable names referenced in {@code text}, in order of first use; numeric names left out. */
  public static Set<String> referenced(String text) {
    Set<String> names = new LinkedHashSet<>();
    if (text == null) {
      return names;
    }
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      Reference r = reference(m);
      if (!r.isNumeric()) {
        names.add(r.name());
      }
    }
    return names;
  }

  /**
   * Replaces every reference with what {@code replacement} returns for it (return
   * {@link Reference#text()} to leave it as written).
   */
  public static String replace(String text, Function<Reference, String> replacement) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(reference(m))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Reference reference(Matcher m) {
    String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(4);
    String format = m.group(3) != null ? m.group(3) : m.group(6);
    return new Reference(name, format, m.group());
  }
}
