package io.durobs.engine.telemetry;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.Appender;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Wires logback to OpenTelemetry: the SDK's java.util.logging output to SLF4J, the warning
 * throttle, and the OpenTelemetry appender that turns every SLF4J record into an OTLP log record.
 *
 * <p>Works with a {@code logback.xml} that declares all of it (the durobs program's, in cli/) and
 * with any other logback configuration, the engine jar shipping none (it adds what is missing). Does nothing when SLF4J is not bound to
 * logback.
 */
final class LogBridge {

  /** Appender name used when the configuration has no OpenTelemetry appender. */
  static final String APPENDER_NAME = "OpenTelemetry";

  private static OpenTelemetry installed;

  private LogBridge() {}

  /** Sends java.util.logging (the SDK's logging API) to SLF4J, once per JVM. */
  static synchronized void routeJavaUtilLogging() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  /** The logback context, when SLF4J is bound to logback. */
  static Optional<LoggerContext> logback() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    return factory instanceof LoggerContext context ? Optional.of(context) : Optional.empty();
  }

  /** The context's warning throttle, added if the configuration does not declare one. */
  static Optional<TelemetryWarningThrottle> throttle(Duration interval) {
    return logback().map(context -> {
      synchronized (LogBridge.class) {
        TelemetryWarningThrottle throttle = null;
        for (TurboFilter f : context.getTurboFilterList()) {
          if (f instanceof TelemetryWarningThrottle t) {
            throttle = t;
          }
        }
        if (throttle == null) {
          throttle = new TelemetryWarningThrottle();
          throttle.setContext(context);
          throttle.start();
          context.addTurboFilter(throttle);
        }
        throttle.setInterval(interval);
        return throttle;
      }
    });
  }

  /**
   * Points every OpenTelemetry appender of the logback configuration at {@code openTelemetry},
   * adding one to the root logger (all MDC keys captured, no code attributes) when there is none,
   * and keeping the SDK's own records out of all of them.
   */
  static synchronized void installAppender(OpenTelemetry openTelemetry) {
    Optional<LoggerContext> logback = logback();
    if (logback.isEmpty()) {
      return;
    }
    LoggerContext context = logback.get();
    List<OpenTelemetryAppender> appenders = appenders(context);
    if (appenders.isEmpty()) {
      OpenTelemetryAppender appender = new OpenTelemetryAppender();
      appender.setName(APPENDER_NAME);
      appender.setContext(context);
      appender.setMdcAttributesIncluded("*");
      appender.setCaptureCodeAttributes(false);
      appender.start();
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
      appenders = List.of(appender);
    }
    for (OpenTelemetryAppender appender : appenders) {
      boolean filtered = appender.getCopyOfAttachedFiltersList().stream()
          .anyMatch(ExcludeSdkInternalLogs.class::isInstance);
      if (!filtered) {
        ExcludeSdkInternalLogs filter = new ExcludeSdkInternalLogs();
        filter.setContext(context);
        filter.start();
        appender.addFilter(filter);
      }
    }
    OpenTelemetryAppender.install(openTelemetry);
    installed = openTelemetry;
  }

  /** Detaches the appenders from {@code openTelemetry} if it is the one installed. */
  static synchronized void uninstallAppender(OpenTelemetry openTelemetry) {
    if (installed == openTelemetry && logback().isPresent()) {
      OpenTelemetryAppender.install(OpenTelemetry.noop());
      installed = null;
    }
  }

  private static List<OpenTelemetryAppender> appenders(LoggerContext context) {
    List<OpenTelemetryAppender> found = new ArrayList<>();
    for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
      Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders();
      while (it.hasNext()) {
        if (it.next() instanceof OpenTelemetryAppender a && !found.contains(a)) {
          found.add(a);
        }
      }
    }
    return found;
  }
}
