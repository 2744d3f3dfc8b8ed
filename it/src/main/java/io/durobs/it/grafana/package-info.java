/**
 * Grafana's behaviour as the harness needs it to run a dashboard's queries the way Grafana
 * would: its HTTP API ({@link io.durobs.it.grafana.GrafanaClient}), template variables resolved
 * as on load ({@link io.durobs.it.grafana.VariableResolver}) and substituted
 * ({@link io.durobs.it.grafana.Interpolator}), time ranges and interval arithmetic
 * ({@link io.durobs.it.grafana.GrafanaTime}, {@link io.durobs.it.grafana.QueryTiming},
 * {@link io.durobs.it.grafana.GrafanaIntervals}) and data source references resolved against
 * the provisioned data sources by uid, legacy name, default, variable or export input
 * ({@link io.durobs.it.grafana.DatasourceTypes}).
 *
 * <p>Dashboard JSON itself is read by the toolkit's one reader,
 * {@link io.durobs.toolkit.grafana.read.DashboardReader}, which the static lint uses too; the
 * variable reference syntax and {@code label_values(...)} are the toolkit's
 * ({@link io.durobs.toolkit.grafana.read.TemplateVariables},
 * {@link io.durobs.toolkit.grafana.LabelValuesQuery}).
 */
package io.durobs.it.grafana;
