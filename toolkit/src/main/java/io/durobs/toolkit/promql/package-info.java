/**
 * PromQL for the project: a small typed builder over the metric catalogue that produces
 * expression strings ({@link io.durobs.toolkit.promql.PromQl}, {@link io.durobs.toolkit.promql.Selector},
 * {@link io.durobs.toolkit.promql.Expr}), and a scanner that reads any expression string back
 * ({@link io.durobs.toolkit.promql.PromQlScanner}): the metric names, label matchers, grouping labels
 * and the functions around every selector. The checks in {@code io.durobs.toolkit.lint} run on the
 * scanner's output, so they work on hand-written dashboards as well as on ours.
 */
package io.durobs.toolkit.promql;
