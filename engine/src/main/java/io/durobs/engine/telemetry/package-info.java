/**
 * The engine's telemetry: {@link io.durobs.engine.telemetry.Telemetry} configures the OpenTelemetry
 * SDK from the {@code OTEL_*} settings (OTLP metrics and logs), {@link io.durobs.engine.telemetry.EngineInstruments}
 * creates every catalogue instrument, {@code ProcessMetrics} reports the catalogue's process group
 * (OpenTelemetry Java runtime telemetry and {@code process.uptime}), the log bridge routes SLF4J records to OTLP, and
 * {@link io.durobs.engine.telemetry.TelemetryWarningThrottle} with {@link io.durobs.engine.telemetry.ExportHealth}
 * keep an exporter outage to a few log lines.
 */
package io.durobs.engine.telemetry;
