package io.durobs.stack;

import io.durobs.toolkit.tools.Checkout;
import io.durobs.toolkit.tools.StackTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The checkout the tests run in, the real tools, and rendered files on disk. */
final class TestCheckout {

  private static volatile Path collector;

  private TestCheckout() {}

  static Path root() {
    return Checkout.root();
  }

  static StackTools tools() {
    return Checkout.tools();
  }

  /** Writes files (relative path to content) under dir, as the renderer writes generated/. */
  static Path write(Path dir, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> e : files.entrySet()) {
        Path file = dir.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The collector built from the manifest that {@link StackFiles#render()} produces, once per test
   * JVM (the build is cached across runs by install-tools.sh, keyed by the manifest's hash).
   */
  static synchronized Path collector() throws IOException {
    if (collector == null) {
      Path manifest = Files.createTempFile("durobs-builder-config", ".yaml");
      try {
        Files.writeString(manifest, StackFiles.render().get(StackFiles.COLLECTOR_MANIFEST));
        collector = tools().collector(manifest);
      } finally {
        Files.deleteIfExists(manifest);
      }
    }
    return collector;
  }
}
