package io.durobs.dashboards.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.toolkit.yaml.YamlText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleTimingTest {

  private static final RuleTiming FAST = RuleTiming.scaled(60, Duration.ofSeconds(20));
  private static final EngineRules RULES = EngineRules.of(ContentConfig.defaults());

  @Test
  void productionTimingRendersTheRulesAsWritten() {
    String runbooks = RULES.config().runbookBaseUrl();
    assertThat(RuleFiles.ruleFiles(RULES, RuleTiming.PRODUCTION))
        .containsEntry(RuleFiles.ALERTS, RuleFiles.rules(RULES.alertGroups(), runbooks))
        .containsEntry(RuleFiles.RECORDING, RuleFiles.rules(RULES.recordingGroups(), runbooks));
    Map<String, String> generated = RuleFiles.render(RULES);
    assertThat(generated.get(RuleFiles.ALERTS)).contains("for: 15m").doesNotContain("Timing:");
    assertThat(generated.get(RuleFiles.RECORDING)).contains("[3d]").doesNotContain("Timing:");
    assertThat(RuleTiming.PRODUCTION.expr("rate(x[5m])")).isEqualTo("rate(x[5m])");
  }

  @Test
  void aScaledTimingDividesHoldTimesRangesAndOffsetsWithARangeFloor() {
    assertThat(FAST.holdFor("15m")).isEqualTo("15s");
    assertThat(FAST.holdFor("2m")).isEqualTo("2s");
    assertThat(FAST.holdFor("0s")).isEqualTo("0s");
    assertThat(FAST.expr("sum(rate(x_total[3d])) / sum(rate(x_total[5m])) > 0.05"))
        .isEqualTo("sum(rate(x_total[1h12m])) / sum(rate(x_total[20s])) > 0.05");
    assertThat(FAST.expr("group(x) unless group(x offset 10m)")).isEqualTo("group(x) unless group(x offset 20s)");
    assertThat(FAST.expr("max_over_time(x[1h:2m])")).isEqualTo("max_over_time(x[1m:2s])");
    assertThat(FAST.describe()).contains("divided by 60").contains("at least 20s");
  }

  @Test
  void aScaledRuleFileKeepsNamesExpressionsAndThresholds() {
    Map<String, String> production = RuleFiles.ruleFiles(RULES, RuleTiming.PRODUCTION);
    Map<String, String> fast = RuleFiles.ruleFiles(RULES, FAST);

    for (String file : List.of(RuleFiles.ALERTS, RuleFiles.RECORDING)) {
      List<Map<String, Object>> prod = rules(production.get(file));
      List<Map<String, Object>> scaled = rules(fast.get(file));
      assertThat(scaled).hasSameSizeAs(prod);
      for (int i = 0; i < prod.size(); i++) {
        Map<String, Object> p = prod.get(i);
        Map<String, Object> s = scaled.get(i);
        assertThat(s.get("alert")).isEqualTo(p.get("alert"));
        assertThat(s.get("record")).isEqualTo(p.get("record"));
        assertThat(s.get("labels")).isEqualTo(p.get("labels"));
        assertThat(s.get("annotations")).isEqualTo(p.get("annotations"));
        assertThat(s.get("expr")).isEqualTo(FAST.expr((String) p.get("expr")));
        assertThat(s.get("for")).isEqualTo(p.get("for") == null ? null : FAST.holdFor((String) p.get("for")));
        // only durations change: the expression without its bracketed ranges and offsets is equal
        assertThat(withoutDurations((String) s.get("expr"))).isEqualTo(withoutDurations((String) p.get("expr")));
      }
    }
    assertThat(fast.get(RuleFiles.ALERTS)).contains("Timing: durations divided by 60")
        .contains("job:duroxide_orchestration_completions:failure_ratio_rate3d > 0.05")
        .doesNotContain("[5m]").doesNotContain("for: 15m");
    assertThat(fast.get(RuleFiles.RECORDING)).contains("[1h12m]").contains("record: job:duroxide_orchestration_completions:failure_ratio_rate3d");
  }

  @Test
  void aGroupIntervalIsScaledButNeverBelowTheScrapeInterval() {
    RuleTiming fast = RuleTiming.scaled(60, java.time.Duration.ofSeconds(20));
    assertThat(RuleTiming.PRODUCTION.interval("1m")).isEqualTo("1m");
    assertThat(fast.interval("1h")).isEqualTo("1m");
    // a minute over 60 is a second: faster than samples arrive, so the scrape interval (20 s / 4)
    assertThat(fast.interval("1m")).isEqualTo("5s");
    String rendered = RuleFiles.rules(EngineRules.of(io.durobs.dashboards.config.ContentConfig
        .defaults()).recordingGroups(), "x", fast);
    assertThat(rendered).contains("name: durobs-slo-long\n    interval: 5s");
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> RuleTiming.scaled(0, Duration.ZERO)).hasMessageContaining("divisor must be >= 1, got 0");
    assertThatThrownBy(() -> RuleTiming.scaled(2, Duration.ofSeconds(-1))).hasMessageContaining("minimum range");
    assertThatThrownBy(() -> FAST.holdFor("ten minutes")).hasMessageContaining("not a Prometheus duration: 'ten minutes'");
    assertThatThrownBy(() -> FAST.expr("rate(x{a=\"b}[5m])")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rate(x{a=\"b}[5m])").hasMessageContaining("unterminated string");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules(String yaml) {
    Map<String, Object> file = (Map<String, Object>) YamlText.parse(yaml);
    return ((List<Map<String, Object>>) file.get("groups")).stream()
        .flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream()).toList();
  }

  private static String withoutDurations(String expr) {
    return expr.replaceAll("\\[[0-9a-z:]+\\]", "[]").replaceAll("offset [0-9a-z]+", "offset");
  }
}
