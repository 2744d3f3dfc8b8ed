/**
 * Log panels: without Loki, the log records the collector's {@code file} exporter wrote (OTLP JSON
 * lines) read as {@link io.durobs.it.logs.LogRecord}s, and {@link io.durobs.it.logs.LogRecordBackend},
 * which runs a log panel's stream selector and filters over them; with a Loki,
 * {@link io.durobs.it.logs.LokiBackend} over {@link io.durobs.it.logs.LokiClient}, diagnosing an
 * empty panel in the same shape.
 */
package io.durobs.it.logs;
