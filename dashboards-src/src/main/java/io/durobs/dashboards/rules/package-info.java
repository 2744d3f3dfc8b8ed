/**
 * The Prometheus alert and recording rules for the engine, and their {@code promtool test rules}
 * unit tests, as Java data. Expressions are built with {@code io.durobs.toolkit.promql} from catalogue
 * entries; test input series are built from the same entries, so a renamed metric breaks the
 * definitions at compile time rather than the rules at run time.
 *
 * <p>{@link io.durobs.dashboards.rules.EngineRules} is the rule set; {@link io.durobs.dashboards.rules.EngineRuleTests}
 * its tests; {@link io.durobs.dashboards.rules.Runbooks} renders the runbook every alert links to.
 */
package io.durobs.dashboards.rules;
