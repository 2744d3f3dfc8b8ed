/**
 * The one reader of Grafana dashboard JSON: {@link io.durobs.toolkit.grafana.read.DashboardReader}
 * turns files saved from the UI, exports with {@code __inputs}, API answers, the current schema
 * (rows as {@code row} panels, collapsed rows nesting their panels) and the old one
 * ({@code rows[].panels}) into one read-only view
 * ({@link io.durobs.toolkit.grafana.read.DashboardFile}, {@link io.durobs.toolkit.grafana.read.PanelView},
 * {@link io.durobs.toolkit.grafana.read.QueryTarget}, {@link io.durobs.toolkit.grafana.read.TemplateVariable},
 * {@link io.durobs.toolkit.grafana.read.AnnotationQuery}).
 * Library panel references are read as panels that name their library uid, since their body is
 * not in the JSON. The lint ({@code io.durobs.toolkit.lint}) and the validation harness
 * ({@code io.durobs.it}) both read dashboards through it.
 *
 * <p>The view's type names differ on purpose from the builder model of
 * {@code io.durobs.toolkit.grafana} ({@code Dashboard}, {@code Panel}, {@code Target}), which
 * writes dashboards; data source references are the model's
 * {@link io.durobs.toolkit.grafana.DataSourceRef} on both sides.
 * {@link io.durobs.toolkit.grafana.read.TemplateVariables} holds Grafana's variable reference
 * syntax for both finding and substituting references.
 */
package io.durobs.toolkit.grafana.read;
