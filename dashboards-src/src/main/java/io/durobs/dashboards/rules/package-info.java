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
 */
package io.durobs.dashboards.rules;
