package io.durobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.toolkit.tools.Ports;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The server's CPU, as the benchmark reads it for each window. */
class BenchServerTest {

  @Test
  void theCpuOfABackendThatExitedStaysCounted() throws Exception {
    try (BenchServer server = BenchServer.start(Ports.free())) {
      String url = server.createDatabase("cpu");
      long backendPid;
      long whileAlive;
      try (Connection c = DriverManager.getConnection(url, server.user(), null);
          Statement st = c.createStatement()) {
        try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
          rs.next();
          backendPid = rs.getLong(1);
        }
        // a few hundred milliseconds of the backend's CPU
        st.execute("SELECT count(*) FROM generate_series(1, 5000000)");
        whileAlive = server.cpuNanos();
        // the database's own connections, by process: this one, with the CPU it just used
        assertThat(server.backendCpuNanos("cpu")).containsOnlyKeys(backendPid)
            .allSatisfy((pid, cpu) -> assertThat(cpu).isPositive());
      }
      awaitExit(backendPid);
      long afterExit = server.cpuNanos();
      // the exited backend's share is kept: the server's CPU never goes back
      assertThat(afterExit).isGreaterThanOrEqualTo(whileAlive);
    }
  }

  @Test
  void aDatabaseInUseIsDroppedItsSessionsEnded() throws Exception {
    try (BenchServer server = BenchServer.start(Ports.free())) {
      String url = server.createDatabase("dropped");
      try (Connection c = DriverManager.getConnection(url, server.user(), null)) {
        server.dropDatabase("dropped");
        // its session was ended: the connection is broken
        assertThat(c.isValid(5)).isFalse();
      }
      assertThatThrownBy(() -> DriverManager.getConnection(url, server.user(), null).close())
          .hasMessageContaining("does not exist");
      server.dropDatabase("dropped"); // again: nothing to drop, no error
    }
  }

  @Test
  void reapedChildrenAreReadFromProcStatAfterTheCommandName() {
    // a command name with spaces and a parenthesis; utime 7, stime 8, cutime 250, cstime 50
    String line = "4242 (postgres: a) b) S 1 4242 4242 0 -1 4194560 100 200 0 0 7 8 250 50 20 0 1"
        + " 0 1000 100000 200 18446744073709551615";
    assertThat(BenchServer.ReapedChildren.cpuNanos(line)).isEqualTo(3_000_000_000L);
  }

  private static void awaitExit(long pid) throws InterruptedException {
    // the backend ends after the client's goodbye; the postmaster then reaps it
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      assertThat(System.nanoTime()).as("backend " + pid + " exited").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
