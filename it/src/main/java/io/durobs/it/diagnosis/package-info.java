/**
 * Why a query returned nothing or failed: {@link io.durobs.it.diagnosis.Diagnoser} asks
 * Prometheus about each selector (metric absent or written differently, label values that do
 * not match, data outside the time range) and returns a {@link io.durobs.it.diagnosis.Diagnosis}
 * of {@link io.durobs.it.diagnosis.Cause}s. Name variants follow the engine catalogue's
 * translation ({@link io.durobs.engine.catalogue.PrometheusNaming}).
 */
package io.durobs.it.diagnosis;
