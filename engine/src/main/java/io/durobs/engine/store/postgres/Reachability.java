package io.durobs.engine.store.postgres;

import io.durobs.engine.store.StoreErrorType;
import io.durobs.engine.store.StoreException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store's database answers, logged as one line per change: a WARN when calls start
 * failing for lack of a connection ("database unreachable: host:port/db ..."), an INFO when one
 * succeeds again ("database reachable again: ... after 12.3 s"). Every call reports here, so
 * the lines follow the engine's own traffic; the individual failures are the callers' business
 * (retried, counted by the provider-error metric) and are not logged again.
 *
 * <p>Throttled: an outage that begins less than {@link #MIN_REPORT_INTERVAL} after the last
 * reported one (a flapping network) is not reported on its own; the next reported outage says
 * how many went unreported.
 */
final class Reachability {

  /** The least time between two "unreachable" lines. */
  static final Duration MIN_REPORT_INTERVAL = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(Reachability.class);

  private final String target;
  private final LongSupplier nanoClock;
  private volatile boolean down;
  private long downSince;
  private long failedCalls;
  private boolean reported;
  private long lastReport = Long.MIN_VALUE;
  private long unreported;

  /**
   * @param target what to name in the lines: host, port, database and user, never a password
   */
  Reachability(String target, LongSupplier nanoClock) {
    this.target = target;
    this.nanoClock = nanoClock;
  }

  /** Records a failed call; only connection failures mean unreachable. */
  void failed(StoreException e) {
    if (e.type() != StoreErrorType.CONNECTION) {
      return;
    }
    synchronized (this) {
      failedCalls++;
      if (down) {
        return;
      }
      down = true;
      long now = nanoClock.getAsLong();
      downSince = now;
      failedCalls = 1;
      reported = lastReport == Long.MIN_VALUE
          || now - lastReport >= MIN_REPORT_INTERVAL.toNanos();
      if (!reported) {
        unreported++;
        return;
      }
      lastReport = now;
      LOG.warn("database unreachable: {}: {}{}; calls are retried, a line follows when it is"
          + " reachable again", target, reason(e),
          unreported == 0 ? "" : " (" + unreported + " shorter outages since the last report)");
      unreported = 0;
    }
  }

  /** Records a successful call (cheap while the database is up). */
  void succeeded() {
    if (!down) {
      return;
    }
    synchronized (this) {
      if (!down) {
        return;
      }
      down = false;
      if (reported) {
        LOG.info("database reachable again: {} after {} s ({} calls failed meanwhile)", target,
            String.format(java.util.Locale.ROOT, "%.1f",
                (nanoClock.getAsLong() - downSince) / 1e9), failedCalls);
      }
    }
  }

  /** The first line of the innermost message: the driver's own words for what failed. */
  private static String reason(StoreException e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return Migrations.firstLine(message);
  }
}
