package io.durobs.it.grafana;

import io.durobs.toolkit.grafana.read.TemplateVariable;
import io.durobs.toolkit.grafana.read.TemplateVariables;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Substitutes template variables into query text the way Grafana's template service does for
 * the Prometheus data source: the three reference syntaxes ({@code $var}, {@code ${var}} with
 * optional {@code :format}, {@code [[var]]}), Prometheus' default formatting (a single value
 * as is; several values or a multi/All variable regex-escaped and joined as {@code (a|b)}), a
 * custom "All" value inserted raw, and Grafana's named formats. Unknown variables stay as
 * written, as in Grafana.
 */
public final class Interpolator {

  private Interpolator() {}

  /**
   * Replaces variable references.
   *
   * @param text the query text
   * @param variables the resolved dashboard variables by name
   * @param builtIns Grafana's built-in variables (name without {@code $} → value); a name
   *     absent here is left as written, for a backend that computes it itself
   */
  public static String interpolate(String text, Map<String, ResolvedVariable> variables,
      Map<String, String> builtIns) {
    return TemplateVariables.replace(text, r -> {
      if (builtIns.containsKey(r.name())) {
        return builtIns.get(r.name());
      }
      if (variables.containsKey(r.name())) {
        return format(variables.get(r.name()), r.format(), variables, builtIns);
      }
      return r.text();
    });
  }

  /**
   * The names of the variables the text references (built-ins included, e.g. {@code __interval};
   * regex groups such as {@code $1} left out).
   */
  public static List<String> references(String text) {
    return List.copyOf(TemplateVariables.referenced(text));
  }

  private static String format(ResolvedVariable v, String format, Map<String, ResolvedVariable> variables,
      Map<String, String> builtIns) {
    TemplateVariable def = v.definition();
    if (v.all() && def.allValue() != null && !"text".equals(format) && !"percentencode".equals(format)) {
      // Grafana skips formatting of a custom All value and interpolates it as it is
      return interpolate(def.allValue(), variables, builtIns);
    }
    List<String> values = v.selected();
    if (format == null) {
      return prometheusDefault(values, def.multi() || def.includeAll());
    }
    return switch (format) {
      case "raw" -> String.join(",", values);
      case "regex" -> values.size() == 1 ? regexEscape(values.get(0))
          : "(" + values.stream().map(Interpolator::regexEscape).collect(Collectors.joining("|")) + ")";
      case "pipe" -> String.join("|", values);
      case "csv", "text" -> String.join(",", values);
      case "glob" -> values.size() == 1 ? values.get(0) : "{" + String.join(",", values) + "}";
      case "json" -> values.stream().map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
          .collect(Collectors.joining(",", values.size() == 1 && !def.multi() ? "" : "[", values.size() == 1 && !def.multi() ? "" : "]"));
      case "doublequote" -> join(values, s -> "\"" + s.replace("\"", "\\\"") + "\"");
      case "singlequote" -> join(values, s -> "'" + s.replace("'", "\\'") + "'");
      case "sqlstring" -> join(values, s -> "'" + s.replace("'", "''") + "'");
      case "percentencode" -> URLEncoder.encode(String.join(",", values), StandardCharsets.UTF_8).replace("+", "%20");
      case "queryparam" -> values.stream()
          .map(s -> "var-" + def.name() + "=" + URLEncoder.encode(s, StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
      case "lucene" -> values.size() == 1 ? luceneEscape(values.get(0))
          : "(" + values.stream().map(s -> "\"" + luceneEscape(s) + "\"").collect(Collectors.joining(" OR ")) + ")";
      default -> prometheusDefault(values, def.multi() || def.includeAll());
    };
  }

  /** The Prometheus data source's {@code interpolateQueryExpr}. */
  static String prometheusDefault(List<String> values, boolean multiOrAll) {
    if (!multiOrAll) {
      return values.isEmpty() ? "" : regularEscape(values.get(0));
    }
    if (values.size() == 1) {
      return regexEscape(values.get(0));
    }
    return "(" + values.stream().map(Interpolator::regexEscape).collect(Collectors.joining("|")) + ")";
  }

  /** {@code prometheusRegularEscape}: backslashes doubled, single quotes escaped. */
  static String regularEscape(String s) {
    return s.replace("\\", "\\\\").replace("'", "\\\\'");
  }

  /** {@code prometheusSpecialRegexEscape}: backslashes and regex metacharacters escaped for a PromQL string. */
  static String regexEscape(String s) {
    return s.replace("\\", "\\\\\\\\").replaceAll("[$^*{}\\[\\]+?.()|]", "\\\\\\\\$0");
  }

  private static String luceneEscape(String s) {
    return s.replaceAll("([+\\-&|!(){}\\[\\]^\"~*?:\\\\/])", "\\\\$1");
  }

  private static String join(List<String> values, Function<String, String> f) {
    return values.stream().map(f).collect(Collectors.joining(","));
  }
}
