package io.durobs.stack;

import io.durobs.toolkit.tools.Checkout;
import io.durobs.toolkit.tools.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real tools of the checkout the tests run in, and the collector built from the rendered manifest. */
final class TestCheckout {

  private static volatile Path collector;

  private TestCheckout() {}

  static Tools tools() {
    return Checkout.tools();
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
