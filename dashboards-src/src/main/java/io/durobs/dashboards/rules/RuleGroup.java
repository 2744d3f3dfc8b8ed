package io.durobs.dashboards.rules;

import java.util.List;

/**
 * A rule group: rules evaluated together, in order, at the group's interval.
 *
 * @param name the group name (unique per Prometheus)
 * @param interval the group's evaluation interval; {@code null}: Prometheus' global one
 * @param rules the rules ({@link AlertRule} or {@link RecordingRule})
 */
public record RuleGroup(String name, String interval, List<Object> rules) {

  /** A group evaluated at Prometheus' global evaluation interval. */
  public RuleGroup(String name, List<Object> rules) {
    this(name, null, rules);
  }

  public RuleGroup {
    rules = List.copyOf(rules);
    for (Object r : rules) {
      if (!(r instanceof AlertRule) && !(r instanceof RecordingRule)) {
        throw new IllegalArgumentException("not a rule: " + r);
      }
    }
  }

  /** The group's alerting rules. */
  public List<AlertRule> alerts() {
    return rules.stream().filter(AlertRule.class::isInstance).map(AlertRule.class::cast).toList();
  }

  /** The group's recording rules. */
  public List<RecordingRule> recordings() {
    return rules.stream().filter(RecordingRule.class::isInstance).map(RecordingRule.class::cast)
        .toList();
  }
}
