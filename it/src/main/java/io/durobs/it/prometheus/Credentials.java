package io.durobs.it.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * How the harness authenticates to Prometheus or Loki when the URL does not say: basic
 * authentication ({@code USER:PASSWORD}) or a bearer token ({@code Bearer TOKEN}), read from a
 * file or an environment variable so that no secret is on a command line (where {@code ps} and
 * shell history see it). Messages about credentials name where they came from, never what they
 * hold.
 *
 * <pre>{@code
 * Credentials c = Credentials.fromFile(Path.of("/run/secrets/prometheus"), "--prometheus-credentials-file");
 * PrometheusClient client = new PrometheusClient(url, Duration.ofSeconds(30), c);
 * }</pre>
 */
public final class Credentials {

  /** The largest credentials file read: a token is a few kilobytes at most. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  private static final Credentials NONE = new Credentials(null, "no credentials");

  private final String authorization;
  private final String description;

  private Credentials(String authorization, String description) {
    this.authorization = authorization;
    this.description = description;
  }

  /** No authentication (or what the URL's own user information says). */
  public static Credentials none() {
    return NONE;
  }

  /**
   * Credentials written as {@code USER:PASSWORD} or {@code Bearer TOKEN} (surrounding blanks
   * ignored).
   *
   * @param text the credentials
   * @param source where they came from, for messages (a file, an environment variable)
   * @throws IllegalArgumentException naming {@code source} when the text is neither form
   */
  public static Credentials parse(String text, String source) {
    String t = text.strip();
    if (t.regionMatches(true, 0, "Bearer ", 0, 7) && !t.substring(7).isBlank()
        && !t.substring(7).strip().contains(" ")) {
      return new Credentials("Bearer " + t.substring(7).strip(), "a bearer token from " + source);
    }
    int colon = t.indexOf(':');
    if (colon > 0 && !t.contains("\n") && !t.contains("\r")) {
      return new Credentials("Basic " + Base64.getEncoder().encodeToString(
          t.getBytes(StandardCharsets.UTF_8)),
          "basic authentication as '" + t.substring(0, colon) + "' from " + source);
    }
    throw new IllegalArgumentException(source + ": not USER:PASSWORD or 'Bearer TOKEN' on one line"
        + " (the content is not shown)");
  }

  /**
   * The first line of a file, as {@link #parse}.
   *
   * @param file the file
   * @param option the option that named it, for messages
   * @throws IllegalArgumentException naming the option and file when it is missing, not a regular
   *     file, larger than 64 KiB, empty or malformed
   */
  public static Credentials fromFile(Path file, String option) {
    String where = option + " " + file;
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(where + ": " + (Files.exists(file)
          ? "not a regular file" : "no such file"));
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": cannot read the file ("
          + e.getClass().getSimpleName() + ")");
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(where + ": larger than " + MAX_FILE_BYTES / 1024
          + " KiB, not a credentials file");
    }
    String first = new String(bytes, StandardCharsets.UTF_8).lines()
        .filter(l -> !l.isBlank()).findFirst().orElse("");
    if (first.isEmpty()) {
      throw new IllegalArgumentException(where + ": the file is empty");
    }
    return parse(first, where);
  }

  /** The {@code Authorization} header value, if any. */
  public Optional<String> authorization() {
    return Optional.ofNullable(authorization);
  }

  /** True for {@link #none()}. */
  public boolean isNone() {
    return authorization == null;
  }

  /** What these are and where they came from, never the secret. */
  @Override
  public String toString() {
    return description;
  }
}
