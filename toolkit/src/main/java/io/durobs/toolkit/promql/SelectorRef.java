package io.durobs.toolkit.promql;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One vector selector found in an expression.
 *
 * @param metric the series name ({@code __name__} from an equality matcher if the name is not
 *     written before the braces), or null when it is only matched by regex
 * @param matchers the label matchers other than {@code __name__}
 * @param range the range in brackets ({@code 5m}, {@code $__rate_interval}), or null
 * @param enclosing the calls and parentheses around it, innermost first
 * @param position the character offset of the selector in the expression
 */
public record SelectorRef(String metric, List<LabelMatcher> matchers, String range,
    List<Enclosing> enclosing, int position) {

  private static final Pattern LEGACY_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  public SelectorRef {
    matchers = List.copyOf(matchers);
    enclosing = List.copyOf(enclosing);
  }

  /** The innermost function or aggregation around the selector (plain parentheses skipped). */
  public Optional<Enclosing> innermostCall() {
    return enclosing.stream().filter(e -> e.function() != null).findFirst();
  }

  /** The innermost aggregation around the selector. */
  public Optional<Enclosing> innermostAggregation() {
    return enclosing.stream().filter(Enclosing::aggregation).findFirst();
  }

  /** True when some enclosing call has this name. */
  public boolean isInside(String function) {
    return enclosing.stream().anyMatch(e -> function.equals(e.function()));
  }

  /** The selector as an instant-vector selector, e.g. {@code up{job="x"}} (range and offset dropped). */
  public String text() {
    return text(matchers);
  }

  /**
   * The selector with only the {@code kept} matchers, as an instant-vector selector. A name outside
   * the legacy character set (dots) is written quoted inside the braces, as Prometheus 3 reads it.
   */
  public String text(List<LabelMatcher> kept) {
    String ms = kept.stream().map(LabelMatcher::text).collect(Collectors.joining(","));
    if (metric == null) {
      return "{" + ms + "}";
    }
    if (LEGACY_NAME.matcher(metric).matches()) {
      return metric + "{" + ms + "}";
    }
    return "{" + Selector.quote(metric) + (ms.isEmpty() ? "" : "," + ms) + "}";
  }

  /** The selector reduced to its name (or to its {@code __name__} matchers when it has no name). */
  public String nameOnly() {
    if (metric != null) {
      return text(List.of());
    }
    return text(matchers.stream().filter(m -> m.label().equals("__name__")).toList());
  }
}
