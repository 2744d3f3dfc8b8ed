package io.durobs.engine.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.Registry;
import io.durobs.engine.runtime.DurableRuntime;
import io.durobs.engine.store.StoreException;
import io.durobs.engine.testing.TestEngines;
import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An engine whose login has read/write rights on a schema migrated by its owner, and nothing
 * more (no CREATE anywhere): the deployment a least-privilege operator wants.
 */
class LeastPrivilegeTest {

  private static final String APP_PASSWORD = "s3cret-app-pw";
  private static TestDatabase db;

  @BeforeAll
  static void migrateAsOwnerAndGrantReadWrite() throws SQLException {
    db = TestPostgres.freshDatabase();
    PostgresStore.SchemaMigration m = PostgresStore.migrate(TestEngines.storeBuilder(db));
    assertThat(m).isEqualTo(new PostgresStore.SchemaMigration("durobs", 0, Migrations.LATEST));
    assertThat(m.historyFormatToSwitch()).as("a new schema had no older engines").isFalse();
    assertThat(PostgresStore.migrate(TestEngines.storeBuilder(db)).fromVersion())
        .isEqualTo(Migrations.LATEST);
    String role = appRole();
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("DROP ROLE IF EXISTS " + role);
      st.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
      st.execute("REVOKE ALL ON DATABASE " + c.getCatalog() + " FROM PUBLIC");
      st.execute("GRANT CONNECT ON DATABASE " + c.getCatalog() + " TO " + role);
      st.execute("GRANT USAGE ON SCHEMA durobs TO " + role);
      st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA durobs TO " + role);
      st.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA durobs TO " + role);
      st.execute("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA durobs TO " + role);
    }
  }

  /** One role per test database (roles are cluster-wide, test databases are not). */
  private static String appRole() {
    return "app_" + db.jdbcUrl().substring(db.jdbcUrl().lastIndexOf('/') + 1);
  }

  private static PostgresStore.Builder asApp() {
    return PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(appRole()).password(APP_PASSWORD)
        .connectTimeout(Duration.ofSeconds(5));
  }

  @Test
  void withoutMigratingTheEngineRunsOnReadWriteRightsAlone() {
    Registry registry = Registry.builder()
        .orchestration("hello", ctx -> ctx.callActivity("echo", ctx.input(String.class),
            String.class).await())
        .activity("echo", ctx -> "hello " + ctx.input(String.class))
        .build();
    try (PostgresStore store = asApp().migrate(false).maxPoolSize(8).build();
        DurableRuntime runtime = TestEngines.runtime(store, registry).build().start()) {
      runtime.client().startOrchestration("hello", "lp-1", "app");
      assertThat(runtime.client().waitForCompletion("lp-1", Duration.ofSeconds(30)))
          .satisfies(s -> assertThat(s.state()).isEqualTo(OrchestrationState.COMPLETED))
          .satisfies(s -> assertThat(s.output(String.class)).isEqualTo("hello app"));
    }
  }

  /**
   * A role given read/write rights on a schema at version 4, before the history_events view
   * (V5) existed, reads the history through it once the owner has migrated the schema.
   */
  @Test
  void aRoleGrantedReadWriteBeforeTheHistoryViewReadsTheHistoryAfterTheUpgrade() throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      OldSchemas.create(st, "upgraded", 4);
      st.execute("INSERT INTO upgraded.history VALUES ('u', 1, 1, 'TurnStarted', '{}', now())");
      st.execute("GRANT USAGE ON SCHEMA upgraded TO " + appRole());
      st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA upgraded TO "
          + appRole());
    }
    assertThat(PostgresStore.migrate(TestEngines.storeBuilder(db).schema("upgraded")))
        .isEqualTo(new PostgresStore.SchemaMigration("upgraded", 4, Migrations.LATEST));
    try (PostgresStore store = asApp().schema("upgraded").migrate(false).build()) {
      assertThat(store.readHistory("u", 1)).extracting(r -> r.type())
          .containsExactly("TurnStarted");
    }
  }

  @Test
  void migratingWithoutDdlRightsFailsNamingTheMissingPrivilegeOnOneLine() {
    assertThatThrownBy(() -> asApp().build())
        .isInstanceOf(StoreException.class)
        .satisfies(e -> assertThat(e.getMessage())
            .contains("needs CREATE on database " + db.jdbcUrl().substring(
                db.jdbcUrl().lastIndexOf('/') + 1))
            .contains("SQLSTATE 42501")
            .contains("migrate(false)")
            .contains("user " + appRole())
            .doesNotContain(APP_PASSWORD)
            .doesNotContain("\n"));
    assertThatThrownBy(() -> PostgresStore.migrate(asApp()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("needs CREATE on database");
  }

  @Test
  void withoutMigratingAMissingOrOlderOrNewerSchemaFailsNamingTheFix() throws SQLException {
    assertThatThrownBy(() -> asApp().schema("never_migrated").migrate(false).build())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema never_migrated at " + db.jdbcUrl())
        .hasMessageContaining("never migrated): run 'durobs migrate' first");
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA newer");
      st.execute("CREATE TABLE newer.schema_version (version INTEGER PRIMARY KEY,"
          + " description TEXT NOT NULL)");
      st.execute("INSERT INTO newer.schema_version VALUES (" + (Migrations.LATEST + 1)
          + ", 'from the future')");
      st.execute("CREATE SCHEMA older");
      st.execute("CREATE TABLE older.schema_version (version INTEGER PRIMARY KEY,"
          + " description TEXT NOT NULL)");
      st.execute("GRANT USAGE ON SCHEMA newer, older TO " + appRole());
      st.execute("GRANT SELECT ON newer.schema_version, older.schema_version TO " + appRole());
    }
    assertThatThrownBy(() -> asApp().schema("newer").migrate(false).build())
        .hasMessageContaining("is at version " + (Migrations.LATEST + 1) + ", newer than this"
            + " engine's " + Migrations.LATEST + ": upgrade the engine");
    assertThatThrownBy(() -> asApp().schema("older").migrate(false).build())
        .hasMessageContaining("never migrated");
    assertThatThrownBy(() -> TestEngines.storeBuilder(db).schema("newer").build())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("newer than this engine's");
  }
}
