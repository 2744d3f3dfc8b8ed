package io.durobs.engine.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TelemetryWarningThrottleTest {

  private final AtomicLong now = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
  private final TelemetryWarningThrottle throttle = new TelemetryWarningThrottle(now::get);
  private final LoggerContext context = new LoggerContext();
  private final Logger exporter = context.getLogger("io.opentelemetry.exporter.otlp.internal.HttpExporter");
  private final Logger reader = context.getLogger("io.opentelemetry.sdk.metrics.export.PeriodicMetricReader");
  private final Logger engine = context.getLogger("io.durobs.engine.runtime.Dispatcher");

  private FilterReply warn(Logger logger) {
    return throttle.decide(null, logger, Level.WARN, "Failed to export metrics", null, null);
  }

  @Test
  void letsOneSdkWarningThroughPerInterval() {
    throttle.setInterval(Duration.ofSeconds(10));
    assertThat(warn(exporter)).isEqualTo(FilterReply.NEUTRAL);
    now.addAndGet(Duration.ofSeconds(3).toNanos());
    assertThat(warn(exporter)).isEqualTo(FilterReply.DENY);
    assertThat(throttle.decide(null, reader, Level.ERROR, "Exporter threw", null, null))
        .as("the interval is shared by every SDK logger").isEqualTo(FilterReply.DENY);
    now.addAndGet(Duration.ofSeconds(7).toNanos());
    assertThat(warn(exporter)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(warn(exporter)).isEqualTo(FilterReply.DENY);
    assertThat(throttle.suppressedCount()).isEqualTo(3);
  }

  @Test
  void neverThrottlesTheEngineOrLowerLevelsOrEnabledProbes() {
    throttle.setInterval(Duration.ofMinutes(1));
    assertThat(warn(exporter)).isEqualTo(FilterReply.NEUTRAL);
    for (int i = 0; i < 3; i++) {
      assertThat(warn(engine)).isEqualTo(FilterReply.NEUTRAL);
      assertThat(throttle.decide(null, exporter, Level.INFO, "exporter started", null, null))
          .isEqualTo(FilterReply.NEUTRAL);
      assertThat(throttle.decide(null, exporter, Level.WARN, null, null, null))
          .as("isWarnEnabled() is no event").isEqualTo(FilterReply.NEUTRAL);
    }
    assertThat(throttle.suppressedCount()).isZero();
  }

  @Test
  void rejectsANonPositiveInterval() {
    assertThatThrownBy(() -> throttle.setInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("telemetry warning interval");
  }
}
