package io.durobs.toolkit.tools;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one finder of the checkout's root directory: the first directory at or above a starting
 * point that holds {@value Tools#SCRIPT}.
 *
 * <p>The start is the {@code durobs.root} system property when set (the POM sets it for every
 * test run to the directory Maven was started from, which is the root or, when Maven runs inside
 * a module, below it), else the working directory.
 */
public final class Checkout {

  /** The system property naming the checkout's root (or a directory inside it). */
  public static final String ROOT_PROPERTY = "durobs.root";

  private Checkout() {}

  /**
   * The checkout's root.
   *
   * @return its absolute path
   * @throws IllegalStateException if no directory at or above the start holds the script
   */
  public static Path root() {
    String property = System.getProperty(ROOT_PROPERTY);
    try {
      return rootAbove(property != null && !property.isBlank() ? Path.of(property) : Path.of(""));
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + " (set -D" + ROOT_PROPERTY
          + " to the checkout)", e);
    }
  }

  /**
   * The root of the checkout that holds {@code start}.
   *
   * @param start a directory inside the checkout, or its root
   * @return the root's absolute path
   * @throws IllegalStateException if no directory at or above {@code start} holds the script
   */
  public static Path rootAbove(Path start) {
    Path from = start.toAbsolutePath().normalize();
    for (Path dir = from; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(Tools.SCRIPT))) {
        return dir;
      }
    }
    throw new IllegalStateException("no checkout (a directory with " + Tools.SCRIPT
        + ") at or above " + from);
  }

  /**
   * The stack's tools of this checkout.
   *
   * @return the locator
   */
  public static Tools tools() {
    return Tools.inCheckout(root());
  }
}
