package io.durobs.it.run;

import io.durobs.it.stack.StackLauncher;
import java.util.List;
import java.util.Map;

/**
 * What the validation run drives: an engine exporting over OTLP to the stack's collector, with
 * a healthy load, a run through every path of the metric catalogue, and one fault scenario per
 * alert. Implemented over the engine's catalogue workload by {@link EngineWorkload}.
 */
public interface Workload extends AutoCloseable {

  /**
   * Starts the engine against the stack (its database and OTLP endpoint) under a steady healthy
   * load, which keeps running until {@link #runCatalogue()}.
   */
  void startHealthy(StackLauncher stack);

  /**
   * Ends the healthy load and drives the engine through every path the catalogue describes,
   * failures and store faults included, so every metric and label value gets data; returns
   * when that is done.
   */
  void runCatalogue();

  /** The fault scenarios, in the order the run goes through them. */
  List<Scenario> scenarios();

  /** Starts a fault scenario; it keeps the fault up until {@link #endScenario(Scenario)}. */
  void startScenario(Scenario scenario);

  /** Ends a fault scenario and waits until the engine is back to normal operation. */
  void endScenario(Scenario scenario);

  /**
   * The alerts no fault scenario of this workload drives, each with the reason. The run reports
   * them apart (they are proven at production timing by the promtool alert matrix only); an alert
   * neither driven nor listed here fails the run.
   */
  default Map<String, String> alertsNotDrivenLive() {
    return Map.of();
  }

  /** The service name the engine reports as ({@code job} in Prometheus). */
  String serviceName();

  /** Stops the engine and its telemetry. */
  @Override
  void close();
}
