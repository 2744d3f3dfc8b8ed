package io.durobs.collector;

import static io.durobs.toolkit.yaml.Trees.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.toolkit.yaml.YamlText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuilderManifestTest {

  private final Component otlp = Component.of(ComponentTypes.OTLP_RECEIVER, map());
  private final Component debug = Component.of(ComponentTypes.DEBUG_EXPORTER, map());
  private final Component file = Component.of(ComponentTypes.FILE_EXPORTER, map("path", "x"));
  private final Component health = Component.of(ComponentTypes.HEALTH_CHECK, map());
  private final CollectorConfig withDebug = CollectorConfig.builder().extension(health)
      .pipeline(Pipeline.of(Signal.LOGS, List.of(otlp), List.of(), List.of(debug))).build();
  private final CollectorConfig withFile = CollectorConfig.builder()
      .pipeline(Pipeline.of(Signal.LOGS, List.of(otlp), List.of(), List.of(file))).build();

  @Test
  void listsTheUnionOfTheConfigurationsComponentTypesAndNothingElse() {
    BuilderManifest manifest = BuilderManifest.forConfigs(withDebug, withFile);

    assertThat(manifest.componentTypes()).containsExactly(ComponentTypes.OTLP_RECEIVER,
        ComponentTypes.DEBUG_EXPORTER, ComponentTypes.FILE_EXPORTER, ComponentTypes.HEALTH_CHECK);
  }

  @Test
  void rendersTheBuildersFormat() {
    Map<String, Object> parsed = YamlText.parse(BuilderManifest.forConfigs(withDebug).toYaml(List.of("h")));

    assertThat(parsed.keySet()).containsExactly("dist", "receivers", "exporters", "extensions", "providers");
    @SuppressWarnings("unchecked")
    Map<String, Object> dist = (Map<String, Object>) parsed.get("dist");
    assertThat(dist)
        .containsEntry("name", BuilderManifest.BINARY_NAME)
        .containsEntry("module", BuilderManifest.DIST_MODULE)
        .containsEntry("output_path", BuilderManifest.OUTPUT_PATH);
    assertThat(parsed.get("receivers")).isEqualTo(List.of(map("gomod",
        "go.opentelemetry.io/collector/receiver/otlpreceiver " + ComponentTypes.CORE_VERSION)));
    assertThat(parsed.get("extensions")).isEqualTo(List.of(map("gomod",
        "github.com/open-telemetry/opentelemetry-collector-contrib/extension/healthcheckextension "
            + ComponentTypes.CONTRIB_VERSION)));
    assertThat(parsed.get("providers")).isEqualTo(List.of(
        map("gomod", "go.opentelemetry.io/collector/confmap/provider/envprovider " + ComponentTypes.STABLE_VERSION),
        map("gomod", "go.opentelemetry.io/collector/confmap/provider/fileprovider " + ComponentTypes.STABLE_VERSION)));
  }

  @Test
  void allCollectorModulesAreAtOneRelease() {
    assertThat(ComponentTypes.all()).allSatisfy(t -> assertThat(t.version())
        .isEqualTo(t.module().startsWith("go.opentelemetry.io/") ? ComponentTypes.CORE_VERSION
            : ComponentTypes.CONTRIB_VERSION));
  }

  @Test
  void needsAConfiguration() {
    assertThatThrownBy(() -> new BuilderManifest(List.of()))
        .hasMessage("a builder manifest needs at least one collector configuration");
  }
}
