package io.durobs.engine.testing;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.Registry;
import io.durobs.engine.runtime.DurableRuntime;
import io.durobs.engine.store.postgres.PostgresStore;
import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of engine tests: a fresh database, store and runtimes per test, all closed after it. A
 * database per test (not per class) because work a test leaves behind (a waiting instance, an
 * event raised to it) would otherwise be run by the next test's runtime and show up in its
 * metrics.
 */
public abstract class EngineTestBase {

  protected static TestDatabase db;
  protected static PostgresStore store;
  private final List<DurableRuntime> runtimes = new ArrayList<>();

  @BeforeEach
  void createDatabase() {
    db = TestPostgres.freshDatabase();
    store = TestEngines.store(db);
  }

  @AfterEach
  void stopRuntimesAndStore() {
    runtimes.forEach(DurableRuntime::close);
    runtimes.clear();
    store.close();
  }

  /** Starts a runtime with test timings; it is closed after the test. */
  protected DurableRuntime start(Registry registry) {
    return start(registry, b -> { });
  }

  /** Starts a runtime with test timings adjusted by {@code tune}. */
  protected DurableRuntime start(Registry registry, Consumer<DurableRuntime.Builder> tune) {
    DurableRuntime.Builder b = TestEngines.runtime(store, registry);
    tune.accept(b);
    DurableRuntime rt = b.build().start();
    runtimes.add(rt);
    return rt;
  }

  /** Stops a runtime early (e.g. to restart with other code). */
  protected void stop(DurableRuntime rt) {
    rt.close();
    runtimes.remove(rt);
  }

  /** A client on the shared store (no runtime needed). */
  protected DurableClient client(Registry registry) {
    return DurableRuntime.newClient(store, registry, io.opentelemetry.api.OpenTelemetry.noop());
  }

  /** Polls {@code condition} every 10 ms until it holds; fails after {@code timeout}. */
  public static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what, e);
      }
    }
  }

  /**
   * Re-runs {@code assertion} every 10 ms until it passes, for values that change on their own
   * (a gauge refreshed on an interval, retries while a lock is held); after {@code timeout} its
   * last failure is thrown.
   */
  public static void awaitAsserted(Duration timeout, Runnable assertion) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for an assertion to pass", e);
      }
    }
  }

  /**
   * Waits until {@code rt} has finished the turns and activity attempts it was running, so the
   * metrics of every instance a test saw end are recorded (they follow the commit).
   */
  protected static void awaitWorkInProgress(DurableRuntime rt) {
    try {
      if (!rt.awaitWorkInProgress(Duration.ofSeconds(30))) {
        throw new AssertionError("the runtime did not finish its work in progress in 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for the runtime's work in progress", e);
    }
  }

  /** The first column of the first row of a query, as a long. */
  protected static long queryLong(String sql, Object... args) {
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The first column of every row, as strings. */
  protected static List<String> queryStrings(String sql, Object... args) {
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
          out.add(rs.getString(1));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The event types of one execution's history, in order. */
  protected static List<String> historyTypes(String instanceId, long executionId) {
    return queryStrings("SELECT event_type FROM durobs.history_events WHERE instance_id = ?"
        + " AND execution_id = ? ORDER BY seq", instanceId, executionId);
  }
}
