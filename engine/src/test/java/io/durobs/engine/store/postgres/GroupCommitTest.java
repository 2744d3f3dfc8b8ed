package io.durobs.engine.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.durobs.engine.store.StoreErrorType;
import io.durobs.engine.store.StoreException;
import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit against a real PostgreSQL. A batch is arranged without timing: one lane is held
 * inside a call that waits for an advisory lock the test holds (seen in
 * {@code pg_stat_activity}), the other calls queue behind it, and the test releases the lock
 * once {@link GroupCommit#queued()} shows them all.
 */
class GroupCommitTest {

  private static final int CALLS = 10;

  private TestDatabase db;
  private HikariDataSource pool;
  private GroupCommit commits;
  private final ExecutorService callers = Executors.newFixedThreadPool(CALLS + 1);

  @BeforeEach
  void setUp() throws SQLException {
    db = TestPostgres.freshDatabase();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setUsername(db.user());
    config.setPassword(db.password());
    config.setMaximumPoolSize(4);
    pool = new HikariDataSource(config);
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE probe (x INTEGER PRIMARY KEY)");
    }
    commits = new GroupCommit(pool, new Reachability("test", System::nanoTime), 1, "test");
  }

  @AfterEach
  void tearDown() {
    commits.close();
    pool.close();
    callers.shutdownNow();
  }

  @Test
  void callsThatQueueWhileALaneCommitsShareTheNextTransaction() throws Exception {
    List<CompletableFuture<Long>> txids = new ArrayList<>();
    try (Connection holder = db.connect()) {
      CompletableFuture<Long> first = holdLaneBehind(holder);
      for (int i = 0; i < CALLS; i++) {
        int x = i;
        txids.add(CompletableFuture.supplyAsync(() -> commits.run(insert(x)), callers));
      }
      awaitQueued(CALLS);
      release(holder);
      long blockerTx = first.get();
      for (CompletableFuture<Long> f : txids) {
        assertThat(f.get()).isEqualTo(txids.get(0).get()).isNotEqualTo(blockerTx);
      }
    }
    assertThat(count("SELECT count(*) FROM probe")).isEqualTo(CALLS);
  }

  @Test
  void aCallTheServerRejectsFailsAloneAndTheOthersOfItsBatchCommit() throws Exception {
    List<CompletableFuture<Long>> calls = new ArrayList<>();
    try (Connection holder = db.connect()) {
      CompletableFuture<Long> first = holdLaneBehind(holder);
      for (int i = 0; i < CALLS; i++) {
        // call 4 inserts a duplicate key: a constraint violation that aborts the transaction
        int x = i == 4 ? 3 : i;
        calls.add(CompletableFuture.supplyAsync(() -> commits.run(insert(x)), callers));
        // queued one by one, so that call 3, not its duplicate, comes first when each runs alone
        awaitQueued(i + 1);
      }
      release(holder);
      first.get();
    }
    for (int i = 0; i < CALLS; i++) {
      if (i == 4) {
        CompletableFuture<Long> duplicate = calls.get(i);
        assertThatThrownBy(duplicate::join).cause()
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("insert failed (constraint")
            .matches(e -> ((StoreException) e).type() == StoreErrorType.CONSTRAINT);
      } else {
        assertThat(calls.get(i).get()).as("call %d", i).isPositive();
      }
    }
    assertThat(count("SELECT count(*) FROM probe")).isEqualTo(CALLS - 1);
  }

  @Test
  void aLoneCallRunsAtOnceInATransactionOfItsOwnAndACloseRefusesLaterCalls() throws Exception {
    long a = commits.run(insert(1));
    long b = commits.run(insert(2));
    assertThat(a).isNotEqualTo(b);
    commits.close();
    assertThatThrownBy(() -> commits.run(insert(3)))
        .isInstanceOf(StoreException.class)
        .hasMessage("insert failed: the store is closed");
    assertThat(count("SELECT count(*) FROM probe")).isEqualTo(2);
  }

  /** Inserts {@code x} and returns the transaction id. */
  private static GroupCommit.Call<Long> insert(int x) {
    return new GroupCommit.Call<>("insert", "INSERT INTO probe VALUES (?) RETURNING"
        + " txid_current()", List.of(x), r -> {
          ResultSet rs = r.next();
          rs.next();
          return rs.getLong(1);
        });
  }

  /** Takes advisory lock 42 and starts a call that waits for it; returns once it waits. */
  private CompletableFuture<Long> holdLaneBehind(Connection holder) throws Exception {
    try (Statement st = holder.createStatement()) {
      st.execute("SELECT pg_advisory_lock(42)");
    }
    CompletableFuture<Long> call = CompletableFuture.supplyAsync(() -> commits.run(
        new GroupCommit.Call<>("wait", "SELECT pg_advisory_xact_lock(42), txid_current()",
            List.of(), r -> {
              ResultSet rs = r.next();
              rs.next();
              return rs.getLong(2);
            })), callers);
    while (count("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'advisory'") == 0) {
      assertThat(call).isNotDone();
      Thread.onSpinWait();
    }
    return call;
  }

  private void awaitQueued(int n) {
    while (commits.queued() < n) {
      Thread.onSpinWait();
    }
  }

  private static void release(Connection holder) throws SQLException {
    try (Statement st = holder.createStatement()) {
      st.execute("SELECT pg_advisory_unlock(42)");
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
