package io.durobs.toolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running commands and servers, with real processes (sh). */
class ProcessesTest {

  @TempDir Path dir;

  @Test
  void aCommandsExitCodeAndBothOutputsAreKeptInOrder() throws Exception {
    ProcessRun run = ProcessRun.run(dir, List.of("sh", "-c", "echo one; echo two >&2; echo /the/path; exit 3"));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.output()).isEqualTo("one\ntwo\n/the/path\n");
    assertThat(run.lastLine()).isEqualTo("/the/path");
    assertThat(run.tail(2)).isEqualTo("two\n/the/path");
  }

  @Test
  void aCommandThatOutlivesItsTimeoutIsKilledAndNamed() {
    Instant start = Instant.now();

    assertThatThrownBy(() -> ProcessRun.run(dir, List.of("sh", "-c", "echo started; exec sleep 30"),
        Duration.ofMillis(500)))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("sh -c echo started; exec sleep 30 did not finish within 0 s")
        .hasMessageContaining("started");
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aServersOutputGoesToItsLogAndCloseStopsIt() throws Exception {
    Path log = dir.resolve("server.log");
    ManagedProcess server = ManagedProcess.start("server",
        List.of("sh", "-c", "echo \"hello $GREETING\"; exec sleep 60"), dir, Map.of("GREETING", "there"), log);
    try {
      Readiness.await("the greeting", Duration.ofSeconds(10), server,
          () -> server.tail(1).equals("hello there"));
      assertThat(server.isAlive()).isTrue();
      assertThat(server.exitCode()).isNull();
      assertThat(server.log()).isEqualTo(log);
    } finally {
      server.close();
    }
    assertThat(server.isAlive()).isFalse();
    assertThat(ProcessHandle.of(server.pid())).isEmpty();
  }

  @Test
  void aServerThatExitsEndsTheWaitWithItsLastOutput() {
    ManagedProcess server = ManagedProcess.start("broken",
        List.of("sh", "-c", "echo 'bad flag --x'; exit 7"), dir, Map.of(), dir.resolve("broken.log"));

    assertThatThrownBy(() -> Readiness.await("broken /-/ready", Duration.ofSeconds(30), server, () -> false))
        .isInstanceOf(NotReadyException.class)
        .hasMessageStartingWith("broken exited with code 7 while waiting for broken /-/ready")
        .hasMessageEndingWith("bad flag --x");
  }

  @Test
  void aWaitThatTimesOutSaysWhatItWaitedFor() {
    assertThatThrownBy(() -> Readiness.await("nothing", Duration.ofMillis(300), null, () -> false))
        .isInstanceOf(NotReadyException.class)
        .hasMessage("gave up after 0 s waiting for nothing");
  }

  @Test
  void aBinaryThatDoesNotExistIsNamed() {
    assertThatThrownBy(() -> ManagedProcess.start("ghost", List.of(dir.resolve("no-such-binary").toString()),
        dir, Map.of(), dir.resolve("ghost.log")))
        .isInstanceOf(NotReadyException.class)
        .hasMessageStartingWith("ghost: cannot start " + dir.resolve("no-such-binary"));
  }

  @Test
  void aFreePortAcceptsNothingUntilAServerListens() throws Exception {
    int port = Ports.free();

    assertThat(Readiness.accepts("127.0.0.1", port)).isFalse();
    try (var socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(Readiness.accepts("127.0.0.1", port)).isTrue();
    }
    assertThat(Readiness.httpOk("http://127.0.0.1:" + port + "/")).isFalse();
    assertThat(Files.exists(dir)).isTrue();
  }
}
