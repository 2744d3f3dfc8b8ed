package io.durobs.cli.stack;

import io.durobs.engine.store.postgres.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * The database a command uses when the user names one ({@code --database-url} or
 * {@code DATABASE_URL}) instead of the stack's embedded server: parsed by the engine's own
 * {@link DatabaseUrl} (JDBC or {@code postgres://} form), reached with bounded timeouts, and
 * named in messages without its password.
 */
public final class Databases {

  /** Seconds a connection attempt may take: a server that accepts TCP but never answers fails. */
  private static final String TIMEOUT_SECONDS = "10";

  private Databases() {}

  /**
   * The URL the user gave, if any: blank (an unset {@code DATABASE_URL}) means none.
   *
   * @throws IllegalArgumentException naming what is wrong with the URL, password redacted
   */
  public static Optional<DatabaseUrl> given(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(DatabaseUrl.parse(value));
  }

  /**
   * Connects with login and socket timeouts.
   *
   * @throws StackException naming the server (never the password) and the server's own reason
   */
  public static Connection connect(DatabaseUrl url) {
    Properties p = new Properties();
    if (url.user() != null) {
      p.setProperty("user", url.user());
    }
    if (url.password() != null) {
      p.setProperty("password", url.password());
    }
    p.setProperty("connectTimeout", TIMEOUT_SECONDS);
    p.setProperty("loginTimeout", TIMEOUT_SECONDS);
    p.setProperty("socketTimeout", "30");
    try {
      return DriverManager.getConnection(url.jdbcUrl(), p);
    } catch (SQLException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage().lines().findFirst().orElse("");
      throw new StackException("cannot connect to the database " + url.display() + ": " + reason, e);
    }
  }

  /** Checks that the server answers and the login works. */
  public static void check(DatabaseUrl url) {
    try (Connection c = connect(url)) {
      c.isValid(Integer.parseInt(TIMEOUT_SECONDS));
    } catch (SQLException e) {
      throw new StackException("the database " + url.display() + " does not answer: "
          + e.getMessage(), e);
    }
  }

  /**
   * The same server's JDBC URL for another database: the path replaced, the parameters kept
   * ({@code sslmode} and the like apply to every database of the server).
   */
  public static String sibling(String jdbcUrl, String database) {
    int q = jdbcUrl.indexOf('?');
    String base = q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
    String params = q < 0 ? "" : jdbcUrl.substring(q);
    return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
  }
}
