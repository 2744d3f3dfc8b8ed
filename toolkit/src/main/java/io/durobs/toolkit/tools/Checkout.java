package io.durobs.toolkit.tools;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the checkout's root directory: the one place that knows how.
 *
 * <p>The {@code durobs.root} system property wins (the POM sets it for every test run); otherwise
 * the first directory upwards from the working directory that holds {@value StackTools#SCRIPT}.
 */
public final class Checkout {

  /** The system property naming the checkout's root. */
  public static final String ROOT_PROPERTY = "durobs.root";

  private Checkout() {}

  /**
   * The checkout's root.
   *
   * @return its absolute path
   * @throws IllegalStateException if neither the property nor a directory upwards names one
   */
  public static Path root() {
    String property = System.getProperty(ROOT_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(StackTools.SCRIPT))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the checkout root: no " + StackTools.SCRIPT
        + " in " + cwd + " or above it, and no -D" + ROOT_PROPERTY);
  }

  /**
   * The stack's tools of this checkout.
   *
   * @return the locator
   */
  public static StackTools tools() {
    return StackTools.inCheckout(root());
  }
}
