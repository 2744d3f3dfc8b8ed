package io.durobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.durobs.bench.BenchServer.StatementStat;
import io.durobs.bench.ClosedLoop.Profile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one benchmark run measured, and its three outputs: the table, the JSON file and the
 * summary line ({@link #summaryLine()}).
 *
 * @param mode the plan's name
 * @param machine cores, CPU, memory and load averages before and after
 * @param server the server's settings that matter to the numbers
 * @param pgbench the server's limit
 * @param series every series in the order run
 * @param headlinePairs durobs/DBOS throughput ratios of the no-op pairs of windows (the summary
 *     line's first number is their median)
 * @param telemetry the telemetry forks: four engines side by side, off, on (at the defaults and
 *     exporting every second) and a control, in a new JVM in each fork
 * @param idle the CPU of an engine with nothing to do
 * @param summary the summary line
 */
public record Report(String mode, Map<String, String> machine, Map<String, String> server,
    Pgbench.Result pgbench, List<SeriesResult> series, List<Double> headlinePairs,
    TelemetryForks telemetry, BenchMain.Idle idle, String summary) {

  /** The headline series (by engine and workload); see {@link BenchMain}. */
  static final String NO_OP = "no-op 5-step";
  /** The no-op workload with turn chains off: a commit per step, as DBOS makes. */
  static final String NO_OP_UNCHAINED = "no-op 5-step, chains off";
  static final String SHAPE_2_2 = "duroxide shape 2:2";
  /** The headline pairs' windows (durobs and DBOS in turn) are labelled with this and their number. */
  static final String HEADLINE_PAIR = "headline pair";

  static Report of(String mode, Map<String, String> machine, Map<String, String> server,
      Pgbench.Result pgbench, List<SeriesResult> series, List<Double> headline,
      TelemetryForks telemetry, BenchMain.Idle idle) {
    SeriesResult durobs = find(series, "durobs", NO_OP, 50);
    SeriesResult shape = find(series, "durobs", SHAPE_2_2, 20);
    // the CPU the engine's process spends per orchestration, on against off: what telemetry
    // costs. The throughput ratio is printed too, but four engines and their server share two
    // cores, so each one's throughput is its share of them more than its own cost.
    double overhead = overheadPercent(Stats.median(telemetry.cpu()));
    String line = String.format(Locale.ROOT, "bench: durobs/dbos = %.2f (no-op 5-step, 50 in flight)"
        + " · 2:2 shape %.1f orch/s · %.1f write xacts/orch · telemetry overhead %.1f%%",
        Stats.median(headline), shape.perSecond().median(),
        durobs.writeXactsPerOrch(), overhead);
    return new Report(mode, machine, server, pgbench, series, headline, telemetry, idle, line);
  }

  /** An on/off ratio as the overhead it means, in percent. */
  static double overheadPercent(double ratio) {
    return (ratio - 1) * 100;
  }

  private static SeriesResult find(List<SeriesResult> series, String engine, String workload,
      int inFlight) {
    return series.stream().filter(s -> s.engine().equals(engine) && s.workload().equals(workload)
        && s.inFlight() == inFlight).findFirst()
        .orElseThrow(() -> new IllegalStateException("no series " + engine + " " + workload));
  }

  /** The one line: {@code bench: durobs/dbos = ... · telemetry overhead ...%}. */
  public String summaryLine() {
    return summary;
  }

  /** Prints the table, the profiles and the summary line. */
  void print(PrintStream out) {
    out.println("machine: " + machine);
    out.println("server:  " + server);
    out.printf(Locale.ROOT, "pgbench -N -c %d, %d s: %.0f tps, %.1f write xacts/tx, %.0f WAL bytes/tx"
        + " (the server's limit for small write transactions)%n", pgbench.clients(),
        pgbench.seconds(), pgbench.tps(), pgbench.writeXactsPerTx(), pgbench.walBytesPerTx());
    out.println();
    String head = "%-40s %5s %6s %20s %8s %8s %7s %8s %8s %6s %6s %13s %6s%n";
    out.printf(Locale.ROOT, head, "series", "in", "slots", "orch/s min/med/max", "p50 ms",
        "p95 ms", "wxact/o", "commit/o", "WAL B/o", "CPU ms", "srv ms", "step gap p50/95",
        "RSS MB");
    for (SeriesResult s : series) {
      out.printf(Locale.ROOT,
          "%-40s %5d %6s %20s %8.1f %8.1f %7.1f %8.1f %8.0f %6.2f %6.2f %13s %6d%n",
          s.label(), s.inFlight(), s.slots(),
          String.format(Locale.ROOT, "%.1f/%.1f/%.1f", s.perSecond().min(), s.perSecond().median(),
              s.perSecond().max()),
          s.p50Ms(), s.p95Ms(), s.writeXactsPerOrch(), s.commitsPerOrch(), s.walBytesPerOrch(),
          s.cpuMsPerOrch(), s.serverCpuMsPerOrch(),
          String.format(Locale.ROOT, "%.1f/%.1f", s.stepGapP50Ms(), s.stepGapP95Ms()), s.rssMb());
    }
    out.println();
    out.println("durobs/dbos (no-op, 50 in flight, pairs of adjacent windows of both engines"
        + " driven in turn): throughput " + ratios(headlinePairs) + " (the summary line's ratio"
        + " is their median)");
    out.println("  CPU per orchestration in those windows (median): "
        + headlineCpu("durobs") + "; " + headlineCpu("dbos"));
    SeriesResult unchained = find(series, "durobs", NO_OP_UNCHAINED, 50);
    SeriesResult dbos = find(series, "dbos", NO_OP, 50);
    out.printf(Locale.ROOT, "durobs with turn chains off (a commit per step, as DBOS)/dbos, no-op at"
        + " 50 in flight: %.2f (the two series' medians, not paired: %.1f and %.1f orch/s)%n",
        unchained.perSecond().median() / dbos.perSecond().median(),
        unchained.perSecond().median(), dbos.perSecond().median());
    printTelemetry(out);
    out.printf(Locale.ROOT, "idle engine (default settings, nothing to do, %.0f s): engine %.2f%% of a"
        + " core, the server processes of its connections %.2f%% (the whole server %.2f%%, its"
        + " autovacuum of the earlier series' databases included)%n", idle.seconds(),
        idle.enginePercent(), idle.backendsPercent(), idle.serverPercent());
    for (SeriesResult s : series) {
      if (s.profile() != null) {
        printProfile(out, s);
      }
    }
    out.println();
    out.println(summary);
  }

  /** The telemetry forks: each fork's windows and ratios, their medians, the SDK and collector. */
  private void printTelemetry(PrintStream out) {
    out.println();
    out.printf(Locale.ROOT, "telemetry (no-op, %.0f started per second each, at most %d in"
        + " flight): four durobs engines side by side in one JVM, off, on (OTLP to"
        + " a running collector at the engine's defaults: metrics every 60 s), exporting metrics"
        + " every second, and off again as the control; %d forks of a new JVM, one after another,"
        + " each building the four in another order, each with its windows of all four at once;"
        + " CPU ms per orchestration: each engine's threads' (its clients' and telemetry's"
        + " included) and its share of the garbage collection by what it allocated, without the"
        + " JIT compiler's (JIT ms: the JVM's, shared by orchestrations)%n",
        telemetry.ratePerSecond(), TelemetryForks.IN_FLIGHT, telemetry.forks().size());
    String engine = "%6s %6s %6s %6s";
    out.printf(Locale.ROOT, "%6s   %-27s   %-27s   %-27s   %-27s%n", "window", "off", "on",
        "every second", "control");
    String head = String.format(Locale.ROOT, engine, "orch/s", "CPU ms", "JIT ms", "srv ms");
    out.printf(Locale.ROOT, "%6s   %s   %s   %s   %s%n", "", head, head, head, head);
    int f = 0;
    for (TelemetryForks.Fork fork : telemetry.forks()) {
      f++;
      if (!fork.steady()) {
        out.println("  fork " + f + ": NOT A STEADY STATE: by the end of its warm-up the engines"
            + " did not keep the rate, or their JIT compilers were still busy (the machine was)");
      }
      int i = 0;
      for (TelemetryForks.Round r : fork.windows()) {
        out.printf(Locale.ROOT, "%6s   %s   %s   %s   %s%n", f + "." + ++i, cells(r.off()),
            cells(r.on()), cells(r.everySecond()), cells(r.control()));
      }
      TelemetryForks.Round w = fork.whole();
      out.printf(Locale.ROOT, "%6s   %s   %s   %s   %s%n", f + ".all", cells(w.off()),
          cells(w.on()), cells(w.everySecond()), cells(w.control()));
    }
    out.println("  per fork, over its windows' totals (off: the mean of off and control):");
    out.println("    on/off, CPU per orchestration: " + ratios(telemetry.cpu())
        + " (the overhead is their median, minus 1)");
    out.println("    every-second/off, the same: " + ratios(telemetry.everySecondCpu()));
    out.println("    control/off: " + ratios(telemetry.controlCpu())
        + " (the two engines with telemetry off: 1 if the method were exact)");
    out.println("    on/off, throughput: " + ratios(telemetry.throughput()));
    printSpread(out, "telemetry overhead", telemetry.cpu());
    printSpread(out, "exporting every second", telemetry.everySecondCpu());
    printSpread(out, "control (the method's own error)", telemetry.controlCpu());
    out.printf(Locale.ROOT, "the server processes of the engine's connections, CPU per"
        + " orchestration: on/off %+.1f%% (median of the forks; not in the overhead)%n",
        overheadPercent(Stats.median(telemetry.serverCpu())));
    out.printf(Locale.ROOT, "telemetry's own threads (metric export, log batching, the OTLP"
        + " client): %.1f%% of the every-second engine's CPU (median of the forks; the"
        + " recordings on the engine's threads not included)%n",
        100 * Stats.median(telemetry.telemetryThreadsShare()));
    out.printf(Locale.ROOT, "the collector (its own process, receiving from both exporting engines"
        + " throughout): %.1f%% of a core over the windows%n", telemetry.collectorPercent());
  }

  private static String cells(TelemetryForks.EngineWindow w) {
    return String.format(Locale.ROOT, "%6.1f %6.2f %6.2f %6.2f", w.perSecond(), w.cpuMsPerOrch(),
        w.compilerMsPerOrch(), w.serverCpuMsPerOrch());
  }

  /** The median of {@code ratios} (one per fork) as a difference, and their range. */
  private static void printSpread(PrintStream out, String what, List<Double> ratios) {
    double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
    out.printf(Locale.ROOT, "%s: median %+.1f%%, from %+.1f%% to %+.1f%% over %d forks (how far"
        + " single forks scatter)%n", what, overheadPercent(Stats.median(ratios)),
        overheadPercent(Stats.quantile(r, 0)), overheadPercent(Stats.quantile(r, 1)), r.length);
  }

  /** {@code engine}'s JVM and server CPU per orchestration over the headline pairs' windows. */
  private String headlineCpu(String engine) {
    List<SeriesResult> windows = series.stream().filter(s -> s.engine().equals(engine)
        && s.workload().contains("(" + HEADLINE_PAIR + " ")).toList();
    return String.format(Locale.ROOT, "%s JVM %.2f ms + server %.2f ms", engine,
        Stats.median(windows.stream().map(SeriesResult::cpuMsPerOrch).toList()),
        Stats.median(windows.stream().map(SeriesResult::serverCpuMsPerOrch).toList()));
  }

  private static String ratios(List<Double> ratios) {
    return String.join(", ", ratios.stream().map(r -> String.format(Locale.ROOT, "%.3f", r))
        .toList());
  }

  private static void printProfile(PrintStream out, SeriesResult s) {
    Profile p = s.profile();
    double orchs = s.runs().stream().mapToLong(ClosedLoop.Window::completed).sum();
    out.println();
    out.printf(Locale.ROOT, "profile of %s, %d in flight: first pickup p50 %.1f ms, step gap p50 %.1f ms,"
        + " last step to completion p50 %.1f ms%n", s.label(), s.inFlight(), s.firstPickupP50Ms(),
        s.stepGapP50Ms(), s.lastGapP50Ms());
    long active = p.activeByWait().values().stream().mapToLong(Integer::longValue).sum();
    StringBuilder waits = new StringBuilder();
    p.activeByWait().entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(6)
        .forEach(e -> waits.append(String.format(Locale.ROOT, " %s %.0f%%", e.getKey(),
            100.0 * e.getValue() / Math.max(1, active))));
    double n = Math.max(1, p.samples());
    out.printf(Locale.ROOT, "  backends: %.1f busy, %.1f idle in transaction, %.1f idle on average;%s%n",
        active / n, p.idleInTransactionSamples() / n, p.idleSamples() / n,
        waits.length() == 0 ? " none busy" : " busy on" + waits);
    out.println("  statements (pg_stat_statements, per orchestration): calls, WAL bytes, ms, query");
    printStatements(out, p.statements(), orchs);
    if (!p.nestedStatements().isEmpty()) {
      out.println("  inside those, in functions (per orchestration): calls, WAL bytes, ms, query");
      printStatements(out, p.nestedStatements(), orchs);
    }
  }

  private static void printStatements(PrintStream out, List<StatementStat> statements,
      double orchs) {
    for (StatementStat st : statements) {
      String q = st.query().length() > 110 ? st.query().substring(0, 110) + "..." : st.query();
      out.printf(Locale.ROOT, "  %6.2f %7.0f %6.3f  %s%n", st.calls() / orchs, st.walBytes() / orchs,
          st.totalMs() / orchs, q);
    }
  }

  /** Writes the JSON file (directories created). */
  void writeJson(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
  }
}
