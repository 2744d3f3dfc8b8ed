/**
 * The full-stack validation run: {@link io.durobs.it.run.ValidationRun} drives a
 * {@link io.durobs.it.run.Workload} (the engine's, {@link io.durobs.it.run.EngineWorkload}: one
 * engine per job) through a healthy phase, then the catalogue phase with every dashboard panel
 * and each fault {@link io.durobs.it.run.Scenario} on its own job (an engine's, or the
 * collector's for the logs backend taken away), all at the same time, then
 * the global scenarios alone, and writes the report; {@code FullStackIT} runs it in {@code mvn verify}.
 */
package io.durobs.it.run;
