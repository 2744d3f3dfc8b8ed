/**
 * The five dashboards of the engine, one class each, every panel built from catalogue entries
 * (or, for the collector, {@link io.durobs.dashboards.rules.CollectorSelfMetrics}) through
 * {@code io.durobs.toolkit.promql}: {@link io.durobs.dashboards.OverviewDashboard} (the
 * one-screen health check), {@link io.durobs.dashboards.ProductionDashboard},
 * {@link io.durobs.dashboards.LogsDashboard}, {@link io.durobs.dashboards.PipelineDashboard} (the
 * collector between the engines and Prometheus/Loki) and
 * {@link io.durobs.dashboards.CompleteDashboard} (every catalogue metric), listed by
 * {@link io.durobs.dashboards.Dashboards}. {@link io.durobs.dashboards.Panels} holds what they
 * share (annotations, links between dashboards, data links to Logs and Explore),
 * {@link io.durobs.dashboards.Provisioning} Grafana's provisioning files.
 *
 * <p>Every dashboard is built for a {@link io.durobs.dashboards.config.ContentConfig}: uids, data
 * source uids, the job selector, the success objective and the alert thresholds its panels show
 * come from there, the same values the rules ({@code io.durobs.dashboards.rules}) alert on.
 * Another project adds its own metrics, dashboards and rules to them through
 * {@code io.durobs.dashboards.extension}.
 */
package io.durobs.dashboards;
