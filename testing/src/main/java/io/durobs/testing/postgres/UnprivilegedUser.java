package io.durobs.testing.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL refuses to run as root ({@code initdb} and {@code postgres} both stop), so a JVM
 * running as root starts the server's programs as {@value #USER} through {@code runuser}, and
 * hands that user the server's directory.
 */
final class UnprivilegedUser {

  /** The account the server runs as when this JVM is root; present on every Linux system. */
  static final String USER = "nobody";

  private UnprivilegedUser() {}

  /** Whether this JVM runs as root. */
  static boolean needed() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** {@code command}, run as {@value #USER} when this JVM is root. */
  static List<String> wrap(List<String> command) {
    if (!needed()) {
      return command;
    }
    List<String> full = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
    full.addAll(command);
    return full;
  }
}
