package io.durobs.engine.telemetry;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps the OpenTelemetry SDK's own log records out of the OpenTelemetry appender.
 *
 * <p>Without it, "failed to export logs" would itself be a log record queued for the exporter
 * that just failed: a feedback loop that keeps the queue full for as long as the collector is
 * down. The SDK's records still reach the console appender.
 */
public final class ExcludeSdkInternalLogs extends Filter<ILoggingEvent> {

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return event.getLoggerName().startsWith(TelemetryWarningThrottle.LOGGER_PREFIX)
        ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
