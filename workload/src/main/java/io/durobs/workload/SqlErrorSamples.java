package io.durobs.workload;

import io.durobs.engine.store.StoreErrorType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One real PostgreSQL error per {@link StoreErrorType}, obtained by making the server raise it,
 * so that the faults {@link FaultInjectingStore} injects carry genuine {@code PSQLException}s with
 * the SQLSTATE, message and server detail PostgreSQL really produces.
 *
 * <p>Each error is provoked on fresh connections of its own (never pooled ones: a session setting
 * or temporary table must not leak into the engine) and never touches the engine's tables:
 * <ul>
 *   <li>deadlock (40P01): two transactions take two advisory locks in opposite order;</li>
 *   <li>serialization (40001): a repeatable-read transaction updates a row another transaction
 *       changed after its snapshot (on a probe table created and dropped here);</li>
 *   <li>timeout (57014): {@code pg_sleep} under a 20 ms {@code statement_timeout};</li>
 *   <li>connection (57P01, class "connection" by the engine's rules): the backend terminates its
 *       own connection with {@code pg_terminate_backend};</li>
 *   <li>constraint (23505): a duplicate primary key in a temporary table;</li>
 *   <li>other (22012): a division by zero.</li>
 * </ul>
 */
final class SqlErrorSamples {

  private SqlErrorSamples() {}

  /** Opens a new, unpooled connection to the workload's database. */
  @FunctionalInterface
  interface Connections {
    Connection open() throws SQLException;
  }

  /** Provokes every sample; takes about one deadlock-detection interval (1 s by default). */
  static Map<StoreErrorType, SQLException> provoke(Connections db) {
    Map<StoreErrorType, SQLException> samples = new EnumMap<>(StoreErrorType.class);
    samples.put(StoreErrorType.TIMEOUT, expect(db, c -> {
      try (Statement s = c.createStatement()) {
        s.execute("SET statement_timeout = '20ms'");
        s.execute("SELECT pg_sleep(5)");
      }
    }));
    samples.put(StoreErrorType.CONSTRAINT, expect(db, c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TEMP TABLE durobs_probe (id int PRIMARY KEY)");
        s.execute("INSERT INTO durobs_probe VALUES (1)");
        s.execute("INSERT INTO durobs_probe VALUES (1)");
      }
    }));
    samples.put(StoreErrorType.OTHER, expect(db, c -> {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT 1 / 0");
      }
    }));
    samples.put(StoreErrorType.CONNECTION, expect(db, c -> {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_terminate_backend(pg_backend_pid())");
        s.execute("SELECT 1"); // in case the driver only notices on the next round-trip
      }
    }));
    samples.put(StoreErrorType.DEADLOCK, deadlock(db));
    samples.put(StoreErrorType.SERIALIZATION, serialization(db));
    samples.forEach((type, e) -> {
      if (StoreErrorType.fromSqlState(e.getSQLState()) != type) {
        throw new IllegalStateException("PostgreSQL raised SQLSTATE " + e.getSQLState()
            + " where a " + type.label() + " error was provoked: " + e.getMessage());
      }
    });
    return samples;
  }

  private interface SqlAction {
    void run(Connection c) throws SQLException;
  }

  private static SQLException expect(Connections db, SqlAction action) {
    try (Connection c = db.open()) {
      action.run(c);
    } catch (SQLException e) {
      return e;
    }
    throw new IllegalStateException("PostgreSQL did not raise the provoked error");
  }

  private static SQLException deadlock(Connections db) {
    long a = UUID.randomUUID().getMostSignificantBits();
    long b = a + 1;
    try (Connection first = db.open(); Connection second = db.open()) {
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      lock(first, a);
      lock(second, b);
      CompletableFuture<SQLException> crossing = CompletableFuture.supplyAsync(() -> {
        try {
          lock(first, b);
          return null;
        } catch (SQLException e) {
          return e;
        }
      });
      SQLException victim = null;
      try {
        lock(second, a);
      } catch (SQLException e) {
        victim = e;
        second.rollback(); // releases b, so the first transaction gets it
      }
      SQLException other = crossing.get(30, TimeUnit.SECONDS);
      first.rollback();
      second.rollback();
      if (victim == null) {
        victim = other;
      }
      if (victim == null) {
        throw new IllegalStateException("PostgreSQL detected no deadlock");
      }
      return victim;
    } catch (SQLException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot provoke a deadlock: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted provoking a deadlock", e);
    }
  }

  private static void lock(Connection c, long key) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + key + ")");
    }
  }

  private static SQLException serialization(Connections db) {
    String table = "durobs_probe_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection setup = db.open(); Statement ddl = setup.createStatement()) {
      ddl.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, v int NOT NULL)");
      try {
        ddl.execute("INSERT INTO " + table + " VALUES (1, 0)");
        try (Connection reader = db.open(); Statement r = reader.createStatement()) {
          reader.setAutoCommit(false);
          reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
          r.executeQuery("SELECT v FROM " + table + " WHERE id = 1").close(); // takes the snapshot
          ddl.execute("UPDATE " + table + " SET v = v + 1 WHERE id = 1");
          try {
            r.execute("UPDATE " + table + " SET v = v + 1 WHERE id = 1");
          } catch (SQLException e) {
            reader.rollback();
            return e;
          }
          reader.rollback();
          throw new IllegalStateException("PostgreSQL raised no serialization failure");
        }
      } finally {
        ddl.execute("DROP TABLE IF EXISTS " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot provoke a serialization failure: " + e.getMessage(), e);
    }
  }
}
