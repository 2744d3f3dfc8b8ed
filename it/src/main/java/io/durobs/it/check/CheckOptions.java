package io.durobs.it.check;

import io.durobs.it.grafana.DatasourceTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How dashboards are checked.
 *
 * @param now the instant {@code now} in time ranges stands for
 * @param from a range start overriding the dashboards' own ({@code now-1h} syntax), or null
 * @param to a range end overriding the dashboards' own, or null
 * @param scrapeInterval the Prometheus data source's scrape interval ({@code jsonData.timeInterval}),
 *     in Grafana's syntax; null for Grafana's default (15 s)
 * @param viewportWidth the dashboard width in pixels, from which a panel's width (and so its
 *     max data points when it sets none) is estimated
 * @param lookback how far back the diagnosis looks for "ever present"
 * @param datasources the provisioned data sources references resolve against
 * @param strict true to fail targets on Prometheus' annotations and missing legend labels
 *     (else they are warnings)
 */
public record CheckOptions(Instant now, String from, String to, String scrapeInterval,
    int viewportWidth, Duration lookback, DatasourceTypes datasources, boolean strict) {

  public CheckOptions {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(lookback, "lookback");
    Objects.requireNonNull(datasources, "datasources");
  }

  /** A builder with defaults: now, the dashboards' ranges, 1920 px, 7 days lookback. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link CheckOptions}. */
  public static final class Builder {
    private Instant now = Instant.now();
    private String from;
    private String to;
    private String scrapeInterval;
    private int viewportWidth = 1920;
    private Duration lookback = Duration.ofDays(7);
    private DatasourceTypes datasources = DatasourceTypes.of(Map.of());
    private boolean strict;

    private Builder() {}

    /** The instant {@code now} stands for. */
    public Builder now(Instant now) {
      this.now = now;
      return this;
    }

    /** Overrides every dashboard's time range. */
    public Builder range(String from, String to) {
      this.from = from;
      this.to = to;
      return this;
    }

    /** The data source's scrape interval, e.g. {@code 15s}. */
    public Builder scrapeInterval(String scrapeInterval) {
      this.scrapeInterval = scrapeInterval;
      return this;
    }

    /** The dashboard width in pixels. */
    public Builder viewportWidth(int px) {
      this.viewportWidth = px;
      return this;
    }

    /** How far back the diagnosis looks. */
    public Builder lookback(Duration lookback) {
      this.lookback = lookback;
      return this;
    }

    /** The data source types. */
    public Builder datasources(DatasourceTypes datasources) {
      this.datasources = datasources;
      return this;
    }

    /** Fails targets on Prometheus' annotations and missing legend labels. */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /** The options. */
    public CheckOptions build() {
      return new CheckOptions(now, from, to, scrapeInterval, viewportWidth, lookback, datasources, strict);
    }
  }
}
