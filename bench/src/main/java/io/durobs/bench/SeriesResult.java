package io.durobs.bench;

import io.durobs.bench.ClosedLoop.Measured;
import io.durobs.bench.ClosedLoop.Profile;
import io.durobs.bench.ClosedLoop.Window;
import io.durobs.bench.Stats.Spread;
import java.util.List;

/**
 * One measured series: an engine, a workload, a concurrency, over repeated windows.
 *
 * @param engine {@code durobs} or {@code dbos}
 * @param workload what ran, e.g. {@code no-op 5-step}
 * @param inFlight orchestrations kept in flight
 * @param slots orchestration:worker slots ({@code default} for the engine's defaults)
 * @param perSecond orchestrations completed per second over the windows
 * @param p50Ms median latency over all windows
 * @param p95Ms 95th percentile latency over all windows
 * @param writeXactsPerOrch median over the windows
 * @param commitsPerOrch median over the windows (read-only transactions included)
 * @param walBytesPerOrch median over the windows
 * @param cpuMsPerOrch the JVM's CPU milliseconds per orchestration, median over the windows
 * @param serverCpuMsPerOrch the server's CPU milliseconds per orchestration, median over the
 *     windows
 * @param firstPickupP50Ms median time from the start request to the first step's start
 * @param stepGapP50Ms median time from a step's end to the next step's start
 * @param stepGapP95Ms 95th percentile of that
 * @param lastGapP50Ms median time from the last step's end to the completion seen by the client
 * @param rssMb the benchmark process' resident memory after the series
 * @param runs each window
 * @param profile wait events and statements, when profiled
 */
public record SeriesResult(String engine, String workload, int inFlight, String slots,
    Spread perSecond, double p50Ms, double p95Ms, double writeXactsPerOrch,
    double commitsPerOrch, double walBytesPerOrch, double cpuMsPerOrch,
    double serverCpuMsPerOrch, double firstPickupP50Ms,
    double stepGapP50Ms, double stepGapP95Ms, double lastGapP50Ms, long rssMb, List<Window> runs, Profile profile) {

  static SeriesResult of(String engine, String workload, int inFlight, String slots, Measured m,
      long rssMb) {
    List<Window> w = m.windows();
    double[] lat = m.latenciesMs().stream().mapToDouble(Double::doubleValue).toArray();
    double[] gaps = m.stepGapsMs().stream().mapToDouble(Double::doubleValue).toArray();
    return new SeriesResult(engine, workload, inFlight, slots,
        Stats.spread(w.stream().map(Window::perSecond).toList()),
        Stats.quantile(lat, 0.5), Stats.quantile(lat, 0.95),
        Stats.median(w.stream().map(Window::writeXactsPerOrch).toList()),
        Stats.median(w.stream().map(Window::commitsPerOrch).toList()),
        Stats.median(w.stream().map(Window::walBytesPerOrch).toList()),
        Stats.median(w.stream().map(Window::cpuMsPerOrch).toList()),
        Stats.median(w.stream().map(Window::serverCpuMsPerOrch).toList()),
        Stats.median(m.firstGapsMs()), Stats.quantile(gaps, 0.5), Stats.quantile(gaps, 0.95),
        Stats.median(m.lastGapsMs()), rssMb, w, m.profile());
  }

  /** The series' name in the table. */
  String label() {
    return engine + " " + workload;
  }
}
