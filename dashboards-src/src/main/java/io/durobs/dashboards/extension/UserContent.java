package io.durobs.dashboards.extension;

import io.durobs.dashboards.rules.AlertRule;
import io.durobs.dashboards.rules.RecordingRule;
import io.durobs.dashboards.rules.RuleGroup;
import io.durobs.dashboards.rules.RuleTest;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.toolkit.grafana.Dashboard;
import io.durobs.toolkit.grafana.DashboardBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What one extension adds to the engine's content; immutable, built with {@link #named}.
 *
 * <p>Its rule groups are rendered to {@code prometheus/rules/NAME.yaml} and its promtool tests
 * to {@code prometheus/tests/NAME.test.yaml}; its dashboards to
 * {@code grafana/dashboards/UID.json} (the uid without the configured prefix), like the
 * engine's.
 */
public final class UserContent {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

  /** Nothing: the engine's content alone. */
  public static final UserContent NONE = new Builder("none").build();

  private final String name;
  private final List<MetricDefinition> metrics;
  private final List<Dashboard> dashboards;
  private final Map<String, List<Consumer<DashboardBuilder>>> engineDashboardAdditions;
  private final List<RuleGroup> ruleGroups;
  private final List<RuleTest> ruleTests;

  private UserContent(Builder b) {
    this.name = b.name;
    this.metrics = List.copyOf(b.metrics);
    this.dashboards = List.copyOf(b.dashboards);
    Map<String, List<Consumer<DashboardBuilder>>> additions = new LinkedHashMap<>();
    b.additions.forEach((uid, list) -> additions.put(uid, List.copyOf(list)));
    this.engineDashboardAdditions = java.util.Collections.unmodifiableMap(additions);
    this.ruleGroups = List.copyOf(b.ruleGroups);
    this.ruleTests = List.copyOf(b.ruleTests);
  }

  /**
   * A builder for the additions of the extension with this name (lower case, digits and
   * dashes: it names the rule and test files).
   *
   * @throws IllegalArgumentException for another name
   */
  public static Builder named(String name) {
    return new Builder(name);
  }

  /** The name: the stem of the rule and test files. */
  public String name() {
    return name;
  }

  /** The extra metrics, in the catalogue's types. */
  public List<MetricDefinition> metrics() {
    return metrics;
  }

  /** The extra dashboards. */
  public List<Dashboard> dashboards() {
    return dashboards;
  }

  /** What to add to the engine's dashboards, by dashboard uid, in order. */
  public Map<String, List<Consumer<DashboardBuilder>>> engineDashboardAdditions() {
    return engineDashboardAdditions;
  }

  /** The rule groups (alerting and recording rules). */
  public List<RuleGroup> ruleGroups() {
    return ruleGroups;
  }

  /** The alerting rules of every group. */
  public List<AlertRule> alerts() {
    return ruleGroups.stream().flatMap(g -> g.alerts().stream()).toList();
  }

  /** The recording rules of every group. */
  public List<RecordingRule> recordings() {
    return ruleGroups.stream().flatMap(g -> g.recordings().stream()).toList();
  }

  /** The promtool tests of the rules. */
  public List<RuleTest> ruleTests() {
    return ruleTests;
  }

  /** True when it adds nothing. */
  public boolean isEmpty() {
    return metrics.isEmpty() && dashboards.isEmpty() && engineDashboardAdditions.isEmpty()
        && ruleGroups.isEmpty() && ruleTests.isEmpty();
  }

  /** {@code prometheus/rules/NAME.yaml}. */
  public String rulesPath() {
    return "prometheus/rules/" + name + ".yaml";
  }

  /** {@code prometheus/tests/NAME.test.yaml}. */
  public String testsPath() {
    return "prometheus/tests/" + name + ".test.yaml";
  }

  @Override
  public String toString() {
    return "UserContent(" + name + ")";
  }

  /** Builds a {@link UserContent}; every argument is required (no nulls). */
  public static final class Builder {

    private final String name;
    private final List<MetricDefinition> metrics = new ArrayList<>();
    private final List<Dashboard> dashboards = new ArrayList<>();
    private final Map<String, List<Consumer<DashboardBuilder>>> additions = new LinkedHashMap<>();
    private final List<RuleGroup> ruleGroups = new ArrayList<>();
    private final List<RuleTest> ruleTests = new ArrayList<>();

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("extension name '" + name
            + "' must be lower case letters, digits and dashes, starting with a letter");
      }
      this.name = name;
    }

    /** A metric of this project (see {@link MetricDefinition#builder}). */
    public Builder metric(MetricDefinition metric) {
      metrics.add(Objects.requireNonNull(metric, "metric"));
      return this;
    }

    /** A dashboard of this project. */
    public Builder dashboard(Dashboard dashboard) {
      dashboards.add(Objects.requireNonNull(dashboard, "dashboard"));
      return this;
    }

    /**
     * Rows and panels added below the last panel of one of the engine's dashboards, through a
     * builder that continues it ({@link DashboardBuilder#extending}).
     *
     * @param dashboardUid the engine dashboard's uid, e.g. {@code config.productionUid()}
     * @param rows what to add: {@code b -> b.withRow(...).withPanel(...)}
     */
    public Builder addToDashboard(String dashboardUid, Consumer<DashboardBuilder> rows) {
      additions.computeIfAbsent(Objects.requireNonNull(dashboardUid, "dashboardUid"),
          k -> new ArrayList<>()).add(Objects.requireNonNull(rows, "rows"));
      return this;
    }

    /** A rule group: alerting and recording rules over this project's (or the engine's) series. */
    public Builder rules(RuleGroup group) {
      ruleGroups.add(Objects.requireNonNull(group, "group"));
      return this;
    }

    /** A promtool test of the rules (every alert needs a firing and a quiet case). */
    public Builder ruleTest(RuleTest test) {
      ruleTests.add(Objects.requireNonNull(test, "test"));
      return this;
    }

    /** The additions. */
    public UserContent build() {
      return new UserContent(this);
    }
  }
}
