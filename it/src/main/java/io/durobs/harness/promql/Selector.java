package io.durobs.harness.promql;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A vector selector found in an expression, with where it sits.
 *
 * @param metric the metric name, or null for a selector of matchers only ({@code {job="x"}})
 * @param matchers the label matchers (without the name; a {@code __name__} matcher stays here)
 * @param range the range of a range-vector selector ({@code [5m]}), or null
 * @param function the innermost function or aggregation the selector is an argument of
 *     ({@code rate}, {@code sum}, ...), or null at top level
 */
public record Selector(String metric, List<LabelMatcher> matchers, Duration range, String function) {

  private static final Pattern LEGACY_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  public Selector {
    matchers = List.copyOf(matchers);
  }

  /** The selector as an instant-vector selector text, e.g. {@code up{job="x"}}. */
  public String text() {
    return text(matchers);
  }

  /** The selector with only the given matchers, e.g. {@code up{job="x"}}. */
  public String text(List<LabelMatcher> kept) {
    String ms = kept.stream().map(LabelMatcher::toString).collect(Collectors.joining(","));
    if (metric == null) {
      return "{" + ms + "}";
    }
    if (LEGACY_NAME.matcher(metric).matches()) {
      return metric + "{" + ms + "}";
    }
    // UTF-8 names (dots) are written quoted inside the braces
    return "{\"" + metric.replace("\"", "\\\"") + "\"" + (ms.isEmpty() ? "" : "," + ms) + "}";
  }

  /** The same selector with only the name (or only the name matcher) kept. */
  public String nameOnly() {
    if (metric != null) {
      return text(List.of());
    }
    return "{" + matchers.stream().filter(m -> m.label().equals("__name__"))
        .map(LabelMatcher::toString).collect(Collectors.joining(",")) + "}";
  }

  /** True when the enclosing function needs two samples in the range ({@code rate}, ...). */
  public boolean needsTwoSamples() {
    return function != null && List.of("rate", "irate", "increase", "delta", "idelta", "deriv",
        "predict_linear", "resets", "changes").contains(function);
  }
}
