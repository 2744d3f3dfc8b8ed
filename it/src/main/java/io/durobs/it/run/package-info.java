/**
 * The full-stack validation run: {@link io.durobs.it.run.ValidationRun} drives a
 * {@link io.durobs.it.run.Workload} (the engine's, {@link io.durobs.it.run.EngineWorkload}) through a
 * healthy phase, the catalogue phase, every dashboard panel and each fault
 * {@link io.durobs.it.run.Scenario}, and writes the report; {@code FullStackIT} runs it in {@code mvn verify}.
 */
package io.durobs.it.run;
