package io.durobs.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The one place tests get a PostgreSQL database from.
 *
 * <p>When {@code DATABASE_URL} is set, tests use that server (its user needs the right to
 * {@code CREATE DATABASE}). Otherwise a throwaway server is
 * started once per JVM from the embedded binaries that come from Maven ({@link PostgresBinaries};
 * the machine's PostgreSQL packages are never used): a {@link LocalPostgres} in a temp directory
 * on a free port (as an unprivileged user when running as root, because PostgreSQL refuses to run
 * as root), stopped and deleted when the JVM exits. Each caller of {@link #freshDatabase()} gets a new,
 * empty database, so test classes never see each other's rows.
 */
public final class TestPostgres {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static volatile Server server;

  private TestPostgres() {}

  /** A new empty database on the shared test server. */
  public static TestDatabase freshDatabase() {
    Server s = server();
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = DriverManager.getConnection(s.adminUrl, s.user, s.password);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name + " on "
          + s.adminUrl + ": " + e.getMessage(), e);
    }
    return new TestDatabase(s.urlFor(name), s.user, s.password);
  }

  private static synchronized Server server() {
    if (server == null) {
      String env = System.getenv("DATABASE_URL");
      server = env != null && !env.isBlank() ? Server.external(env) : Server.startLocal();
    }
    return server;
  }

  /** Where the test server is and how to log in as a superuser. */
  private static final class Server {
    final String adminUrl;
    final String user;
    final String password;
    final String urlPrefix;
    final String urlSuffix;

    Server(String urlPrefix, String adminDb, String urlSuffix, String user, String password) {
      this.urlPrefix = urlPrefix;
      this.urlSuffix = urlSuffix;
      this.adminUrl = urlPrefix + adminDb + urlSuffix;
      this.user = user;
      this.password = password;
    }

    String urlFor(String db) {
      return urlPrefix + db + urlSuffix;
    }

    /**
     * A JDBC URL ({@code jdbc:postgresql://host:port/db?user=..&password=..}), read by the
     * driver's own parser: this module sits below the engine (whose tests use it), so it cannot
     * use the engine's URL parser, and the libpq form is not accepted here.
     */
    static Server external(String databaseUrl) {
      String jdbc = databaseUrl.trim();
      java.util.Properties props = jdbc.startsWith("jdbc:postgresql:")
          ? org.postgresql.Driver.parseURL(jdbc, null) : null;
      if (props == null) {
        throw new IllegalStateException("DATABASE_URL for tests must be a JDBC URL"
            + " (jdbc:postgresql://host:port/db?user=..&password=..)");
      }
      int q = jdbc.indexOf('?');
      String base = q < 0 ? jdbc : jdbc.substring(0, q);
      int slash = base.indexOf('/', "jdbc:postgresql://".length());
      String prefix = slash < 0 ? base + "/" : base.substring(0, slash + 1);
      String db = slash < 0 ? "" : base.substring(slash + 1);
      return new Server(prefix, db.isEmpty() ? "postgres" : db, "",
          props.getProperty("user", System.getProperty("user.name")),
          props.getProperty("password", ""));
    }

    static Server startLocal() {
      try {
        Path dir = Files.createTempDirectory("durobs-pg-");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
          port = socket.getLocalPort();
        }
        LocalPostgres pg;
        try {
          pg = LocalPostgres.start(dir, port);
        } catch (RuntimeException e) {
          deleteTree(dir);
          throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            pg.stop();
          } catch (RuntimeException ignored) {
            // the JVM is exiting; the directory is removed below either way
          }
          deleteTree(dir);
        }, "test-postgres-stop"));
        return new Server("jdbc:postgresql://127.0.0.1:" + port + "/", "postgres", "",
            LocalPostgres.SUPERUSER, "");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the test PostgreSQL server", e);
      }
    }

    private static void deleteTree(Path dir) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // best effort at JVM exit
      }
    }
  }
}
