package io.durobs.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The default test database is the embedded server from Maven, not whatever PostgreSQL the machine
 * has installed (this machine's packages are version 15; the embedded bundle is 14).
 */
class TestPostgresTest {

  @Test
  void theDefaultServerIsTheEmbeddedOneOnLoopback() throws Exception {
    assumeTrue(System.getenv("DATABASE_URL") == null || System.getenv("DATABASE_URL").isBlank(),
        "DATABASE_URL selects a real server");
    TestDatabase db = TestPostgres.freshDatabase();
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      assertThat(one(st, "SHOW server_version")).startsWith("14.");
      assertThat(one(st, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
      assertThat(one(st, "SHOW data_directory"))
          .startsWith(System.getProperty("java.io.tmpdir"));
      assertThat(one(st, "SELECT current_user")).isEqualTo(LocalPostgres.SUPERUSER);
    }
    assertThat(PostgresBinaries.bin().toString()).doesNotStartWith("/usr/lib/postgresql");
  }

  @Test
  void eachCallerGetsItsOwnEmptyDatabase() throws Exception {
    TestDatabase a = TestPostgres.freshDatabase();
    TestDatabase b = TestPostgres.freshDatabase();
    assertThat(a.jdbcUrl()).isNotEqualTo(b.jdbcUrl());
    try (Connection c = a.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (x int)");
    }
    try (Connection c = b.connect(); Statement st = c.createStatement()) {
      assertThat(one(st, "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isEqualTo("0");
    }
  }

  private static String one(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
