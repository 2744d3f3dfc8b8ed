package io.durobs.collector;

import static io.durobs.toolkit.yaml.Trees.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.toolkit.yaml.YamlText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorConfigTest {

  private final Component otlp = Component.of(ComponentTypes.OTLP_RECEIVER, map("protocols", map("grpc", map())));
  private final Component limiter = Component.of(ComponentTypes.MEMORY_LIMITER, map("check_interval", "1s"));
  private final Component batch = Component.of(ComponentTypes.BATCH, map());
  private final Component debug = Component.of(ComponentTypes.DEBUG_EXPORTER, map("verbosity", "basic"));
  private final Component loki = Component.named(ComponentTypes.OTLP_HTTP_EXPORTER, "loki", map("endpoint", "http://l"));
  private final Component health = Component.of(ComponentTypes.HEALTH_CHECK, map());

  private final CollectorConfig config = CollectorConfig.builder()
      .extension(health)
      .telemetry(map("logs", map("level", "info")))
      .pipeline(Pipeline.of(Signal.METRICS, List.of(otlp), List.of(limiter, batch), List.of(debug)))
      .pipeline(Pipeline.of(Signal.LOGS, List.of(otlp), List.of(limiter, batch), List.of(loki, debug)))
      .build();

  @Test
  void componentsAreWhatThePipelinesAndExtensionsReferenceEachOnceByKind() {
    assertThat(config.components()).extracting(Component::id)
        .containsExactly("otlp", "memory_limiter", "batch", "debug", "otlp_http/loki", "health_check");
    assertThat(config.componentTypes()).containsExactly(ComponentTypes.OTLP_RECEIVER, ComponentTypes.MEMORY_LIMITER,
        ComponentTypes.BATCH, ComponentTypes.DEBUG_EXPORTER, ComponentTypes.OTLP_HTTP_EXPORTER,
        ComponentTypes.HEALTH_CHECK);
  }

  @Test
  void rendersTheCollectorsLayout() {
    Map<String, Object> parsed = YamlText.parse(config.toYaml(List.of("header")));

    assertThat(parsed.keySet()).containsExactly("receivers", "processors", "exporters", "extensions", "service");
    assertThat(parsed.get("exporters")).isEqualTo(map("debug", map("verbosity", "basic"),
        "otlp_http/loki", map("endpoint", "http://l")));
    assertThat(parsed.get("service")).isEqualTo(map(
        "extensions", List.of("health_check"),
        "telemetry", map("logs", map("level", "info")),
        "pipelines", map(
            "metrics", map("receivers", List.of("otlp"), "processors", List.of("memory_limiter", "batch"),
                "exporters", List.of("debug")),
            "logs", map("receivers", List.of("otlp"), "processors", List.of("memory_limiter", "batch"),
                "exporters", List.of("otlp_http/loki", "debug")))));
  }

  @Test
  void withPipelineReplacesByIdAndDropsComponentsNoLongerReferenced() {
    Pipeline logs = config.pipeline("logs").orElseThrow();

    CollectorConfig changed = config.withPipeline(logs.withExporters(List.of(debug)));

    assertThat(changed.pipelines()).extracting(Pipeline::id).containsExactly("metrics", "logs");
    assertThat(changed.components()).extracting(Component::id).doesNotContain("otlp_http/loki");
    assertThat(config.components()).extracting(Component::id).contains("otlp_http/loki");
  }

  @Test
  void renderingIsStable() {
    assertThat(config.toYaml(List.of())).isEqualTo(config.toYaml(List.of()));
  }
}
