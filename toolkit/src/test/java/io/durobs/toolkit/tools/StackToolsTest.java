package io.durobs.toolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackToolsTest {

  @TempDir Path dir;

  @Test
  void locatesTheCachedBinaries() {
    StackTools tools = Checkout.tools();

    assertThat(tools.promtool()).isExecutable().hasFileName("promtool");
    assertThat(tools.amtool()).isExecutable().hasFileName("amtool");
    assertThat(tools.alertmanager()).isExecutable().hasFileName("alertmanager");
  }

  @Test
  void aMissingManifestFailsWithTheScriptsOneLineReason() {
    Path missing = dir.resolve("no-such-manifest.yaml");

    assertThatThrownBy(() -> Checkout.tools().collector(missing))
        .isInstanceOf(StackTools.ToolInstallException.class)
        .hasMessageContaining("failed with exit code 2")
        .hasMessageContaining("builder manifest '" + missing + "' does not exist");
  }

  @Test
  void aManifestWithoutABinaryNameIsRefusedBeforeAnyBuild() throws Exception {
    Path manifest = dir.resolve("builder-config.yaml");
    Files.writeString(manifest, "receivers:\n  - gomod: example.com/x v1.0.0\n");

    assertThatThrownBy(() -> Checkout.tools().collector(manifest))
        .isInstanceOf(StackTools.ToolInstallException.class)
        .hasMessageContaining("has no dist.name");
  }

  @Test
  void aDirectoryWithoutTheScriptIsNotACheckout() {
    assertThatThrownBy(() -> StackTools.inCheckout(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no tools/install-tools.sh under ");
  }
}
