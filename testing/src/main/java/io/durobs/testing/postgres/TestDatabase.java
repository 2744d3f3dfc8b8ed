package io.durobs.testing.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A database created for one test class by {@link TestPostgres#freshDatabase()}.
 *
 * @param jdbcUrl the JDBC URL of the database (no credentials in it)
 * @param user the login
 * @param password the password (empty for the local throwaway server)
 */
public record TestDatabase(String jdbcUrl, String user, String password) {

  /** A plain JDBC connection, for assertions that read the engine's tables directly. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

}
