package io.durobs.engine.store.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Versioned schema migrations: {@code migrations/V<n>__<description>.sql}, applied in order, each
 * once, recorded in {@code <schema>.schema_version}. All of it runs in one transaction under a
 * transaction-level advisory lock, so engine processes that start together migrate exactly once.
 *
 * <p>Migrating needs DDL rights (CREATE on the database, or on an existing schema, and ownership
 * of its tables); {@link #currentVersion} needs only read access, for engines that run with a
 * least-privilege login on a schema migrated beforehand ({@code durobs migrate}).
 */
final class Migrations {

  /** Every migration, in order. A new one is appended here and never edited afterwards. */
  static final List<String> ALL = List.of("V1__initial_schema.sql", "V2__ack_by_primary_key.sql",
      "V3__in_process_continuation.sql", "V4__continued_turn_skips_locked_rows.sql",
      "V5__history_row_per_turn.sql");

  /** The schema version this engine is written for: that of the last migration. */
  static final int LATEST = version(ALL.get(ALL.size() - 1));

  private Migrations() {}

  /**
   * Migrates {@code schema} to {@link #LATEST}.
   *
   * @return the version it had before (0: none)
   * @throws MigrationException naming the privilege a step needed when the login lacks it, or
   *     when the schema is newer than this engine
   */
  static int apply(DataSource dataSource, String schema) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      String step = "";
      try (Statement st = c.createStatement()) {
        st.execute("SET LOCAL lock_timeout = 0");
        st.execute("SET LOCAL statement_timeout = 0");
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          lock.setLong(1, ("durobs.migrations." + schema).hashCode());
          lock.execute();
        }
        step = "CREATE on database " + c.getCatalog();
        st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        step = "CREATE on schema " + schema;
        st.execute("CREATE TABLE IF NOT EXISTS " + schema + ".schema_version ("
            + " version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
            + " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        step = "SELECT on " + schema + ".schema_version";
        int current = readVersion(st, schema);
        if (current > LATEST) {
          throw new MigrationException("schema " + schema + " is at version " + current
              + ", newer than this engine's " + LATEST + ": upgrade the engine");
        }
        for (String file : ALL) {
          int version = version(file);
          if (version <= current) {
            continue;
          }
          step = "CREATE on schema " + schema + " and ownership of its tables (" + file + ")";
          st.execute(read(file).replace("${schema}", schema));
          step = "INSERT on " + schema + ".schema_version";
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema
              + ".schema_version (version, description) VALUES (?, ?)")) {
            ps.setInt(1, version);
            ps.setString(2, file.substring(file.indexOf("__") + 2, file.length() - 4));
            ps.executeUpdate();
          }
        }
        c.commit();
        return current;
      } catch (SQLException e) {
        c.rollback();
        if (PERMISSION_DENIED.equals(e.getSQLState())) {
          throw new MigrationException("migrating schema " + schema + " needs " + step
              + ", which this login lacks (" + firstLine(e.getMessage()) + ", SQLSTATE "
              + PERMISSION_DENIED + "); run 'durobs migrate' as the schema's owner and start the"
              + " engine without migrating (PostgresStore.builder().migrate(false))", e);
        }
        throw e;
      } catch (RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * The version {@code schema} is at, without changing anything: 0 when it has no
   * {@code schema_version} table (never migrated).
   */
  static int currentVersion(DataSource dataSource, String schema) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + schema
          + ".schema_version') IS NOT NULL")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return 0;
        }
      }
      return readVersion(st, schema);
    }
  }

  /** SQLSTATE {@code insufficient_privilege}. */
  static final String PERMISSION_DENIED = "42501";

  /** The server's message without its DETAIL/HINT/WHERE lines. */
  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }

  private static int readVersion(Statement st, String schema) throws SQLException {
    try (ResultSet rs = st.executeQuery(
        "SELECT COALESCE(max(version), 0) FROM " + schema + ".schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** The version of migration {@code file}: n of {@code V<n>__<description>.sql}. */
  static int version(String file) {
    return Integer.parseInt(file.substring(1, file.indexOf("__")));
  }

  /** The text of migration {@code file}, its schema not yet filled in. */
  static String read(String file) {
    try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + file)) {
      if (in == null) {
        throw new IllegalStateException("migration " + file + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration " + file, e);
    }
  }

  /** A migration that cannot proceed for a reason the operator must fix (rights, versions). */
  static final class MigrationException extends RuntimeException {
    MigrationException(String message) {
      super(message);
    }

    MigrationException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
