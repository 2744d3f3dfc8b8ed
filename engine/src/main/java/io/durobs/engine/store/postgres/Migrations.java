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
 */
final class Migrations {

  /** Every migration, in order. A new one is appended here and never edited afterwards. */
  static final List<String> ALL = List.of("V1__initial_schema.sql");

  private Migrations() {}

  static void apply(DataSource dataSource, String schema) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("SET LOCAL lock_timeout = 0");
        st.execute("SET LOCAL statement_timeout = 0");
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          lock.setLong(1, ("durobs.migrations." + schema).hashCode());
          lock.execute();
        }
        st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        st.execute("CREATE TABLE IF NOT EXISTS " + schema + ".schema_version ("
            + " version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
            + " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        int current;
        try (ResultSet rs = st.executeQuery(
            "SELECT COALESCE(max(version), 0) FROM " + schema + ".schema_version")) {
          rs.next();
          current = rs.getInt(1);
        }
        for (String file : ALL) {
          int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
          if (version <= current) {
            continue;
          }
          st.execute(read(file).replace("${schema}", schema));
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema
              + ".schema_version (version, description) VALUES (?, ?)")) {
            ps.setInt(1, version);
            ps.setString(2, file.substring(file.indexOf("__") + 2, file.length() - 4));
            ps.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static String read(String file) {
    try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + file)) {
      if (in == null) {
        throw new IllegalStateException("migration " + file + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration " + file, e);
    }
  }
}
