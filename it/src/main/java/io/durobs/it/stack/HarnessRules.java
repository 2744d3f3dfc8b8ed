package io.durobs.it.stack;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.rules.EngineRules;
import io.durobs.dashboards.rules.RuleFiles;
import io.durobs.dashboards.rules.RuleTiming;
import io.durobs.stack.AlertmanagerConfig;
import io.durobs.stack.PrometheusConfig;
import io.durobs.toolkit.promql.PromDuration;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rule files both launchers load into Prometheus: the project's alert and recording rules,
 * rendered by the same code as {@code generated/prometheus/rules} but at {@link #TIMING}, so that
 * alerts holding for 15 minutes over windows of up to 3 days fire within a run of minutes.
 */
public final class HarnessRules {

  /**
   * An hour becomes a minute; no range is shorter than four scrape intervals (what
   * {@code rate()} needs to see two samples despite a missed scrape, and the floor Grafana puts
   * under {@code $__rate_interval}).
   */
  public static final RuleTiming TIMING =
      RuleTiming.scaled(60, PromDuration.parse(PrometheusConfig.INTERVAL).multipliedBy(4));

  /**
   * Alertmanager's kube-prometheus timings at the same scale (30 s, 5 min, 12 h divided by 60),
   * the group wait at least a second: alerts reach the harness's receiver within seconds.
   */
  public static final AlertmanagerConfig.Timings ALERT_TIMINGS =
      new AlertmanagerConfig.Timings("1s", "5s", "12m");

  private HarnessRules() {}

  /** The rule files by file name ({@code alerts.yaml}, {@code recording.yaml}). */
  public static Map<String, String> files() {
    Map<String, String> out = new TreeMap<>();
    RuleFiles.ruleFiles(EngineRules.of(ContentConfig.defaults()), TIMING)
        .forEach((path, text) -> out.put(Path.of(path).getFileName().toString(), text));
    return out;
  }
}
