package io.durobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.durobs.bench.SideBySide.EngineMark;
import io.durobs.bench.SideBySide.Mark;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How one JVM's shared costs are shared out among its engines, on marks the test writes. */
class TelemetryForksTest {

  private static final long MS = 1_000_000;

  @Test
  void anEngineIsChargedItsThreadsAndTheGarbageCollectionItsAllocationsCaused() {
    // between the marks: off ran 100 orchestrations on 200 ms of its threads and allocated 1 MB;
    // on ran 100 on 210 ms and allocated 3 MB; the collector's threads used 40 ms, the JIT
    // compiler's 20 ms; the server processes of on's connections 300 ms
    Mark before = mark(0, 0, Map.of("off", engine(0, 0, 0, 0, 0), "on", engine(0, 0, 0, 0, 0)));
    Mark after = mark(20 * MS, 40 * MS, Map.of("off", engine(100, 200 * MS, 1 << 20, 0, 0),
        "on", engine(100, 210 * MS, 3 << 20, 6 * MS, 300 * MS)));

    TelemetryForks.EngineWindow off = TelemetryForks.EngineWindow.between(before, after, "off",
        10);
    TelemetryForks.EngineWindow on = TelemetryForks.EngineWindow.between(before, after, "on", 10);

    // a quarter of the collection is off's, three quarters on's
    assertThat(off.cpuMsPerOrch()).isCloseTo((200 + 10) / 100.0, within(1e-9));
    assertThat(on.cpuMsPerOrch()).isCloseTo((210 + 30) / 100.0, within(1e-9));
    // the compiled code serves both alike: half the compiler's time each
    assertThat(off.compilerMsPerOrch()).isCloseTo(0.1, within(1e-9));
    assertThat(on.compilerMsPerOrch()).isCloseTo(0.1, within(1e-9));
    assertThat(on.serverCpuMsPerOrch()).isCloseTo(3.0, within(1e-9));
    assertThat(off.serverCpuMsPerOrch()).isZero();
    assertThat(on.telemetryThreadsCpuShare()).isCloseTo(6.0 / 240, within(1e-9));
    assertThat(on.perSecond()).isEqualTo(10.0);
  }

  @Test
  void aJvmThatAllocatedNothingChargesNoCollection() {
    Mark before = mark(0, 0, Map.of("off", engine(0, 0, 0, 0, 0)));
    Mark after = mark(0, 5 * MS, Map.of("off", engine(10, 20 * MS, 0, 0, 0)));

    assertThat(TelemetryForks.EngineWindow.between(before, after, "off", 1).cpuMsPerOrch())
        .isEqualTo(2.0);
  }

  @Test
  void eachForkBuildsTheEnginesInAnotherOrderSoThatEachComesFirstOnce() {
    assertThat(TelemetryForks.buildOrder(0)).isEqualTo(TelemetryForks.ENGINES);
    assertThat(TelemetryForks.buildOrder(1))
        .containsExactly("on", "every-second", "control", "off");
    List<String> firsts = List.of(TelemetryForks.buildOrder(0).get(0),
        TelemetryForks.buildOrder(1).get(0), TelemetryForks.buildOrder(2).get(0),
        TelemetryForks.buildOrder(3).get(0));
    assertThat(firsts).containsExactlyInAnyOrderElementsOf(TelemetryForks.ENGINES);
    assertThat(TelemetryForks.buildOrder(4)).isEqualTo(TelemetryForks.buildOrder(0));
  }

  private static Mark mark(long compiler, long gc, Map<String, EngineMark> engines) {
    return new Mark(compiler, gc, new LinkedHashMap<>(engines));
  }

  private static EngineMark engine(long completed, long cpu, long allocated, long telemetry,
      long backend) {
    return new EngineMark(completed, cpu, allocated, telemetry, Map.of(42L, backend));
  }
}
