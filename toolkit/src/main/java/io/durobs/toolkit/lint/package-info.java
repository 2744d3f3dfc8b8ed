/**
 * Static checks over rendered artefacts, written against any dashboard or rule file, not only
 * ours: catalogue references (unknown metric, label or label value, with the nearest catalogue
 * name, or for a metric's former name the name that replaced it), PromQL hygiene (counters only under rate/increase, histogram buckets keep {@code le},
 * cluster-wide gauges through {@code max}, {@code $__rate_interval}), dashboard lint (ids, uids,
 * data sources, variables, units, descriptions, library panels that cannot be checked) and
 * coverage both ways between a catalogue and the panels and rules.
 *
 * <p>Dashboards come in through {@link io.durobs.toolkit.grafana.read.DashboardReader} (both
 * JSON schemas, collapsed rows, library panel references); rule files as parsed YAML trees. The
 * catalogue is a parameter: {@link io.durobs.toolkit.lint.MetricUniverse#of} takes the metric
 * definitions, so the toolkit holds the model but never a project's metrics.
 *
 * <p>Entry points: {@link io.durobs.toolkit.lint.DashboardLint}, {@link io.durobs.toolkit.lint.RuleLint},
 * {@link io.durobs.toolkit.lint.Coverage}, all over a {@link io.durobs.toolkit.lint.MetricUniverse}.
 * {@link io.durobs.toolkit.lint.LintRules} lists the checks by id with what each checks and its
 * fix; a {@link io.durobs.toolkit.lint.Finding} takes its location apart into dashboard, uid,
 * panel and refId.
 */
package io.durobs.toolkit.lint;
