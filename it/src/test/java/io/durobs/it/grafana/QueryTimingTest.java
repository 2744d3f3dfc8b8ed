package io.durobs.it.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Grafana's interval arithmetic, against values Grafana itself produces. */
class QueryTimingTest {

  private static final Instant TO = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void oneHourOnAThousandPixelPanelWithFifteenSecondScrape() {
    QueryTiming t = QueryTiming.compute(TO.minus(Duration.ofHours(1)), TO, 1000, null, "15s", null, 0);
    // 3600 s / 1000 = 3.6 s → rounded 5 s, below the 15 s scrape interval → 15 s
    assertThat(t.intervalMs()).isEqualTo(Duration.ofSeconds(15));
    assertThat(t.step()).isEqualTo(Duration.ofSeconds(15));
    assertThat(t.builtIns()).containsEntry("__interval", "15s").containsEntry("__interval_ms", "15000")
        .containsEntry("__rate_interval", "1m0s").containsEntry("__range", "3600s")
        .containsEntry("__range_s", "3600").containsEntry("__range_ms", "3600000");
  }

  @Test
  void longRangeGivesRateIntervalOfIntervalPlusScrape() {
    QueryTiming t = QueryTiming.compute(TO.minus(Duration.ofDays(1)), TO, 1000, null, "15s", null, 0);
    // 86400 s / 1000 = 86.4 s → 1m; rate = max(1m + 15s, 60s) = 1m15s
    assertThat(t.builtIns()).containsEntry("__interval", "1m").containsEntry("__rate_interval", "1m15s");
  }

  @Test
  void queryMinStepAndIntervalFactor() {
    QueryTiming t = QueryTiming.compute(TO.minus(Duration.ofHours(1)), TO, 1000, null, "15s", "1m", 2);
    assertThat(t.step()).isEqualTo(Duration.ofMinutes(2));
    // the min step replaces the scrape interval in $__rate_interval: max(15s + 1m, 4m)
    assertThat(t.builtIns()).containsEntry("__rate_interval", "4m0s");
  }

  @Test
  void rateIntervalAsMinStep() {
    QueryTiming t = QueryTiming.compute(TO.minus(Duration.ofHours(1)), TO, 1000, null, "15s", "$__rate_interval", 0);
    assertThat(t.step()).isEqualTo(Duration.ofMinutes(1));
    assertThat(t.builtIns()).containsEntry("__interval", "1m");
  }

  @Test
  void panelMinIntervalOverridesTheDataSource() {
    QueryTiming t = QueryTiming.compute(TO.minus(Duration.ofMinutes(10)), TO, 1000, "30s", "2s", null, 0);
    assertThat(t.intervalMs()).isEqualTo(Duration.ofSeconds(30));
    // scrape for $__rate_interval is still the data source's: max(30s + 2s, 8s)
    assertThat(t.builtIns()).containsEntry("__rate_interval", "32s");
  }

  @Test
  void defaultScrapeIntervalIsFifteenSeconds() {
    QueryTiming t = QueryTiming.compute(TO.minus(Duration.ofMinutes(5)), TO, 1000, null, null, null, 0);
    assertThat(t.builtIns()).containsEntry("__rate_interval", "1m0s");
  }

  @Test
  void roundingAndFormats() {
    assertThat(GrafanaIntervals.round(Duration.ofMillis(3600))).isEqualTo(Duration.ofSeconds(5));
    assertThat(GrafanaIntervals.round(Duration.ofMillis(1200))).isEqualTo(Duration.ofSeconds(1));
    assertThat(GrafanaIntervals.round(Duration.ofSeconds(100))).isEqualTo(Duration.ofMinutes(2));
    assertThat(GrafanaIntervals.format(Duration.ofMillis(90_000))).isEqualTo("1m");
    assertThat(GrafanaIntervals.goFormat(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GrafanaIntervals.goFormat(Duration.ofMinutes(61))).isEqualTo("1h1m0s");
    assertThat(GrafanaIntervals.parse(">10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(GrafanaIntervals.parse("30")).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> GrafanaIntervals.parse("soon")).hasMessageContaining("'soon'");
  }

  @Test
  void timeExpressions() {
    assertThat(GrafanaTime.parse("now-6h", TO, false)).isEqualTo(TO.minus(Duration.ofHours(6)));
    assertThat(GrafanaTime.parse("now-1d/d", TO, false)).isEqualTo(Instant.parse("2025-12-31T00:00:00Z"));
    assertThat(GrafanaTime.parse("now/d", TO, true)).isEqualTo(Instant.parse("2026-01-01T23:59:59.999Z"));
    assertThat(GrafanaTime.parse("2025-06-01T00:00:00Z", TO, false)).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
    assertThat(GrafanaTime.parse("1767268800000", TO, false)).isEqualTo(TO);
    assertThatThrownBy(() -> GrafanaTime.parse("yesterday", TO, false)).hasMessageContaining("'yesterday'");
  }
}
