package io.durobs.it.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.rules.AlertRule;
import io.durobs.dashboards.rules.EngineRules;
import io.durobs.it.alerts.AlertChecker;
import io.durobs.stack.PrometheusConfig;
import io.durobs.workload.Phases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenario table: complete, unambiguous, and backed by the workload's phases. */
class EngineWorkloadTest {

  private final List<Scenario> scenarios = EngineWorkload.catalogueScenarios();

  @Test
  void everyAlertRuleHasExactlyOneScenario() {
    List<String> fired = new ArrayList<>();
    scenarios.forEach(s -> fired.addAll(s.fires()));
    List<String> all = new ArrayList<>(EngineRules.of(ContentConfig.defaults()).alerts().stream()
        .map(AlertRule::name).toList());
    // the alerts no scenario drives yet are listed with their reason, none is silently left out
    all.removeAll(EngineWorkload.notDrivenLive().keySet());
    all.remove(AlertChecker.WATCHDOG); // always firing: the run checks it on its own
    assertThat(fired).containsExactlyInAnyOrderElementsOf(all);
    assertThat(EngineWorkload.notDrivenLive().values()).allMatch(reason -> !reason.isBlank());
  }

  @Test
  void consequencesAreAlertsOfOtherScenarios() {
    List<String> names = EngineRules.of(ContentConfig.defaults()).alerts().stream().map(AlertRule::name).toList();
    for (Scenario s : scenarios) {
      assertThat(s.consequences()).as(s.name()).allMatch(names::contains).doesNotContainAnyElementsOf(s.fires());
    }
  }

  @Test
  void everyScenarioButTheCollectorAndLogsBackendOutagesIsAWorkloadPhase() {
    for (Scenario s : scenarios) {
      if (s.name().equals(EngineWorkload.COLLECTOR_DOWN) || s.name().equals(EngineWorkload.LOGS_BACKEND_DOWN)) {
        continue;
      }
      assertThat(Phases.parse(s.name(), Duration.ofSeconds(1))).singleElement()
          .satisfies(p -> assertThat(p.name()).isEqualTo(s.name()));
    }
    assertThatThrownBy(() -> Phases.parse(EngineWorkload.COLLECTOR_DOWN, Duration.ofSeconds(1)))
        .hasMessageContaining("unknown phase");
    assertThatThrownBy(() -> Phases.parse(EngineWorkload.LOGS_BACKEND_DOWN, Duration.ofSeconds(1)))
        .hasMessageContaining("unknown phase");
  }

  @Test
  void onlyTheCollectorOutageIsGlobalAndEveryOtherScenarioReportsUnderAJobOfItsOwn() {
    EngineWorkload workload = EngineWorkload.create();
    assertThat(scenarios.stream().filter(Scenario::global).map(Scenario::name))
        .containsExactly(EngineWorkload.COLLECTOR_DOWN);
    List<String> jobs = scenarios.stream().filter(s -> !s.global()).map(workload::jobOf).toList();
    assertThat(jobs).doesNotHaveDuplicates()
        .doesNotContain(workload.serviceName(), EngineWorkload.CATALOGUE_JOB)
        .allMatch(j -> j.startsWith(EngineWorkload.SCENARIO_JOB_PREFIX) || j.equals(PrometheusConfig.COLLECTOR_JOB));
    // the logs backend's outage is the collector's: its alerts are those of the collector's job
    assertThat(scenarios.stream().filter(s -> s.name().equals(EngineWorkload.LOGS_BACKEND_DOWN))
        .map(workload::jobOf)).containsExactly(PrometheusConfig.COLLECTOR_JOB);
    Scenario outage = scenarios.stream().filter(Scenario::global).findFirst().orElseThrow();
    assertThatThrownBy(() -> workload.jobOf(outage)).hasMessageContaining("is global");
  }

  @Test
  void aScenarioMustFireSomething() {
    assertThatThrownBy(() -> new Scenario("nothing", List.of(), List.of()))
        .hasMessageContaining("scenario nothing fires no alert");
  }
}
