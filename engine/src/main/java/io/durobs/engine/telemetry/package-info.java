/**
 * The engine's telemetry: {@link io.durobs.engine.telemetry.Telemetry} configures the OpenTelemetry
 * SDK from the {@code OTEL_*} settings (OTLP metrics and logs), {@link io.durobs.engine.telemetry.EngineInstruments}
 * creates every catalogue instrument and bounds the values of its name labels (the label value
 * limit, with the SDK's cardinality limits raised to the catalogue's series budget by
 * {@code Telemetry}), {@code ProcessMetrics} reports the catalogue's process group
 * (OpenTelemetry Java runtime telemetry and {@code process.uptime}), the log bridge routes SLF4J records to OTLP, and
 * {@link io.durobs.engine.telemetry.TelemetryWarningThrottle} with {@link io.durobs.engine.telemetry.ExportHealth}
 * keep an exporter outage to a few log lines.
 */
package io.durobs.engine.telemetry;
