package io.durobs.engine.store.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL location given as a JDBC URL ({@code jdbc:postgresql://host:port/db?user=..}) or as
 * a libpq-style URL ({@code postgres://user:password@host:port/db}, the usual form of
 * {@code DATABASE_URL}), split into a JDBC URL without credentials, a user and a password.
 *
 * @param jdbcUrl the JDBC URL, credentials removed
 * @param user the user, or {@code null} when none was given
 * @param password the password, or {@code null} when none was given
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

  /** Parses either form; throws {@link IllegalArgumentException} naming the problem. */
  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("database URL is empty");
    }
    String u = url.trim();
    if (u.startsWith("jdbc:postgresql:")) {
      return fromJdbc(u);
    }
    if (u.startsWith("postgres://") || u.startsWith("postgresql://")) {
      return fromLibpq(u);
    }
    throw new IllegalArgumentException("database URL must start with jdbc:postgresql:, "
        + "postgres:// or postgresql://, got '" + redact(u) + "'");
  }

  private static DatabaseUrl fromJdbc(String u) {
    int q = u.indexOf('?');
    if (q < 0) {
      return new DatabaseUrl(u, null, null);
    }
    String user = null;
    String password = null;
    List<String> kept = new ArrayList<>();
    for (String param : u.substring(q + 1).split("&")) {
      String key = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
      String value = param.contains("=") ? decode(param.substring(param.indexOf('=') + 1)) : "";
      switch (key) {
        case "user" -> user = value;
        case "password" -> password = value;
        default -> kept.add(param);
      }
    }
    String base = u.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    return new DatabaseUrl(base, user, password);
  }

  /**
   * Parses the libpq form strictly. A password with an unencoded {@code #} (the URI fragment
   * starts there) or {@code @} (the host starts after it) would otherwise be split silently into
   * a different user, host or port, and connect somewhere else or print part of the password in
   * an error; such URLs are rejected with the fix named, and no part of the password is shown.
   */
  private static DatabaseUrl fromLibpq(String u) {
    String afterScheme = u.substring(u.indexOf("://") + 3);
    int slash = afterScheme.indexOf('/');
    String authority = slash < 0 ? afterScheme : afterScheme.substring(0, slash);
    if (u.indexOf('#') >= 0) {
      throw new IllegalArgumentException("database URL '" + redact(u) + "' contains '#': "
          + "percent-encode it as %23 (in a password, say)");
    }
    if (authority.indexOf('@') != authority.lastIndexOf('@')) {
      throw new IllegalArgumentException("database URL '" + redact(u) + "' has more than one '@'"
          + " before the host: percent-encode '@' in the user or password as %40");
    }
    try {
      URI uri = new URI(u.replaceFirst("^postgresql://", "postgres://"));
      if (uri.getHost() == null && !authority.replaceFirst("^.*@", "").isEmpty()) {
        throw new IllegalArgumentException("database URL '" + redact(u) + "' has no valid host"
            + " and port after the '@' (percent-encode ':', '/', '?' in a password)");
      }
      String user = null;
      String password = null;
      if (uri.getRawUserInfo() != null) {
        String info = uri.getRawUserInfo();
        int colon = info.indexOf(':');
        user = decode(colon < 0 ? info : info.substring(0, colon));
        password = colon < 0 ? null : decode(info.substring(colon + 1));
      }
      String host = uri.getHost() == null ? "localhost" : uri.getHost();
      int port = uri.getPort() < 0 ? 5432 : uri.getPort();
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      return new DatabaseUrl("jdbc:postgresql://" + host + ":" + port + path + query, user,
          password);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("database URL '" + redact(u) + "' is malformed: "
          + e.getReason(), e);
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The URL for messages: JDBC form, the user named, the password never shown. */
  public String display() {
    return jdbcUrl + (user == null ? "" : " (user " + user + ")");
  }

  /**
   * What the database is, for log lines: {@code host:port/database (user u)}, no parameters
   * (they could hold secrets such as an SSL key password) and never the password.
   */
  public String target() {
    String rest = jdbcUrl.substring("jdbc:postgresql:".length()).replaceFirst("^//", "");
    int q = rest.indexOf('?');
    return (q < 0 ? rest : rest.substring(0, q)) + (user == null ? "" : " (user " + user + ")");
  }

  /**
   * Removes a password from any URL form, for error messages about unparseable URLs: in the
   * libpq form everything between the user's {@code :} and the last {@code @} before the path
   * (a password may itself hold {@code @}, {@code #} or {@code /}), in the JDBC form the
   * {@code password} parameter.
   */
  static String redact(String url) {
    String out = url.replaceAll("(?i)(password=)[^&]*", "$1***");
    int scheme = out.indexOf("://");
    if (scheme < 0 || out.startsWith("jdbc:")) {
      return out;
    }
    int at = out.lastIndexOf('@');
    if (at < scheme) {
      return out;
    }
    String userInfo = out.substring(scheme + 3, at);
    int colon = userInfo.indexOf(':');
    return colon < 0 ? out
        : out.substring(0, scheme + 3) + userInfo.substring(0, colon) + ":***" + out.substring(at);
  }
}
