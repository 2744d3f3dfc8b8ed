package io.durobs.promql;

import java.util.List;
import java.util.Optional;

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
}
