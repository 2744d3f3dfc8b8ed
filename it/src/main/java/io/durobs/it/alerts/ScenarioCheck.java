package io.durobs.it.alerts;

import java.util.List;

/**
 * One fault scenario of a run: the alerts it had to fire, and what else started firing.
 *
 * @param scenario the scenario's name
 * @param alerts the checks of the alerts it must fire
 * @param consequences alerts that fired as well and are expected to (they follow from the fault)
 * @param unexpected alerts that started firing during the scenario and are neither its own nor
 *     its consequences, each with the labels of its firing series
 * @param seconds how long the scenario ran
 */
public record ScenarioCheck(String scenario, List<AlertCheck> alerts, List<String> consequences,
    List<String> unexpected, long seconds) {

  public ScenarioCheck {
    alerts = List.copyOf(alerts);
    consequences = List.copyOf(consequences);
    unexpected = List.copyOf(unexpected);
  }

  /** True when every alert of the scenario fired all the way and nothing unrelated fired. */
  public boolean passed() {
    return unexpected.isEmpty() && alerts.stream().allMatch(AlertCheck::passed);
  }
}
