/**
 * A small typed model of an OpenTelemetry Collector configuration: component types that know their
 * Go module ({@link io.durobs.collector.ComponentTypes}), components, pipelines and the
 * configuration built from them ({@link io.durobs.collector.CollectorConfig}), the overlay between
 * two configurations ({@link io.durobs.collector.CollectorOverlay}) and the OpenTelemetry Collector
 * Builder manifest derived from the same definitions ({@link io.durobs.collector.BuilderManifest}).
 */
package io.durobs.collector;
