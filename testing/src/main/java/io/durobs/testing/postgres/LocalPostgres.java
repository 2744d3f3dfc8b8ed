package io.durobs.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server from {@link PostgresBinaries} in a directory of its own: {@code data/} (the
 * cluster, {@code initdb} with trust authentication for the superuser {@value #SUPERUSER}),
 * {@code server.log}, and the Unix socket. It listens on 127.0.0.1 only and runs detached from
 * this JVM ({@code pg_ctl start}), so a command-line tool can leave it running; {@link #stop()}
 * (or {@link #stop(Path)} from another process) ends it. When this JVM is root the server runs
 * as an unprivileged user, who then owns the directory.
 *
 * <p>The settings of {@link #start(Path, int)} trade durability for speed ({@link #FAST_SETTINGS},
 * {@code fsync=off}): it is for tests and a local demonstration stack, never for data anyone
 * keeps. A benchmark passes its own settings to {@link #start(Path, int, Map)} (PostgreSQL's
 * defaults for what it leaves out).
 */
public final class LocalPostgres {

  /** The superuser that {@code initdb} creates (trust authentication, loopback only). */
  public static final String SUPERUSER = "postgres";

  /** The settings of {@link #start(Path, int)}: no fsync, no synchronous commit, 300 connections. */
  public static final Map<String, String> FAST_SETTINGS = fastSettings();

  private final Path dir;
  private final int port;

  private LocalPostgres(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /**
   * Creates the cluster in {@code dir} if it has none, starts the server on {@code port} of
   * 127.0.0.1 and waits until it accepts connections.
   *
   * @param dir an empty or earlier-used directory, reachable by the server's user
   * @param port a free port
   * @return the running server
   * @throws IllegalStateException when {@code initdb} or the start fails (with its output)
   */
  public static LocalPostgres start(Path dir, int port) {
    return start(dir, port, FAST_SETTINGS);
  }

  /**
   * Like {@link #start(Path, int)} with these server settings ({@code -c name=value} each) instead
   * of {@link #FAST_SETTINGS}; {@code listen_addresses} is always 127.0.0.1.
   *
   * @param settings server settings by name, e.g. {@code shared_buffers -> 128MB}
   */
  public static LocalPostgres start(Path dir, int port, Map<String, String> settings) {
    Path bin = PostgresBinaries.bin();
    try {
      Files.createDirectories(dir);
      if (UnprivilegedUser.needed()) {
        run(List.of("chown", "-R", UnprivilegedUser.USER, dir.toString()), false);
        run(List.of("chmod", "700", dir.toString()), false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    Path data = dir.resolve("data");
    if (!Files.exists(data.resolve("PG_VERSION"))) {
      run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
          "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"), true);
    }
    StringBuilder options = new StringBuilder("-p " + port + " -k " + dir
        + " -c listen_addresses=127.0.0.1");
    settings.forEach((name, value) -> options.append(" -c ").append(name).append('=').append(value));
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", options.toString(),
        "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start"), true);
    return new LocalPostgres(dir, port);
  }

  private static Map<String, String> fastSettings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("fsync", "off");
    m.put("synchronous_commit", "off");
    m.put("full_page_writes", "off");
    m.put("max_connections", "300");
    m.put("shared_buffers", "128MB");
    return Collections.unmodifiableMap(m);
  }

  /** The port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The server's directory. */
  public Path directory() {
    return dir;
  }

  /** The JDBC URL of {@code database} (no credentials in it: {@value #SUPERUSER}, no password). */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Stops the server (fast shutdown) and waits for it; the directory stays. */
  public void stop() {
    stop(dir);
  }

  /**
   * Stops the server whose directory is {@code dir}, if one runs there; does nothing otherwise
   * (no {@code postmaster.pid}), so it is safe on a stale or half-created directory.
   *
   * @return whether a server was stopped
   */
  public static boolean stop(Path dir) {
    Path data = dir.resolve("data");
    if (!Files.exists(data.resolve("postmaster.pid"))) {
      return false;
    }
    run(List.of(PostgresBinaries.bin().resolve("pg_ctl").toString(), "-D", data.toString(),
        "-m", "fast", "-w", "-t", "60", "stop"), true);
    return true;
  }

  /** Whether a server runs in {@code dir} ({@code pg_ctl status}). */
  public static boolean isRunning(Path dir) {
    Path data = dir.resolve("data");
    if (!Files.exists(data.resolve("postmaster.pid"))) {
      return false;
    }
    return exec(UnprivilegedUser.wrap(List.of(PostgresBinaries.bin().resolve("pg_ctl").toString(),
        "-D", data.toString(), "status"))).exit == 0;
  }

  private static void run(List<String> command, boolean asServerUser) {
    List<String> full = asServerUser ? UnprivilegedUser.wrap(command) : command;
    Result r = exec(full);
    if (r.exit != 0) {
      throw new IllegalStateException("command failed (exit " + r.exit + "): "
          + String.join(" ", full) + "\n" + r.output);
    }
  }

  private record Result(int exit, String output) {}

  private static Result exec(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      // pg_ctl start leaves the server running with its output in server.log, not this pipe
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out after 120 s\n" + new String(out));
      }
      return new Result(p.exitValue(), new String(out));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
    }
  }
}
