package io.durobs.it.run;

import java.util.List;
import java.util.Objects;

/**
 * A fault scenario of the workload and the alerts it exists to fire.
 *
 * @param name the scenario's name ({@code failures}, {@code collector-down}, ...)
 * @param fires the alerts the scenario must fire, all the way to the webhook
 * @param consequences alerts that may fire as well because they follow from the same fault (a
 *     poisoned orchestration is also a failed one); any other alert that starts firing during the
 *     scenario fails the run
 * @param global true when the fault hits every job (the collector taken away): the scenario runs
 *     alone and its alerts count for any job; a scenario that is not global owns a job (it drives
 *     an engine of its own, or it is a fault of the collector and owns the collector's job), runs
 *     at the same time as the other such scenarios, and its alerts count only for that job
 */
public record Scenario(String name, List<String> fires, List<String> consequences, boolean global) {

  public Scenario {
    Objects.requireNonNull(name, "name");
    fires = List.copyOf(fires);
    consequences = List.copyOf(consequences);
    if (fires.isEmpty()) {
      throw new IllegalArgumentException("scenario " + name + " fires no alert");
    }
  }

  /** A scenario on an engine of its own (not global). */
  public Scenario(String name, List<String> fires, List<String> consequences) {
    this(name, fires, consequences, false);
  }
}
