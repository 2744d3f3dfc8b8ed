package io.durobs.cli.stack;

import io.durobs.toolkit.tools.Checkout;
import java.nio.file.Path;

/**
 * Where {@code durobs stack} keeps one stack's state, rendered files, data and logs:
 * {@code --run-dir}, else {@code $DUROBS_RUN_DIR}, else {@code .durobs/stack} in the checkout.
 */
public final class RunFolder {

  /** Environment variable naming the run folder. */
  public static final String ENV = "DUROBS_RUN_DIR";

  private RunFolder() {}

  /** The run folder for an optional {@code --run-dir} value. */
  public static Path resolve(Path option) {
    if (option != null) {
      return option.toAbsolutePath().normalize();
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    return Checkout.root().resolve(".durobs").resolve("stack");
  }
}
