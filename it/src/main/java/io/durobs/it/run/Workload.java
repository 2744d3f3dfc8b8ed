package io.durobs.it.run;

import io.durobs.it.stack.StackLauncher;
import java.util.List;
import java.util.Map;

/**
 * What the validation run drives: engines exporting over OTLP to the stack's collector. One
 * engine stays under a steady healthy load for the whole run (its job must never alert), one goes
 * through every path of the metric catalogue, and each fault scenario that is not
 * {@linkplain Scenario#global() global} has an engine of its own, under its own
 * {@code service.name} (so its own {@code job}), so that the scenarios run at the same time
 * without disturbing each other. Implemented over the engine's catalogue workload by
 * {@link EngineWorkload}.
 */
public interface Workload extends AutoCloseable {

  /**
   * Starts every engine against the stack (its database and OTLP endpoint) under a steady
   * healthy load: the healthy engine's load lasts the whole run, the others' until
   * {@link #runCatalogue()} or their scenario starts.
   */
  void startHealthy(StackLauncher stack);

  /** The job of every engine, the healthy one first. */
  List<String> jobs();

  /**
   * Ends the catalogue engine's healthy load and drives it through every path the catalogue
   * describes, failures and store faults included, so every metric and label value gets data;
   * returns when that is done. Safe to call while scenarios run on the other engines.
   */
  void runCatalogue();

  /** The job of the engine {@link #runCatalogue()} drives: its alerts are the catalogue's doing. */
  String catalogueJob();

  /** The fault scenarios, in the order the run reports them. */
  List<Scenario> scenarios();

  /**
   * The job a scenario that is not global owns: its own engine's, or for a fault of the
   * collector the collector's own job.
   */
  String jobOf(Scenario scenario);

  /**
   * Starts a fault scenario; it keeps the fault up until {@link #endScenario(Scenario)}. Scenarios
   * that are not global may be started and ended from several threads at once.
   */
  void startScenario(Scenario scenario);

  /**
   * Ends a fault scenario: waits until its instances have ended, and puts its engine back under
   * the healthy load.
   */
  void endScenario(Scenario scenario);

  /**
   * The alerts no fault scenario of this workload drives, each with the reason. The run reports
   * them apart (they are proven at production timing by the promtool alert matrix only); an alert
   * neither driven nor listed here fails the run.
   */
  default Map<String, String> alertsNotDrivenLive() {
    return Map.of();
  }

  /** The job of the engine that stays healthy for the whole run ({@code service.name}). */
  String serviceName();

  /** Stops every engine and its telemetry. */
  @Override
  void close();
}
