package io.durobs.engine.runtime;

import io.durobs.engine.store.StoreErrorType;
import io.durobs.engine.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Logs a failed store call the runtime recovers from (by retrying, abandoning or letting a lock
 * expire). While the database is unreachable every call fails, and the store already says so
 * once ("database unreachable: host:port/db ...", then "database reachable again"): those
 * failures go to DEBUG, so an outage is two lines rather than one per call; any other failure is
 * a WARN.
 */
final class StoreFailures {

  private StoreFailures() {}

  static void log(Logger log, StoreException e, String format, Object... args) {
    log.atLevel(e.type() == StoreErrorType.CONNECTION ? Level.DEBUG : Level.WARN)
        .log(format, args);
  }
}
