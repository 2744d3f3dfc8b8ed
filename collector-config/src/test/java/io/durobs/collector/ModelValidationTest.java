package io.durobs.collector;

import static io.durobs.toolkit.yaml.Trees.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad definitions fail at construction, naming what is wrong and where. */
class ModelValidationTest {

  private final Component otlp = Component.of(ComponentTypes.OTLP_RECEIVER, map());
  private final Component batch = Component.of(ComponentTypes.BATCH, map());
  private final Component debug = Component.of(ComponentTypes.DEBUG_EXPORTER, map());

  @Test
  void componentTypesNeedValidNamesModulesAndVersions() {
    assertThatThrownBy(() -> new ComponentType(ComponentKind.EXPORTER, "Bad-Name", "m", "v1.0.0"))
        .hasMessageContaining("'Bad-Name'");
    assertThatThrownBy(() -> new ComponentType(ComponentKind.EXPORTER, "x", "a b", "v1.0.0"))
        .hasMessageContaining("bad Go module path 'a b'");
    assertThatThrownBy(() -> new ComponentType(ComponentKind.EXPORTER, "x", "m", "0.165.0"))
        .hasMessageContaining("bad module version '0.165.0'");
  }

  @Test
  void componentIdsAreTypeOrTypeSlashName() {
    assertThat(debug.id()).isEqualTo("debug");
    assertThat(Component.named(ComponentTypes.OTLP_HTTP_EXPORTER, "loki", map()).id()).isEqualTo("otlp_http/loki");
    assertThatThrownBy(() -> Component.named(ComponentTypes.OTLP_HTTP_EXPORTER, "a/b", map()))
        .hasMessageContaining("otlp_http: name 'a/b'");
  }

  @Test
  void pipelinesCheckKindsRepeatsAndEnds() {
    assertThatThrownBy(() -> Pipeline.of(Signal.LOGS, List.of(otlp), List.of(debug), List.of(debug)))
        .hasMessage("pipeline logs: debug is one of the exporters, not allowed in processors");
    assertThatThrownBy(() -> Pipeline.of(Signal.LOGS, List.of(otlp), List.of(batch, batch), List.of(debug)))
        .hasMessage("pipeline logs: batch appears twice in processors");
    assertThatThrownBy(() -> Pipeline.of(Signal.LOGS, List.of(otlp), List.of(), List.of()))
        .hasMessage("pipeline logs needs at least one receiver and one exporter");
  }

  @Test
  void aComponentIdCannotBeUsedWithTwoConfigurations() {
    Component otherBatch = Component.of(ComponentTypes.BATCH, map("timeout", "9s"));
    CollectorConfig.Builder builder = CollectorConfig.builder()
        .pipeline(Pipeline.of(Signal.METRICS, List.of(otlp), List.of(batch), List.of(debug)))
        .pipeline(Pipeline.of(Signal.LOGS, List.of(otlp), List.of(otherBatch), List.of(debug)));

    assertThatThrownBy(builder::build)
        .hasMessageStartingWith("pipeline logs: processors.batch is used with two different configurations");
  }

  @Test
  void pipelinesAndExtensionsAreUniqueAndAConfigurationHasAPipeline() {
    Pipeline logs = Pipeline.of(Signal.LOGS, List.of(otlp), List.of(), List.of(debug));
    assertThatThrownBy(() -> CollectorConfig.builder().pipeline(logs).pipeline(logs))
        .hasMessage("pipeline logs is defined twice");
    Component health = Component.of(ComponentTypes.HEALTH_CHECK, map());
    assertThatThrownBy(() -> CollectorConfig.builder().pipeline(logs).extension(health).extension(health).build())
        .hasMessage("service.extensions: health_check appears twice");
    assertThatThrownBy(() -> CollectorConfig.builder().pipeline(logs).extension(debug).build())
        .hasMessage("service.extensions: debug is not an extension");
    assertThatThrownBy(() -> CollectorConfig.builder().build())
        .hasMessage("a collector configuration needs at least one pipeline");
  }
}
