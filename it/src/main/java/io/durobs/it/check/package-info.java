/**
 * Checks every query of a dashboard ({@link io.durobs.toolkit.grafana.read.DashboardFile}) against
 * a running stack ({@link io.durobs.it.check.DashboardChecker}): through Prometheus directly,
 * through Grafana's own query API, or against exported log records, one
 * {@link io.durobs.it.check.QueryBackend} per data source type. An empty or failing query gets
 * a diagnosis ({@code io.durobs.it.diagnosis}); a library panel, whose queries are not in the
 * JSON, is reported as skipped; a target whose data source resolves to nothing provisioned
 * fails with its own diagnosis; Prometheus' annotations and legend labels the series lack are
 * warnings on the target. Annotation queries run the same way
 * ({@link io.durobs.it.check.AnnotationResult}); one over {@code ALERTS} may rightly be empty.
 * {@link io.durobs.it.check.ParallelCheck} checks many dashboards a bounded number at a time.
 */
package io.durobs.it.check;
