/**
 * A small typed model of Grafana 12's (classic, v1) dashboard JSON and builders shaped like the
 * Grafana Foundation SDK's ({@code DashboardBuilder}, {@code TimeseriesPanelBuilder},
 * Prometheus and Loki query builders, ...).
 *
 * <p>The SDK's Java artifact is not available from the package registry this project builds
 * from, so this package stands in for it: it holds no project knowledge (no metric, no
 * dashboard), only the JSON shape, so swapping the SDK in later touches this package and the
 * imports of its users. {@link io.durobs.toolkit.grafana.GrafanaJson} serializes a
 * {@link io.durobs.toolkit.grafana.Dashboard} deterministically (keys sorted, two-space indent, LF).
 *
 * <p>This package writes dashboards; {@code io.durobs.toolkit.grafana.read} reads dashboard
 * JSON of any origin into a view with its own type names. Both sides share
 * {@link io.durobs.toolkit.grafana.DataSourceRef} and
 * {@link io.durobs.toolkit.grafana.LabelValuesQuery} (the one reader and writer of a query
 * variable's {@code label_values(...)}).
 */
package io.durobs.toolkit.grafana;
