/**
 * Telemetry test support below the engine: {@link io.durobs.testing.telemetry.OtlpTestEndpoint},
 * an OTLP/HTTP endpoint that accepts or hangs (to provoke exporter failures), and
 * {@link io.durobs.testing.telemetry.LogCapture}, which collects logback records.
 */
package io.durobs.testing.telemetry;
