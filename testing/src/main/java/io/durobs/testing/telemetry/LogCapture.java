package io.durobs.testing.telemetry;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures what logback writes (after turbo filters), as a console appender would see it. */
public final class LogCapture {

  private LogCapture() {}

  public static ListAppender<ILoggingEvent> attach() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.setContext(context);
    appender.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
    return appender;
  }

  public static void detach(ListAppender<ILoggingEvent> appender) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
    appender.stop();
  }

  public static List<String> messages(ListAppender<ILoggingEvent> appender, String loggerPrefix) {
    return appender.list.stream().filter(e -> e.getLoggerName().startsWith(loggerPrefix))
        .map(ILoggingEvent::getFormattedMessage).toList();
  }
}
