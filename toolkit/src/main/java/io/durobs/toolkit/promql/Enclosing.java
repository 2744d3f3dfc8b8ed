package io.durobs.toolkit.promql;

import java.util.List;

/**
 * A call, aggregation or parenthesis around a selector.
 *
 * @param function the function or aggregation name, or null for plain parentheses
 * @param aggregation true for aggregation operators ({@code sum}, {@code max}, ...)
 * @param groupingMode {@code by}, {@code without}, or null when the aggregation has no grouping
 * @param groupingLabels the labels of the grouping clause
 */
public record Enclosing(String function, boolean aggregation, String groupingMode,
    List<String> groupingLabels) {

  public Enclosing {
    groupingLabels = List.copyOf(groupingLabels);
  }

  /** True when this aggregation's result still carries {@code label}. */
  public boolean keeps(String label) {
    if (!aggregation) {
      return true;
    }
    if ("by".equals(groupingMode)) {
      return groupingLabels.contains(label);
    }
    if ("without".equals(groupingMode)) {
      return !groupingLabels.contains(label);
    }
    // count_values adds a label but keeps nothing else; every other bare aggregation drops all.
    return false;
  }
}
