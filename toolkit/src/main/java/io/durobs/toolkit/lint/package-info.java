/**
 * Static checks over rendered artefacts, written against plain JSON/YAML trees so they run on
 * any dashboard or rule file, not only ours: catalogue references (unknown metric, label or
 * label value, with the nearest catalogue name), PromQL hygiene (counters only under
 * rate/increase, histogram buckets keep {@code le}, cluster-wide gauges through {@code max},
 * {@code $__rate_interval}), dashboard lint (ids, uids, data sources, variables, units,
 * descriptions) and coverage both ways between the catalogue and the panels and rules.
 *
 * <p>Entry points: {@link io.durobs.toolkit.lint.DashboardLint}, {@link io.durobs.toolkit.lint.RuleLint},
 * {@link io.durobs.toolkit.lint.Coverage}, all over a {@link io.durobs.toolkit.lint.MetricUniverse}.
 */
package io.durobs.toolkit.lint;
