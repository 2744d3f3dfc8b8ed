package io.durobs.collector;

import static io.durobs.toolkit.yaml.Trees.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorOverlayTest {

  private final Component otlp = Component.of(ComponentTypes.OTLP_RECEIVER, map());
  private final Component batch = Component.of(ComponentTypes.BATCH, map("timeout", "1s"));
  private final Component debug = Component.of(ComponentTypes.DEBUG_EXPORTER, map());
  private final Component loki = Component.named(ComponentTypes.OTLP_HTTP_EXPORTER, "loki", map("endpoint", "http://l"));
  private final Component file = Component.of(ComponentTypes.FILE_EXPORTER, map("path", "x.jsonl"));
  private final Pipeline metrics = Pipeline.of(Signal.METRICS, List.of(otlp), List.of(batch), List.of(debug));
  private final Pipeline logs = Pipeline.of(Signal.LOGS, List.of(otlp), List.of(batch), List.of(loki, debug));
  private final CollectorConfig base = CollectorConfig.builder().pipeline(metrics).pipeline(logs).build();

  @Test
  void anOverlayAddsComponentsAndReplacesOnlyTheChangedLists() {
    CollectorConfig variant = base.withPipeline(logs.withExporters(List.of(file, debug)));

    Map<String, Object> overlay = CollectorOverlay.between(base, variant);

    assertThat(overlay).isEqualTo(map(
        "exporters", map("file", map("path", "x.jsonl")),
        "service", map("pipelines", map("logs", map("exporters", List.of("file", "debug"))))));
  }

  @Test
  void mergingTheOverlayGivesTheVariantPlusTheUnusedBaseComponents() {
    CollectorConfig variant = base.withPipeline(logs.withExporters(List.of(file, debug)));

    Map<String, Object> merged = CollectorOverlay.merge(base.toTree(), CollectorOverlay.between(base, variant));

    Map<String, Object> expected = variant.toTree();
    assertThat(merged.get("service")).isEqualTo(expected.get("service"));
    assertThat(merged.get("receivers")).isEqualTo(expected.get("receivers"));
    assertThat(merged.get("processors")).isEqualTo(expected.get("processors"));
    @SuppressWarnings("unchecked")
    Map<String, Object> exporters = (Map<String, Object>) merged.get("exporters");
    @SuppressWarnings("unchecked")
    Map<String, Object> expectedExporters = (Map<String, Object>) expected.get("exporters");
    assertThat(exporters)
        .containsAllEntriesOf(expectedExporters)
        .containsOnlyKeys("debug", "file", "otlp_http/loki");
  }

  @Test
  void mergeMergesMapsAndReplacesLists() {
    Map<String, Object> merged = CollectorOverlay.merge(
        map("a", map("x", 1, "l", List.of(1, 2)), "b", 1),
        map("a", map("y", 2, "l", List.of(3))));

    assertThat(merged).isEqualTo(map("a", map("x", 1, "l", List.of(3), "y", 2), "b", 1));
  }

  @Test
  void theSameConfigurationNeedsNoOverlay() {
    assertThat(CollectorOverlay.between(base, base)).isEmpty();
  }

  @Test
  void refusesWhatAMergeCannotExpress() {
    Component slowBatch = Component.of(ComponentTypes.BATCH, map("send_batch_size", 10));
    CollectorConfig changedSetting = CollectorConfig.builder()
        .pipeline(Pipeline.of(Signal.METRICS, List.of(otlp), List.of(slowBatch), List.of(debug)))
        .pipeline(Pipeline.of(Signal.LOGS, List.of(otlp), List.of(slowBatch), List.of(debug)))
        .build();
    assertThatThrownBy(() -> CollectorOverlay.between(base, changedSetting))
        .hasMessageStartingWith("overlay cannot change the settings of processors.batch");

    CollectorConfig metricsOnly = CollectorConfig.builder().pipeline(metrics).build();
    assertThatThrownBy(() -> CollectorOverlay.between(base, metricsOnly))
        .hasMessage("overlay cannot remove pipeline logs");

    CollectorConfig otherTelemetry = CollectorConfig.builder().pipeline(metrics).pipeline(logs)
        .telemetry(map("logs", map("level", "debug"))).build();
    assertThatThrownBy(() -> CollectorOverlay.between(base, otherTelemetry))
        .hasMessage("overlay cannot change service.telemetry");
  }
}
