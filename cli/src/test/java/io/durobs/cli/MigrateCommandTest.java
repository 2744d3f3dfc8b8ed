package io.durobs.cli;

import static io.durobs.cli.DurobsTest.durobs;
import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** {@code durobs migrate} against a real PostgreSQL: as the owner, twice, and without rights. */
class MigrateCommandTest {

  private static String url(TestDatabase db) {
    return db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password();
  }

  @Test
  void migratesOnceThenReportsTheCurrentVersion() {
    TestDatabase db = TestPostgres.freshDatabase();
    DurobsTest.Run first = durobs("migrate", "--database-url", url(db), "--schema", "engine_a");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo("durobs: schema engine_a migrated from version 0 to 5\n");
    DurobsTest.Run again = durobs("migrate", "--database-url", url(db), "--schema", "engine_a");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo("durobs: schema engine_a is at version 5 (current)\n");
  }

  @Test
  void aLoginWithoutCreateFailsWithOneLineNamingThePrivilege() throws Exception {
    TestDatabase db = TestPostgres.freshDatabase();
    String database = db.jdbcUrl().substring(db.jdbcUrl().lastIndexOf('/') + 1);
    String role = "ro_" + database;
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'hunter2-secret'");
      st.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
      st.execute("GRANT CONNECT ON DATABASE " + database + " TO " + role);
    }
    DurobsTest.Run r = durobs("migrate", "--database-url",
        db.jdbcUrl() + "?user=" + role + "&password=hunter2-secret");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).hasLineCount(1)
        .contains("needs CREATE on database " + database)
        .contains("SQLSTATE 42501")
        .doesNotContain("hunter2-secret");
  }

  @Test
  void badInputIsExitTwoWithOneLine() {
    DurobsTest.Run none = durobs("migrate", "--database-url", "");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("no database given");
    DurobsTest.Run bad = durobs("migrate", "--database-url", "mysql://x");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("must start with jdbc:postgresql:");
    DurobsTest.Run schema = durobs("migrate", "--database-url", "jdbc:postgresql://127.0.0.1/x",
        "--schema", "Robert'); DROP");
    assertThat(schema.code()).isEqualTo(2);
    assertThat(schema.err()).contains("schema must be a lower-case SQL identifier");
  }
}
