package io.durobs.engine.store.postgres;

import java.sql.SQLException;
import java.sql.Statement;

/** Schemas as engines of earlier versions left them, for the upgrade tests. */
final class OldSchemas {

  private OldSchemas() {}

  /**
   * Creates {@code schema} at {@code version}: its migrations up to that one applied and
   * recorded in its own statements, so before any later migration's transaction, as an engine of
   * that version would have left it.
   */
  static void create(Statement st, String schema, int version) throws SQLException {
    st.execute("CREATE SCHEMA " + schema);
    st.execute("CREATE TABLE " + schema + ".schema_version (version INTEGER PRIMARY KEY,"
        + " description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    for (String file : Migrations.ALL.subList(0, version)) {
      st.execute(Migrations.read(file).replace("${schema}", schema));
      st.execute("INSERT INTO " + schema + ".schema_version VALUES (" + Migrations.version(file)
          + ", 'by an engine of version " + version + "')");
    }
  }
}
