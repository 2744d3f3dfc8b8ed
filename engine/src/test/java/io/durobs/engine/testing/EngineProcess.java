package io.durobs.engine.testing;

import io.durobs.engine.api.DurableTask;
import io.durobs.engine.api.OrchestrationContext;
import io.durobs.engine.api.Registry;
import io.durobs.engine.runtime.DurableRuntime;
import io.durobs.engine.store.postgres.PostgresStore;
import io.durobs.testing.postgres.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An engine in its own JVM, for the tests that kill engine processes or run several of them on
 * one database. It runs the {@link #registry test workload} until it is killed. Every activity
 * attempt writes a row to {@code activity_log} (instance, task, process id) when it starts, so
 * tests can count how often each activity ran, killed attempts included; every live turn writes
 * one to {@code turn_log} (instance, process id).
 *
 * <p>Activities and live turns end by passing a gate, a shared PostgreSQL advisory lock
 * ({@link #ACTIVITY_GATE}, {@link #TURN_GATE}). A test that holds the gate's lock exclusively keeps
 * every activity (or live turn) that has started from finishing, so a kill it sends then lands
 * inside them for certain, not after an acknowledgement or commit that raced with it.
 */
public final class EngineProcess {

  /** The workload's orchestration: {@code input} = {@code [steps, activityMillis, turnMillis]}. */
  public static final String ORCHESTRATION = "crash-test";
  /** The advisory-lock key activities pass (shared) before they return. */
  public static final long ACTIVITY_GATE = 0x6475_726f_6273_01L;
  /** The advisory-lock key live turns pass (shared) before they end. */
  public static final long TURN_GATE = 0x6475_726f_6273_02L;

  private EngineProcess() {}

  /**
   * Arguments: JDBC URL, user, password, lock timeout in milliseconds, and optionally the turn
   * chain budget in milliseconds (the engine's default without it).
   */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String password = args[2].equals("-") ? "" : args[2];
    Duration lock = Duration.ofMillis(Long.parseLong(args[3]));
    createLogTable(url, user, password);
    Duration chainBudget = args.length > 4 ? Duration.ofMillis(Long.parseLong(args[4])) : null;
    PostgresStore store = PostgresStore.builder().jdbcUrl(url).user(user).password(password)
        .maxPoolSize(16).build();
    DurableRuntime.Builder builder = DurableRuntime.builder()
        .store(store)
        .registry(registry(url, user, password))
        .orchestrationConcurrency(4)
        .workerConcurrency(8)
        .orchestrationLockTimeout(lock)
        .workerLockTimeout(lock)
        .pollInterval(Duration.ofMillis(2), Duration.ofMillis(30))
        .retryDelay(Duration.ofMillis(50));
    if (chainBudget != null) {
      builder.chainBudget(chainBudget);
    }
    DurableRuntime runtime = builder.build().start();
    System.out.println("READY " + ProcessHandle.current().pid());
    System.out.flush();
    // runs until killed; a closed stdin (the test ended) stops it cleanly
    while (System.in.read() >= 0) {
      // ignore input
    }
    runtime.close();
    store.close();
  }

  /**
   * The workload: {@code steps} sequential activities with a timer between them, then a fan-out
   * of three; each turn's code spends {@code turnMillis} when not replaying, so a kill can land
   * inside a turn. The output is the sum of all activity results.
   */
  public static Registry registry(String url, String user, String password) {
    return Registry.builder()
        .activity("work", ctx -> {
          @SuppressWarnings("unchecked")
          Map<String, Integer> in = ctx.input(Map.class);
          try (Connection c = DriverManager.getConnection(url, user, password);
              PreparedStatement ps = c.prepareStatement("INSERT INTO activity_log"
                  + " (instance_id, task_id, pid) VALUES (?, ?, ?)")) {
            ps.setString(1, ctx.instanceId());
            ps.setInt(2, ctx.taskId());
            ps.setLong(3, ProcessHandle.current().pid());
            ps.executeUpdate();
            Thread.sleep(in.get("ms"));
            passGate(c, ACTIVITY_GATE);
          }
          return in.get("value") * 2;
        })
        .orchestration(ORCHESTRATION, ctx -> {
          int[] p = ctx.input(int[].class);
          int steps = p[0];
          int ms = p[1];
          int turnMillis = p[2];
          int sum = 0;
          for (int i = 0; i < steps; i++) {
            slowTurn(ctx, turnMillis, url, user, password);
            sum += ctx.callActivity("work", Map.of("value", i, "ms", ms), Integer.class).await();
            if (i % 2 == 0) {
              ctx.createTimer(Duration.ofMillis(20)).await();
            }
          }
          slowTurn(ctx, turnMillis, url, user, password);
          List<DurableTask<Integer>> fan = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            fan.add(ctx.callActivity("work", Map.of("value", 100 + i, "ms", ms), Integer.class));
          }
          for (int v : ctx.allOf(fan).await()) {
            sum += v;
          }
          return sum;
        })
        .build();
  }

  /** The output {@link #registry()} produces for {@code steps}. */
  public static int expectedOutput(int steps) {
    int sum = 0;
    for (int i = 0; i < steps; i++) {
      sum += i * 2;
    }
    return sum + (100 + 101 + 102) * 2;
  }

  /** A live (not replaying) turn: logged, {@code millis} long, ended through {@link #TURN_GATE}. */
  private static void slowTurn(OrchestrationContext ctx, int millis, String url, String user,
      String password) throws InterruptedException, SQLException {
    if (ctx.isReplaying() || millis <= 0) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url, user, password);
        PreparedStatement ps = c.prepareStatement("INSERT INTO turn_log (instance_id, pid)"
            + " VALUES (?, ?)")) {
      ps.setString(1, ctx.instanceId());
      ps.setLong(2, ProcessHandle.current().pid());
      ps.executeUpdate();
      Thread.sleep(millis);
      passGate(c, TURN_GATE);
    }
  }

  /** Waits while a test holds {@code key} exclusively; returns at once otherwise. */
  private static void passGate(Connection c, long key) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock_shared(?)");
        PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock_shared(?)")) {
      lock.setLong(1, key);
      lock.execute();
      unlock.setLong(1, key);
      unlock.execute();
    }
  }

  /**
   * Holds {@code gate} exclusively until the returned connection is closed: activities (or live
   * turns) that reach the gate meanwhile wait there.
   */
  public static Connection closeGate(TestDatabase db, long gate) throws SQLException {
    Connection c = db.connect();
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
      ps.setLong(1, gate);
      ps.execute();
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** Creates the activity and turn log tables (idempotent). */
  public static void createLogTable(String url, String user, String password)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS activity_log (instance_id TEXT NOT NULL,"
          + " task_id INTEGER NOT NULL, pid BIGINT NOT NULL, at TIMESTAMPTZ DEFAULT now())");
      st.execute("CREATE TABLE IF NOT EXISTS turn_log (instance_id TEXT NOT NULL,"
          + " pid BIGINT NOT NULL, at TIMESTAMPTZ DEFAULT now())");
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
        throw e; // two processes creating the table at once is fine
      }
    }
  }

  /** Starts an engine process on {@code db} and waits until it is ready. */
  public static Process launch(TestDatabase db, Duration lockTimeout) {
    return launch(db, lockTimeout, null);
  }

  /**
   * Starts an engine process on {@code db} with a turn chain budget ({@code null}: the engine's
   * default) and waits until it is ready.
   */
  public static Process launch(TestDatabase db, Duration lockTimeout, Duration chainBudget) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), EngineProcess.class.getName(),
        db.jdbcUrl(), db.user(), db.password().isEmpty() ? "-" : db.password(),
        Long.toString(lockTimeout.toMillis())));
    if (chainBudget != null) {
      cmd.add(Long.toString(chainBudget.toMillis()));
    }
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
      String line = out.readLine();
      if (line == null || !line.startsWith("READY")) {
        p.destroyForcibly();
        throw new IllegalStateException("engine process did not start: " + line);
      }
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start an engine process", e);
    }
  }

  /** Kills with SIGKILL (no shutdown hooks, no graceful close) and waits for the exit. */
  public static void kill9(Process p) {
    p.destroyForcibly();
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
