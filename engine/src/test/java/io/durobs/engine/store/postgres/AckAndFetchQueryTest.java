package io.durobs.engine.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * What {@link PostgresStore}'s ack-and-fetch calls rely on: two statements sent as one query on
 * an autocommit connection run in one transaction (one transaction id, one {@code now()}, one
 * commit), also once the driver prepares the query on the server (after 5 uses), and a failure of
 * the second rolls back the first.
 */
class AckAndFetchQueryTest {

  @Test
  void twoStatementsOfOneQueryAreOneTransaction() throws SQLException {
    TestDatabase db = TestPostgres.freshDatabase();
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      assertThat(c.getAutoCommit()).isTrue();
      st.execute("CREATE TABLE ack_fetch_probe (x INTEGER)");
      for (int k = 0; k < 8; k++) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ack_fetch_probe VALUES (?)"
            + " RETURNING txid_current(), now(); SELECT txid_current(), now(), ?::INTEGER")) {
          ps.setInt(1, k);
          ps.setInt(2, k);
          ps.execute();
          long firstTx;
          Object firstNow;
          try (ResultSet rs = ps.getResultSet()) {
            rs.next();
            firstTx = rs.getLong(1);
            firstNow = rs.getObject(2);
          }
          assertThat(ps.getMoreResults()).isTrue();
          try (ResultSet rs = ps.getResultSet()) {
            rs.next();
            assertThat(rs.getLong(1)).as("use %d", k).isEqualTo(firstTx);
            assertThat(rs.getObject(2)).as("use %d", k).isEqualTo(firstNow);
          }
        }
      }
      for (int k = 0; k < 7; k++) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO ack_fetch_probe VALUES (?); SELECT 1 / ?::INTEGER")) {
          ps.setInt(1, 100 + k);
          ps.setInt(2, 0);
          assertThatThrownBy(ps::execute).isInstanceOf(SQLException.class);
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM ack_fetch_probe WHERE x >= 100")) {
        rs.next();
        assertThat(rs.getLong(1)).as("rows of the failed queries").isZero();
      }
    }
  }
}
