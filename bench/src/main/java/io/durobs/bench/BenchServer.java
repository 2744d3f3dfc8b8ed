package io.durobs.bench;

import io.durobs.testing.postgres.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark's own PostgreSQL server: a {@link LocalPostgres} in a temp directory with
 * PostgreSQL's default settings (durability included: {@code fsync}, {@code synchronous_commit}
 * and {@code full_page_writes} on) plus {@code pg_stat_statements}, one database per measured
 * series, and the counters the report divides by orchestrations. Closing stops the server and
 * deletes its directory.
 */
public final class BenchServer implements AutoCloseable {

  /** The settings that differ from PostgreSQL's defaults: statement statistics, nothing else. */
  static final Map<String, String> SETTINGS = Map.of(
      "shared_preload_libraries", "pg_stat_statements");

  /** The settings printed with the results (what the numbers depend on). */
  private static final List<String> SHOWN = List.of("server_version", "fsync", "synchronous_commit",
      "full_page_writes", "wal_level", "shared_buffers", "max_connections", "checkpoint_timeout",
      "max_wal_size");

  private final Path dir;
  private final LocalPostgres server;
  private final Connection admin;

  private BenchServer(Path dir, LocalPostgres server, Connection admin) {
    this.dir = dir;
    this.server = server;
    this.admin = admin;
  }

  /** Starts a server on a free port of 127.0.0.1. */
  public static BenchServer start(int port) {
    Path dir;
    try {
      dir = Files.createTempDirectory("durobs-bench-pg-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the benchmark server's directory", e);
    }
    LocalPostgres pg = LocalPostgres.start(dir, port, SETTINGS);
    try {
      Connection admin = DriverManager.getConnection(pg.jdbcUrl("postgres"),
          LocalPostgres.SUPERUSER, "");
      try (Statement st = admin.createStatement()) {
        st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      }
      return new BenchServer(dir, pg, admin);
    } catch (SQLException | RuntimeException e) {
      pg.stop();
      deleteTree(dir);
      throw new IllegalStateException("benchmark server on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** The port on 127.0.0.1. */
  public int port() {
    return server.port();
  }

  /** The superuser to log in as (trust authentication, loopback only: no password). */
  public String user() {
    return LocalPostgres.SUPERUSER;
  }

  /** The server's data directory (for the report: the disk its WAL is flushed to). */
  public Path directory() {
    return dir;
  }

  /**
   * CPU time the server's processes (the postmaster and every process under it) have used so
   * far, those that exited included: a backend or autovacuum worker that ended between two
   * readings took its CPU out of the live processes' sum, which made a window's server CPU
   * negative, so the postmaster's reaped children's time is added (Linux' {@code /proc}; where
   * there is none, the live processes only).
   */
  public long cpuNanos() throws IOException {
    long pid = Long.parseLong(Files.readAllLines(dir.resolve("data/postmaster.pid")).get(0).trim());
    ProcessHandle postmaster = ProcessHandle.of(pid)
        .orElseThrow(() -> new IllegalStateException("the benchmark server (pid " + pid
            + ") is not running"));
    long live = Stream.concat(Stream.of(postmaster), postmaster.descendants())
        .mapToLong(p -> p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L))
        .sum();
    return live + ReapedChildren.cpuNanos(pid);
  }

  /**
   * CPU time used so far by each server process that serves a connection to {@code database},
   * by process id (those that ended are not in it): its backends and their parallel workers, not
   * an autovacuum worker that happens to be vacuuming the database at the moment (it shows in
   * {@code pg_stat_activity} under the database too, and a mark that caught one would charge
   * its whole CPU to the window).
   */
  public synchronized Map<Long, Long> backendCpuNanos(String database) throws SQLException {
    Map<Long, Long> out = new LinkedHashMap<>();
    try (PreparedStatement ps = admin.prepareStatement("SELECT pid FROM pg_stat_activity"
        + " WHERE datname = ? AND backend_type IN ('client backend', 'parallel worker')")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long pid = rs.getLong(1);
          ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
              .ifPresent(cpu -> out.put(pid, cpu.toNanos()));
        }
      }
    }
    return out;
  }

  /** The CPU time of a process' children that ended and were waited for (Linux). */
  static final class ReapedChildren {
    private ReapedChildren() {}

    static long cpuNanos(long pid) throws IOException {
      Path stat = Path.of("/proc", Long.toString(pid), "stat");
      if (!Files.isReadable(stat)) {
        return 0;
      }
      return cpuNanos(Files.readString(stat));
    }

    /** From a {@code /proc/PID/stat} line: {@code cutime + cstime} (fields 16 and 17). */
    static long cpuNanos(String statLine) {
      return ProcStat.parse(statLine).cpuNanos(16, 17);
    }
  }

  /** Creates an empty database and returns its JDBC URL. */
  public synchronized String createDatabase(String name) throws SQLException {
    try (Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return server.jdbcUrl(name);
  }

  /** Drops a database if it exists, ending its sessions first. */
  public synchronized void dropDatabase(String name) throws SQLException {
    try (Statement st = admin.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  /**
   * Creates an empty database whose sessions also count the statements run inside functions
   * ({@code pg_stat_statements.track = all}, for this database only: the tracking costs each
   * nested statement a little) and returns its JDBC URL.
   */
  public synchronized String createProfiledDatabase(String name) throws SQLException {
    String url = createDatabase(name);
    try (Statement st = admin.createStatement()) {
      st.execute("ALTER DATABASE " + name + " SET pg_stat_statements.track = 'all'");
    }
    return url;
  }

  // the admin connection is shared by the loop's sampler and the windows' edges: one at a time

  /** The settings that matter to the numbers, as the server reports them. */
  public synchronized Map<String, String> settings() throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement ps = admin.prepareStatement("SELECT current_setting(?)")) {
      for (String name : SHOWN) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          out.put(name, rs.getString(1));
        }
      }
    }
    return out;
  }

  /**
   * The counters now: commits of {@code database} (read-only ones included; the statistics
   * collector publishes them with up to half a second of delay), write transactions of the whole
   * server (the next transaction id: only a transaction that writes takes one; reading it takes
   * none) and WAL written by the whole server.
   */
  public synchronized Counters counters(String database) throws SQLException {
    try (PreparedStatement ps = admin.prepareStatement("SELECT"
        + " (SELECT xact_commit FROM pg_stat_database WHERE datname = ?),"
        + " pg_snapshot_xmax(pg_current_snapshot())::text::bigint,"
        + " pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Counters(rs.getLong(1), rs.getLong(2), rs.getLong(3));
      }
    }
  }

  /** Forgets the statement statistics gathered so far. */
  public synchronized void resetStatements() throws SQLException {
    try (Statement st = admin.createStatement()) {
      st.execute("SELECT pg_stat_statements_reset()");
    }
  }

  /**
   * The statements the clients of {@code database} sent since {@link #resetStatements()}, most
   * called first.
   */
  public List<StatementStat> statements(String database, int limit) throws SQLException {
    return statements(database, true, "s.calls DESC, s.total_exec_time DESC", limit);
  }

  /**
   * The statements run inside functions in {@code database} since {@link #resetStatements()}
   * (counted in a database made by {@link #createProfiledDatabase}), the most time first.
   */
  public List<StatementStat> nestedStatements(String database, int limit) throws SQLException {
    return statements(database, false, "s.total_exec_time DESC", limit);
  }

  private synchronized List<StatementStat> statements(String database, boolean topLevel,
      String order, int limit) throws SQLException {
    List<StatementStat> out = new ArrayList<>();
    try (PreparedStatement ps = admin.prepareStatement("SELECT s.calls, s.rows, s.wal_bytes,"
        + " s.total_exec_time, regexp_replace(s.query, '\\s+', ' ', 'g')"
        + " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
        + " WHERE d.datname = ? AND s.toplevel = ? ORDER BY " + order + " LIMIT ?")) {
      ps.setString(1, database);
      ps.setBoolean(2, topLevel);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new StatementStat(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4),
              rs.getString(5)));
        }
      }
    }
    return out;
  }

  /**
   * One sample of what the server's backends of {@code database} are doing: for each busy
   * backend its wait event ({@code CPU} when it waits for nothing), and how many sit idle (their
   * client, the engine, has the turn), inside a transaction or not.
   */
  public synchronized WaitSample sampleWaits(String database) throws SQLException {
    Map<String, Integer> active = new LinkedHashMap<>();
    int idle = 0;
    int idleInTransaction = 0;
    try (PreparedStatement ps = admin.prepareStatement("SELECT state,"
        + " coalesce(wait_event_type || ':' || wait_event, 'CPU') FROM pg_stat_activity"
        + " WHERE datname = ? AND pid <> pg_backend_pid() AND backend_type = 'client backend'")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String state = String.valueOf(rs.getString(1));
          if (state.equals("active")) {
            active.merge(rs.getString(2), 1, Integer::sum);
          } else if (state.startsWith("idle in transaction")) {
            idleInTransaction++;
          } else {
            idle++;
          }
        }
      }
    }
    return new WaitSample(active, idle, idleInTransaction);
  }

  @Override
  public void close() {
    try {
      admin.close();
    } catch (SQLException ignored) {
      // the server stops next
    }
    try {
      server.stop();
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory: best effort
    }
  }

  /**
   * Server counters at one moment.
   *
   * @param commits committed transactions of one database (read-only ones included)
   * @param nextXid the next transaction id of the server (write transactions so far)
   * @param walBytes WAL bytes written by the server so far
   */
  public record Counters(long commits, long nextXid, long walBytes) {}

  /**
   * A statement's totals from {@code pg_stat_statements}.
   *
   * @param calls executions
   * @param rows rows returned or changed
   * @param walBytes WAL it wrote
   * @param totalMs execution time in all
   * @param query the normalized text
   */
  public record StatementStat(long calls, long rows, long walBytes, double totalMs, String query) {}

  /**
   * One look at the backends of a database.
   *
   * @param active busy backends by wait event ({@code CPU}: running)
   * @param idle backends waiting for their client, outside a transaction
   * @param idleInTransaction backends waiting for their client inside an open transaction
   */
  public record WaitSample(Map<String, Integer> active, int idle, int idleInTransaction) {}
}
