package io.durobs.engine.store.postgres;

import io.durobs.engine.store.StoreErrorType;
import io.durobs.engine.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Group commit: the store's writing calls from many threads (dispatcher slots, clients) run
 * together, one after the other in one transaction, by a few commit lanes. On a
 * server with default durability every commit waits for a WAL flush, and those flushes, not
 * the statements, bound how many turns and activity completions an engine commits per second;
 * a transaction shared by the calls that arrived while the previous one was committing needs
 * one flush for all of them. Nothing waits to fill a batch: a lane takes whatever is queued
 * when it is free, so a lone call on an idle engine runs at once, alone.
 *
 * <p>Each call keeps its own meaning: its statements see the effects of the calls before it in
 * the same transaction (as if committed just before), and it is reported only after the
 * transaction committed. When the server rejects a statement (a constraint, a deadlock, a
 * timeout), the whole transaction rolled back, so each call of that batch runs again alone and
 * only the call at fault gets the error. When the connection fails, whether the commit happened
 * is unknown, exactly as for a call sent alone: every call of the batch gets the failure.
 */
final class GroupCommit implements AutoCloseable {

  /** Most calls in one transaction: bounds how long a lane holds its rows' locks. */
  static final int MAX_BATCH = 32;

  /** Reads one call's results, in the order of its statements. */
  @FunctionalInterface
  interface Reader<T> {
    T read(Results results) throws SQLException;
  }

  /**
   * One store call: its statements ({@code ;}-separated, each returning rows), its parameters
   * in order (String, UUID, Long, Integer, Boolean, an array of Long, Integer or
   * String, null, or {@link #NULL_BIGINT}), and how to read its results.
   */
  record Call<T>(String what, String sql, List<Object> parameters, Reader<T> reader) {
    Call {
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(sql, "sql");
      Objects.requireNonNull(parameters, "parameters");
      Objects.requireNonNull(reader, "reader");
    }
  }

  /** The results of a batch, handed to each call's reader in turn. */
  static final class Results {
    private final PreparedStatement ps;
    private boolean started;

    private Results(PreparedStatement ps) {
      this.ps = ps;
    }

    /** The next statement's rows (the previous ones are closed). */
    ResultSet next() throws SQLException {
      if (started && !ps.getMoreResults()) {
        throw new SQLException("the batch returned fewer results than it has statements");
      }
      started = true;
      ResultSet rs = ps.getResultSet();
      if (rs == null) {
        throw new SQLException("a statement of the batch returned no rows");
      }
      return rs;
    }
  }

  /** A NULL parameter bound as {@code bigint} (a bare {@code null} is bound as text). */
  static final Object NULL_BIGINT = new Object();

  private static final Object CLOSE = new Object();

  private final DataSource pool;
  private final Reachability reachability;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final List<Thread> lanes = new ArrayList<>();
  private boolean closed;

  GroupCommit(DataSource pool, Reachability reachability, int laneCount, String name) {
    this.pool = pool;
    this.reachability = reachability;
    for (int i = 1; i <= laneCount; i++) {
      Thread t = new Thread(this::lane, "durobs-commit-" + name + "-" + i);
      t.setDaemon(true);
      lanes.add(t);
      t.start();
    }
  }

  /**
   * Runs {@code call} in the next shared transaction and returns its result once committed.
   * Waits without reacting to interrupts: the call may commit either way, and a caller must
   * not take it for failed.
   *
   * @throws StoreException when the call failed or the store is closed
   */
  <T> T run(Call<T> call) {
    Pending<T> pending = new Pending<>(call);
    synchronized (this) {
      if (closed) {
        throw new StoreException(call.what() + " failed: the store is closed",
            StoreErrorType.CONNECTION, null, null, true);
      }
      queue.add(pending);
    }
    try {
      return pending.result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** Calls waiting for a lane (for tests that arrange a batch). */
  int queued() {
    return (int) queue.stream().filter(o -> o != CLOSE).count();
  }

  /** Runs what is queued, then stops the lanes. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(CLOSE);
    }
    for (Thread t : lanes) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void lane() {
    List<Object> taken = new ArrayList<>(MAX_BATCH);
    List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      try {
        taken.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(taken, MAX_BATCH - 1);
      boolean stop = false;
      for (Object o : taken) {
        if (o == CLOSE) {
          stop = true;
        } else {
          batch.add((Pending<?>) o);
        }
      }
      if (!batch.isEmpty()) {
        runBatch(batch);
      }
      taken.clear();
      batch.clear();
      if (stop) {
        queue.add(CLOSE); // for the other lanes, after whatever is still queued
        return;
      }
    }
  }

  private void runBatch(List<Pending<?>> batch) {
    try {
      execute(batch);
      reachability.succeeded();
      batch.forEach(Pending::complete);
    } catch (SQLException e) {
      StoreException failure = PostgresStore.translate(batch.get(0).call.what(), e);
      if (batch.size() == 1 || failure.type() == StoreErrorType.CONNECTION) {
        reachability.failed(failure);
        for (Pending<?> p : batch) {
          p.result.completeExceptionally(batch.size() == 1 ? failure
              : PostgresStore.translate(p.call.what(), e));
        }
        return;
      }
      // the server rolled the whole transaction back: find the call at fault by running each
      // alone
      for (Pending<?> p : batch) {
        runBatch(List.of(p));
      }
    } catch (StoreException e) {
      // no connection: nothing was sent
      reachability.failed(e);
      batch.forEach(p -> p.result.completeExceptionally(e));
    } catch (RuntimeException | Error e) {
      // the callers get it (an OutOfMemoryError stops their runtime); the lane lives on, so
      // that no later call waits for a lane that is gone
      batch.forEach(p -> p.result.completeExceptionally(e));
    }
  }

  /** One transaction for the batch; results are read before, and handed out after, the commit. */
  private void execute(List<Pending<?>> batch) throws SQLException {
    Connection c;
    try {
      c = pool.getConnection();
    } catch (SQLException e) {
      throw PostgresStore.translate(batch.get(0).call.what(), e, true);
    }
    try (c) {
      if (batch.size() == 1) {
        // alone: its statements, sent as one query, are the protocol's implicit transaction
        // (AckAndFetchQueryTest), which saves the round-trip of a COMMIT
        executeOne(c, batch.get(0));
        return;
      }
      c.setAutoCommit(false);
      boolean committed = false;
      try {
        for (Pending<?> p : batch) {
          executeOne(c, p);
        }
        c.commit();
        committed = true;
      } finally {
        if (!committed) {
          rollbackQuietly(c);
        }
        try {
          c.setAutoCommit(true);
        } catch (SQLException ignored) {
          // a broken connection: the pool discards it
        }
      }
    }
  }

  /**
   * One call's statements. One statement per call, not one query for the batch: each call's
   * text is one of a few, so the driver and the server parse and plan it once per connection,
   * where a batch's concatenation would be new text, parsed and planned anew almost every time.
   */
  private static void executeOne(Connection c, Pending<?> p) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(p.call.sql())) {
      int index = 1;
      for (Object value : p.call.parameters()) {
        bind(ps, index++, value);
      }
      ps.execute();
      p.read(new Results(ps));
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the pool discards it
    }
  }

  private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    if (value instanceof String s) {
      ps.setString(index, s);
    } else if (value instanceof Long l) {
      ps.setLong(index, l);
    } else if (value instanceof Integer i) {
      ps.setInt(index, i);
    } else if (value instanceof UUID u) {
      ps.setObject(index, u);
    } else if (value instanceof Boolean b) {
      ps.setBoolean(index, b);
    } else if (value instanceof Long[] || value instanceof Integer[]
        || value instanceof String[]) {
      ps.setObject(index, value); // the driver sends int8[], int4[], text[]
    } else if (value == NULL_BIGINT) {
      ps.setNull(index, java.sql.Types.BIGINT);
    } else if (value == null) {
      ps.setNull(index, java.sql.Types.VARCHAR);
    } else {
      throw new IllegalArgumentException("unsupported parameter type " + value.getClass());
    }
  }

  /** A queued call and the future its caller waits on. */
  private static final class Pending<T> {
    final Call<T> call;
    final CompletableFuture<T> result = new CompletableFuture<>();
    private T value;

    Pending(Call<T> call) {
      this.call = call;
    }

    void read(Results results) throws SQLException {
      value = call.reader().read(results);
    }

    void complete() {
      result.complete(value);
    }
  }
}
