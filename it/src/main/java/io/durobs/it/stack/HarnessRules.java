package io.durobs.it.stack;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.config.ContentConfig.BurnRate;
import io.durobs.dashboards.rules.EngineRules;
import io.durobs.dashboards.rules.RuleFiles;
import io.durobs.dashboards.rules.RuleTiming;
import io.durobs.stack.AlertmanagerConfig;
import io.durobs.stack.PrometheusConfig;
import io.durobs.toolkit.promql.PromDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rule files both launchers load into Prometheus: the project's alert and recording rules,
 * rendered by the same code as {@code generated/prometheus/rules} but at {@link #TIMING}, so that
 * alerts holding for 15 minutes over windows of up to 3 days fire within a run of minutes.
 *
 * <p>One difference beyond the scale: no alert holds longer than {@link #LONGEST_HOLD} before
 * scaling. Only the two ticket burn-rate pairs hold longer in production (1 h and 3 h, which at
 * the scale would be 60 s and 180 s, the run's longest waits by far); the harness holds them for
 * 30 minutes (30 s). Expressions, windows, thresholds and every other hold are the production
 * ones. The live run proves that each alert fires for its fault and goes all the way to the
 * receiver; the production holds themselves are proven by the promtool alert matrix
 * ({@code AlertMatrix}), which runs the generated rules at production timing.
 */
public final class HarnessRules {

  /**
   * An hour becomes a minute; no range is shorter than four scrape intervals (what
   * {@code rate()} needs to see two samples despite a missed scrape, and the floor Grafana puts
   * under {@code $__rate_interval}).
   */
  public static final RuleTiming TIMING =
      RuleTiming.scaled(60, PromDuration.parse(PrometheusConfig.INTERVAL).multipliedBy(4));

  /** The longest hold ({@code for:}) of a harness alert, at production scale (30 s in the run). */
  public static final Duration LONGEST_HOLD = Duration.ofMinutes(30);

  /** The content the harness renders: the defaults, burn-rate holds at most {@link #LONGEST_HOLD}. */
  public static final ContentConfig CONTENT = ContentConfig.defaults().toBuilder()
      .pageBurnRates(capped(ContentConfig.defaults().pageBurnRates()))
      .ticketBurnRates(capped(ContentConfig.defaults().ticketBurnRates()))
      .build();

  /**
   * Alertmanager's kube-prometheus timings at the same scale (30 s, 5 min, 12 h divided by 60),
   * the group wait at least a second: alerts reach the harness's receiver within seconds.
   */
  public static final AlertmanagerConfig.Timings ALERT_TIMINGS =
      new AlertmanagerConfig.Timings("1s", "5s", "12m");

  private HarnessRules() {}

  /** The rules the harness loads (those of {@link #CONTENT}), before scaling. */
  public static EngineRules rules() {
    return EngineRules.of(CONTENT);
  }

  /** An alert's hold time in the harness ({@code for:} of {@link #rules()} at {@link #TIMING}). */
  public static Duration holdFor(String alert) {
    return rules().alerts().stream().filter(a -> a.name().equals(alert)).findFirst()
        .map(a -> PromDuration.parse(TIMING.holdFor(a.forDuration())))
        .orElseThrow(() -> new IllegalArgumentException("no alert rule " + alert));
  }

  /** The rule files by file name ({@code alerts.yaml}, {@code recording.yaml}). */
  public static Map<String, String> files() {
    Map<String, String> out = new TreeMap<>();
    RuleFiles.ruleFiles(rules(), TIMING)
        .forEach((path, text) -> out.put(Path.of(path).getFileName().toString(), text));
    return out;
  }

  private static List<BurnRate> capped(List<BurnRate> rates) {
    return rates.stream().map(r -> PromDuration.parse(r.holdFor()).compareTo(LONGEST_HOLD) <= 0 ? r
        : new BurnRate(r.longWindow(), r.shortWindow(), r.factor(), PromDuration.format(LONGEST_HOLD)))
        .toList();
  }
}
