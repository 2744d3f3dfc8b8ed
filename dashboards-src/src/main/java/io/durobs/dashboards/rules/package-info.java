/**
 * The Prometheus alert and recording rules for the engine, and their {@code promtool test rules}
 * unit tests, as Java data. Expressions are built with {@code io.durobs.toolkit.promql} from
 * catalogue entries; test input series are built from the same entries, so a renamed metric breaks
 * the definitions at compile time rather than the rules at run time.
 *
 * <p>{@link io.durobs.dashboards.rules.EngineRules} is the rule set of a
 * {@link io.durobs.dashboards.config.ContentConfig} (objective, burn-rate windows, thresholds, job
 * selector, runbook URL); {@link io.durobs.dashboards.rules.EngineRuleTests} its tests;
 * {@link io.durobs.dashboards.rules.RuleFiles} renders both, at a
 * {@link io.durobs.dashboards.rules.RuleTiming}; {@link io.durobs.dashboards.rules.Runbooks}
 * renders the runbook every alert links to. An {@link io.durobs.dashboards.rules.AlertRule} is
 * built by name with its builder.
 *
 * <p>{@link io.durobs.dashboards.rules.AlertMatrix} is the alert behaviour matrix: one fixture per
 * alert (the series its fault moves, its detection delay) checked under six conditions (fires
 * within its delay, quiet when healthy, across a data gap and after a counter reset, persists and
 * resolves, only the affected job) at production timing; the runbook states each alert's delay
 * from it. {@link io.durobs.dashboards.rules.CollectorSelfMetrics} names the collector's own
 * metrics the pipeline alerts read (outside the engine's catalogue).
 */
package io.durobs.dashboards.rules;
