package io.durobs.harness.run;

import io.durobs.harness.stack.StackLauncher;
import java.util.Map;

/**
 * What the validation run drives: the engine's catalogue workload, exporting over OTLP to the
 * stack's collector. Implemented by an adapter over the engine's {@code CatalogueWorkload}.
 */
public interface Workload extends AutoCloseable {

  /** Starts the engine against the stack (database, OTLP endpoint) and runs the healthy phase. */
  void runHealthy(StackLauncher stack);

  /** The fault scenario that must fire each alert: alert name → scenario name. */
  Map<String, String> scenarioByAlert();

  /** Runs one fault scenario (it keeps the fault up until {@link #endScenario(String)}). */
  void startScenario(String scenario);

  /** Ends a fault scenario and returns the engine to healthy operation. */
  void endScenario(String scenario);

  /** The service name the engine reports as ({@code job} in Prometheus). */
  String serviceName();

  /** Stops the engine. */
  @Override
  void close();
}
