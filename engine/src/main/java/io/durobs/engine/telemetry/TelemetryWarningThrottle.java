package io.durobs.engine.telemetry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Marker;

/**
 * Lets at most one warning (or error) of the OpenTelemetry SDK through per interval and drops
 * the rest, so that an unreachable collector produces one log line per interval instead of one
 * per failed export, batch and retry.
 *
 * <p>The SDK throttles its exporter messages itself, but only to five per minute and then one per
 * minute, per exporter; with metrics and logs each failing every few seconds that is still more
 * than one per export interval. {@link Telemetry} sets the interval (by default the metric export
 * interval) and adds this filter to the logback context when the configuration does not declare
 * it. Only loggers under {@value #LOGGER_PREFIX} are throttled; the engine's own logs never are.
 */
public final class TelemetryWarningThrottle extends TurboFilter {

  /** The logger name prefix of the OpenTelemetry SDK, its exporters and its instrumentation. */
  public static final String LOGGER_PREFIX = "io.opentelemetry";

  private final LongSupplier nanoClock;
  private volatile long intervalNanos = Duration.ofSeconds(60).toNanos();
  // Long.MIN_VALUE: nothing let through yet (nanoTime may be negative, so 0 is no sentinel)
  private final AtomicLong lastAllowed = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  /** A throttle on the JVM's monotonic clock (the constructor logback calls). */
  public TelemetryWarningThrottle() {
    this(System::nanoTime);
  }

  TelemetryWarningThrottle(LongSupplier nanoClock) {
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    setName("telemetry-warning-throttle");
  }

  /** Sets the minimum time between two SDK warnings that are let through. */
  public void setInterval(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("telemetry warning interval must be positive, got " + interval);
    }
    intervalNanos = interval.toNanos();
  }

  /** The minimum time between two SDK warnings that are let through. */
  public Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }

  /** SDK warnings dropped so far. */
  public long suppressedCount() {
    return suppressed.get();
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format,
      Object[] params, Throwable t) {
    // format == null is an isEnabled() probe, not an event: it must not use up the interval
    if (format == null || level == null || !level.isGreaterOrEqual(Level.WARN)
        || logger == null || !logger.getName().startsWith(LOGGER_PREFIX)) {
      return FilterReply.NEUTRAL;
    }
    long now = nanoClock.getAsLong();
    long last = lastAllowed.get();
    if ((last == Long.MIN_VALUE || now - last >= intervalNanos) && lastAllowed.compareAndSet(last, now)) {
      return FilterReply.NEUTRAL;
    }
    suppressed.incrementAndGet();
    return FilterReply.DENY;
  }
}
