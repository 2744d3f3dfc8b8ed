package io.durobs.toolkit.promql;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link PromQlScanner} read from one expression.
 *
 * @param text the expression
 * @param selectors every vector selector, in order of appearance
 * @param functions every function and aggregation name called, in order
 * @param groupingLabels labels named in {@code by}, {@code without}, {@code on},
 *     {@code ignoring}, {@code group_left} and {@code group_right} clauses
 * @param ranges every range or subquery range written in brackets, with the function it is
 *     passed to (null when none)
 */
public record ScannedQuery(String text, List<SelectorRef> selectors, List<String> functions,
    List<String> groupingLabels, List<RangeRef> ranges) {

  /**
   * A range in brackets.
   *
   * @param range the text between the brackets (before a subquery's {@code :step})
   * @param function the function it is an argument of, or null
   */
  public record RangeRef(String range, String function) {}

  public ScannedQuery {
    selectors = List.copyOf(selectors);
    functions = List.copyOf(functions);
    groupingLabels = List.copyOf(groupingLabels);
    ranges = List.copyOf(ranges);
  }

  /** The distinct metric names selected, sorted. */
  public Set<String> metricNames() {
    Set<String> names = new TreeSet<>();
    selectors.forEach(s -> {
      if (s.metric() != null) {
        names.add(s.metric());
      }
    });
    return names;
  }
}
