/**
 * What drives the engine in tests, in the validation harness and in benchmarks, kept out of the
 * engine jar a user depends on (in the manner of {@code opentelemetry-sdk-testing}).
 *
 * <ul>
 *   <li>{@link io.durobs.workload.CatalogueWorkload}: an engine on PostgreSQL and the
 *       {@link io.durobs.workload.Phases phases} that drive it through every path of the metric
 *       catalogue and through each alert's fault scenario; {@link io.durobs.workload.CatalogueWorkloadMain}
 *       runs it as a program.</li>
 *   <li>{@link io.durobs.workload.FaultInjectingStore}: a store wrapper that raises errors
 *       PostgreSQL really produced ({@link io.durobs.workload.SqlErrorSamples}).</li>
 *   <li>{@link io.durobs.workload.WorkloadFixture}: the workload on a throwaway database with
 *       telemetry read in memory, for JUnit tests;
 *       {@link io.durobs.workload.CatalogueCoverage} says which metrics and label values got data.</li>
 *   <li>{@link io.durobs.workload.sample}: the Toygres-like sample application.</li>
 * </ul>
 */
package io.durobs.workload;
