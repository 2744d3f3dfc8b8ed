/**
 * The four dashboards of the engine, one class each, every panel built from catalogue entries
 * through {@code io.durobs.toolkit.promql}: {@link io.durobs.dashboards.OverviewDashboard} (the
 * one-screen health check), {@link io.durobs.dashboards.ProductionDashboard},
 * {@link io.durobs.dashboards.LogsDashboard} and {@link io.durobs.dashboards.CompleteDashboard}
 * (every catalogue metric). {@link io.durobs.dashboards.Panels} holds what they share.
 */
package io.durobs.dashboards;
