package io.durobs.engine.store.postgres;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Keeps HikariCP's per-connection warnings out of the log: during an outage it logs every broken
 * connection at WARN with a full stack trace ("Connection ... marked as broken because of
 * SQLSTATE(57P01)", a few hundred lines for one restart) and every failed validation.
 * {@link Reachability} reports the same event once, naming the database, so these loggers are
 * raised to ERROR; a logger the application configured itself (an explicit level) is left alone.
 * Does nothing when SLF4J is not bound to logback.
 */
final class PoolLogging {

  /** The pool classes that log each broken or unvalidated connection. */
  static final List<String> PER_CONNECTION_LOGGERS = List.of(
      "com.zaxxer.hikari.pool.ProxyConnection", "com.zaxxer.hikari.pool.PoolBase");

  private PoolLogging() {}

  static void quietPerConnectionWarnings() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return;
    }
    for (String name : PER_CONNECTION_LOGGERS) {
      ch.qos.logback.classic.Logger logger = context.getLogger(name);
      if (logger.getLevel() == null) {
        logger.setLevel(Level.ERROR);
      }
    }
  }
}
