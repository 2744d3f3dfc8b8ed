/**
 * The metric catalogue, the contract between the engine and everything that reads its telemetry:
 * {@link io.durobs.engine.catalogue.MetricCatalogue} is the one table of metrics (name, kind, unit,
 * labels and their allowed values, bucket advice), followed by the process group (the engine JVM's
 * runtime metrics and uptime, {@code MetricCatalogue.process()}), which dashboards select the same
 * way but which is not part of the engine's contract; the names the seed's engine used before a
 * rename are recorded with the metric ({@link io.durobs.engine.catalogue.FormerName});
 * {@link io.durobs.engine.catalogue.MetricDefinition},
 * {@link io.durobs.engine.catalogue.Label} and {@link io.durobs.engine.catalogue.MetricKind} are its
 * model, which the toolkit's checks also read; {@link io.durobs.engine.catalogue.PrometheusNaming}
 * computes each metric's Prometheus names the way the collector's exporter does;
 * {@link io.durobs.engine.catalogue.MetricsReference} renders the reference page, with the series
 * budget per process that the name labels' value limit implies
 * ({@code MetricCatalogue.seriesBudget}).
 */
package io.durobs.engine.catalogue;
