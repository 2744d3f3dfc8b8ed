package io.durobs.engine.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link DatabaseUrl}: both URL forms split into a credential-free JDBC URL, user and password;
 * ambiguous libpq URLs (a password with an unencoded {@code #} or {@code @}) rejected with the fix
 * named and no part of the password shown.
 */
class DatabaseUrlTest {

  @Test
  void libpqFormIsSplitAndDecoded() {
    DatabaseUrl u = DatabaseUrl.parse("postgres://app:p%23ss%40w%2Fd@db.example:6543/orders?sslmode=require");
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/orders?sslmode=require");
    assertThat(u.user()).isEqualTo("app");
    assertThat(u.password()).isEqualTo("p#ss@w/d");
    assertThat(u.display()).doesNotContain("p#ss");
  }

  @Test
  void jdbcFormKeepsOtherParametersAndTakesOutCredentials() {
    DatabaseUrl u = DatabaseUrl.parse("jdbc:postgresql://h:5432/db?user=app&password=s%26cret&ssl=true");
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?ssl=true");
    assertThat(u.user()).isEqualTo("app");
    assertThat(u.password()).isEqualTo("s&cret");
  }

  /** Before: host "localhost", port 5432, no user: another server, silently. */
  @Test
  void unencodedHashInThePasswordIsRejected() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://app:xq#zv7k@db.example:5432/orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contains '#'").hasMessageContaining("%23")
        .hasMessageNotContaining("zv7k").hasMessageNotContaining("xq#");
  }

  /** Before: the host was taken from the password and printed in the connection error. */
  @Test
  void unencodedAtInThePasswordIsRejected() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://app:secret@evil.example@db.example/orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one '@'").hasMessageContaining("%40")
        .hasMessageNotContaining("secret").hasMessageNotContaining("evil.example");
  }

  @Test
  void passwordWithAnUnencodedColonOrSlashNamesTheFix() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://app:se/cret@db.example/orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("cret");
  }

  @Test
  void otherSchemesAreRejectedWithThePasswordRedacted() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://app:topsecret@h/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must start with").hasMessageNotContaining("topsecret");
  }
}
