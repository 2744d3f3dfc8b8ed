package io.durobs.toolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The locator against the real install script and its cache. */
class ToolsTest {

  @TempDir Path dir;

  @Test
  void locatesTheCachedBinaries() {
    Tools tools = Checkout.tools();

    assertThat(tools.promtool()).isExecutable().hasFileName("promtool");
    assertThat(tools.prometheus()).isExecutable().hasFileName("prometheus");
    assertThat(tools.amtool()).isExecutable().hasFileName("amtool");
    assertThat(tools.alertmanager()).isExecutable().hasFileName("alertmanager");
    assertThat(tools.root()).isEqualTo(Checkout.root());
  }

  @Test
  void aMissingManifestFailsWithTheScriptsOneLineReason() {
    Path missing = dir.resolve("no-such-manifest.yaml");

    assertThatThrownBy(() -> Checkout.tools().collector(missing))
        .isInstanceOf(Tools.ToolInstallException.class)
        .hasMessageContaining("failed with exit code 2")
        .hasMessageContaining("builder manifest '" + missing + "' does not exist");
  }

  @Test
  void aManifestWithoutABinaryNameIsRefusedBeforeAnyBuild() throws Exception {
    Path manifest = dir.resolve("builder-config.yaml");
    Files.writeString(manifest, "receivers:\n  - gomod: example.com/x v1.0.0\n");

    assertThatThrownBy(() -> Checkout.tools().collector(manifest))
        .isInstanceOf(Tools.ToolInstallException.class)
        .hasMessageContaining("has no dist.name");
  }

  @Test
  void aDirectoryWithoutTheScriptIsNotACheckout() {
    assertThatThrownBy(() -> Tools.inCheckout(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no tools/install-tools.sh under ");
  }

  @Test
  void theRootIsFoundFromAnyDirectoryInsideTheCheckout() {
    Path root = Checkout.root();

    assertThat(root.resolve(Tools.SCRIPT)).isRegularFile();
    assertThat(Checkout.rootAbove(root.resolve("toolkit/src/main"))).isEqualTo(root);
    assertThat(Checkout.rootAbove(root)).isEqualTo(root);
  }

  @Test
  void outsideACheckoutTheFinderSaysWhereItLooked() {
    assertThatThrownBy(() -> Checkout.rootAbove(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no checkout (a directory with tools/install-tools.sh) at or above "
            + dir.toAbsolutePath().normalize());
  }
}
