package io.durobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark in its smoke plan, so it cannot rot: every part runs once (its own server,
 * pgbench, durobs, the telemetry rounds against a running collector, DBOS) and the outputs have
 * their form. No timing is asserted: the numbers of a smoke run mean nothing.
 */
class BenchSmokeTest {

  @Test
  void everyPartRunsAndTheOutputsHaveTheirForm(@TempDir Path dir) throws Exception {
    Path root = Path.of(System.getProperty("durobs.root")).toAbsolutePath();
    Report report = new BenchMain().run(Plan.SMOKE, root);

    assertThat(report.summaryLine()).matches("bench: durobs/dbos = \\d+\\.\\d\\d \\(no-op 5-step,"
        + " 50 in flight\\) · 2:2 shape \\d+\\.\\d orch/s · \\d+\\.\\d write xacts/orch"
        + " · telemetry overhead -?\\d+\\.\\d%");
    assertThat(report.server()).containsEntry("fsync", "on").containsEntry("synchronous_commit", "on")
        .containsEntry("full_page_writes", "on");
    assertThat(report.pgbench().tps()).isPositive();
    // pgbench -N commits one write transaction per transaction: the counter reads what it should
    assertThat(report.pgbench().writeXactsPerTx()).isBetween(0.9, 1.5);
    assertThat(report.series()).extracting(SeriesResult::engine)
        .containsExactly("durobs", "durobs", "durobs", "durobs", "durobs", "durobs", "durobs",
            "dbos", "dbos", "dbos", "durobs");
    // durobs with a commit per step, as DBOS makes, beside its default
    assertThat(report.series()).extracting(SeriesResult::workload)
        .contains(Report.NO_OP_UNCHAINED);
    assertThat(report.series()).allSatisfy(s -> {
      assertThat(s.runs()).hasSize(Plan.SMOKE.repeats())
          .allSatisfy(w -> assertThat(w.completed()).isGreaterThanOrEqualTo(Plan.SMOKE.minCompleted()));
      // each orchestration writes (durobs shares transactions between orchestrations, so fewer
      // than one per orchestration is possible): its start, steps and end reach the WAL
      assertThat(s.writeXactsPerOrch()).as(s.label()).isPositive();
      assertThat(s.walBytesPerOrch()).as(s.label()).isGreaterThan(500);
      // the server works for every orchestration: its processes' CPU is read
      assertThat(s.serverCpuMsPerOrch()).as(s.label()).isPositive();
      assertThat(s.stepGapP50Ms()).as(s.label()).isNotNaN();
    });
    // the headline ratio comes from windows of both engines in turn
    assertThat(report.headlinePairs()).hasSize(Plan.SMOKE.headlinePairs())
        .allSatisfy(r -> assertThat(r).isPositive());
    // the telemetry forks: a new JVM in each, four engines side by side in it, each window read
    // from all four, the fork's ratios from its totals
    TelemetryForks telemetry = report.telemetry();
    assertThat(telemetry.forks()).hasSize(Plan.SMOKE.telemetry().count()).allSatisfy(fork -> {
      assertThat(fork.windows()).hasSize(Plan.SMOKE.telemetry().windows());
      List<TelemetryForks.Round> all = new ArrayList<>(fork.windows());
      all.add(fork.whole());
      assertThat(all).allSatisfy(r -> {
        for (TelemetryForks.EngineWindow w : List.of(r.off(), r.on(), r.everySecond(),
            r.control())) {
          assertThat(w.completed()).isGreaterThanOrEqualTo(Plan.SMOKE.minCompleted());
          // each engine's threads' CPU is read, and its connections' server processes' (from
          // /proc, in ticks of 10 ms: a smoke window's few orchestrations may fall within one)
          assertThat(w.cpuMsPerOrch()).isPositive();
          assertThat(w.serverCpuMsPerOrch()).isNotNegative();
        }
        // the engine that exports every second has done so in the window: its SDK's threads
        // have used some of its CPU (the on engine's export at the default 60 s comes later)
        assertThat(r.everySecond().telemetryThreadsCpuShare()).isStrictlyBetween(0.0, 1.0);
        assertThat(r.off().telemetryThreadsCpuShare()).isZero();
        assertThat(r.control().telemetryThreadsCpuShare()).isZero();
      });
      // the totals are the windows' sums
      assertThat(fork.whole().on().completed()).isEqualTo(fork.windows().stream()
          .mapToLong(r -> r.on().completed()).sum());
    });
    assertThat(telemetry.cpu()).hasSize(Plan.SMOKE.telemetry().count())
        .allSatisfy(r -> assertThat(r).isPositive());
    assertThat(telemetry.everySecondCpu()).hasSize(Plan.SMOKE.telemetry().count())
        .allSatisfy(r -> assertThat(r).isPositive());
    assertThat(telemetry.controlCpu()).hasSize(Plan.SMOKE.telemetry().count())
        .allSatisfy(r -> assertThat(r).isPositive());
    assertThat(telemetry.collectorPercent()).isBetween(0.0, 200.0);
    assertThat(report.series().stream().filter(s -> s.profile() != null))
        .extracting(SeriesResult::engine).containsExactly("durobs", "dbos");
    assertThat(report.series().get(0).profile().statements())
        .anySatisfy(st -> assertThat(st.query()).contains("durobs."));
    // what runs inside functions and triggers is counted apart: DBOS' foreign-key checks (durobs
    // commits its no-op turns with plain statements)
    assertThat(report.series().stream().filter(s -> s.profile() != null
        && s.engine().equals("dbos")).findFirst().orElseThrow().profile().nestedStatements())
        .anySatisfy(st -> assertThat(st.query()).contains("workflow_status"));

    // the idle engine was measured for the plan's time, its CPU read from the JVM and the server
    assertThat(report.idle().seconds()).isGreaterThanOrEqualTo(Plan.SMOKE.idle().toSeconds());
    assertThat(report.idle().enginePercent()).isBetween(0.0, 200.0);
    assertThat(report.idle().serverPercent()).isBetween(0.0, 200.0);
    assertThat(report.idle().backendsPercent()).isBetween(0.0, 200.0);

    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    report.print(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
        .containsPattern("CPU per orchestration in those windows \\(median\\): durobs JVM"
            + " \\d+\\.\\d\\d ms \\+ server \\d+\\.\\d\\d ms; dbos JVM")
        .containsPattern("control \\(the method's own error\\): median [+-]\\d+\\.\\d%")
        .endsWith(report.summaryLine() + System.lineSeparator());

    Path json = dir.resolve("bench.json");
    report.writeJson(json);
    JsonNode read = new ObjectMapper().readTree(Files.readString(json));
    assertThat(read.path("summary").asText()).isEqualTo(report.summaryLine());
    assertThat(read.path("series")).hasSize(report.series().size());
    assertThat(read.path("idle").path("enginePercent").isNumber()).isTrue();
    assertThat(read.path("telemetry").path("forks")).hasSize(Plan.SMOKE.telemetry().count());
    assertThat(read.path("telemetry").path("forks").get(1).path("windows").get(0).path("on")
        .path("cpuMsPerOrch").isNumber()).isTrue();
    assertThat(read.path("telemetry").path("forks").get(1).path("whole").path("control")
        .path("completed").isNumber()).isTrue();
  }
}
