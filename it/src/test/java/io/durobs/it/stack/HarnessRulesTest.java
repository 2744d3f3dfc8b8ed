package io.durobs.it.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.rules.AlertRule;
import io.durobs.dashboards.rules.EngineRules;
import io.durobs.toolkit.promql.PromDuration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The harness's rules are the production ones, only faster and with no hold over 30 s. */
class HarnessRulesTest {

  private final Map<String, AlertRule> production = byName(EngineRules.of(ContentConfig.defaults()).alerts());
  private final Map<String, AlertRule> harness = byName(HarnessRules.rules().alerts());

  @Test
  void noAlertHoldsLongerThanHalfAMinuteAndOnlyTheLongTicketHoldsAreCut() {
    assertThat(harness.keySet()).isEqualTo(production.keySet());
    for (AlertRule a : harness.values()) {
      assertThat(HarnessRules.holdFor(a.name())).as(a.name()).isLessThanOrEqualTo(Duration.ofSeconds(30));
      AlertRule p = production.get(a.name());
      assertThat(a.expr().text()).as(a.name()).isEqualTo(p.expr().text());
      boolean longHold = PromDuration.parse(p.forDuration()).compareTo(HarnessRules.LONGEST_HOLD) > 0;
      assertThat(a.forDuration()).as(a.name())
          .isEqualTo(longHold ? PromDuration.format(HarnessRules.LONGEST_HOLD) : p.forDuration());
    }
    // the 1d/2h and 3d/6h pairs (1 h and 3 h in production)
    assertThat(production.values().stream().filter(p -> !p.forDuration().equals(harness.get(p.name()).forDuration()))
        .map(AlertRule::name).toList())
        .containsExactlyInAnyOrder("DuroxideOrchestrationErrorBudgetBurn1d", "DuroxideOrchestrationErrorBudgetBurn3d");
  }

  private static Map<String, AlertRule> byName(List<AlertRule> rules) {
    return rules.stream().collect(Collectors.toMap(AlertRule::name, Function.identity()));
  }
}
