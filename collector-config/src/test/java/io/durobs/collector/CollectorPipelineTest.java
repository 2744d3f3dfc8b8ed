package io.durobs.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorPipelineTest {

  /** As in a container: listening on every interface, Loki reached by its service name. */
  private static final CollectorEndpoints IN_CONTAINER = new CollectorEndpoints("0.0.0.0",
      new Endpoint("collector", 4317), new Endpoint("collector", 4318),
      new Endpoint("collector", 8889), new Endpoint("collector", 8888),
      new Endpoint("collector", 13133), new Endpoint("loki", 3100));

  private final CollectorConfig production = CollectorPipeline.production(IN_CONTAINER);
  private final CollectorConfig local = CollectorPipeline.local(IN_CONTAINER);

  private static CollectorEndpoints onHost(String host, int grpc, int http, int metrics,
      int telemetry, int health, int loki) {
    return new CollectorEndpoints(host, new Endpoint(host, grpc), new Endpoint(host, http),
        new Endpoint(host, metrics), new Endpoint(host, telemetry), new Endpoint(host, health),
        new Endpoint(host, loki));
  }

  @Test
  void everyPipelineReceivesOtlpRunsMemoryLimiterFirstAndBatchLast() {
    for (CollectorConfig config : List.of(production, local)) {
      assertThat(config.pipelines()).extracting(Pipeline::id).containsExactly("metrics", "logs");
      for (Pipeline p : config.pipelines()) {
        assertThat(p.receivers()).extracting(Component::id).containsExactly("otlp");
        assertThat(p.processors()).extracting(Component::id).first().isEqualTo("memory_limiter");
        assertThat(p.processors()).extracting(Component::id).last().isEqualTo("batch");
        assertThat(p.processors()).extracting(Component::id).contains("resource");
      }
    }
  }

  @Test
  void theMemoryLimiterIsSizedInMibFromTheContainerLimit() {
    assertThat(component(production, "memory_limiter").config())
        .containsEntry("limit_mib", 409)
        .containsEntry("spike_limit_mib", 81)
        .doesNotContainKeys("limit_percentage", "spike_limit_percentage");
    CollectorConfig bigger = CollectorPipeline.production(onHost("0.0.0.0", 4317, 4318, 8889, 8888, 13133, 3100), 2048);
    assertThat(component(bigger, "memory_limiter").config())
        .containsEntry("limit_mib", 1638).containsEntry("spike_limit_mib", 327);
    assertThatThrownBy(() -> CollectorPipeline.production(onHost("0.0.0.0", 4317, 4318, 8889, 8888, 13133, 3100), 32))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 MiB");
  }

  @Test
  void otlpListensOnBothProtocols() {
    Component otlp = production.pipeline("metrics").orElseThrow().receivers().get(0);

    assertThat(otlp.config()).isEqualTo(Map.of("protocols", Map.of(
        "grpc", Map.of("endpoint", "0.0.0.0:4317"),
        "http", Map.of("endpoint", "0.0.0.0:4318"))));
  }

  @Test
  void metricsGoToPrometheusWithTheTranslationPinnedAndLogsToLokiWithoutDebug() {
    assertThat(production.pipeline("metrics").orElseThrow().exporters()).extracting(Component::id)
        .containsExactly("prometheus");
    assertThat(production.pipeline("logs").orElseThrow().exporters()).extracting(Component::id)
        .containsExactly("otlp_http/loki");
    assertThat(production.componentTypes()).doesNotContain(ComponentTypes.DEBUG_EXPORTER);
    Map<String, Object> prometheus = component(production, "prometheus").config();
    assertThat(prometheus)
        .containsEntry("endpoint", "0.0.0.0:8889")
        .containsEntry("translation_strategy", "UnderscoreEscapingWithSuffixes")
        .containsEntry("metric_expiration", "5m")
        .doesNotContainKeys("resource_to_telemetry_conversion", "resource_constant_labels", "namespace",
            "add_metric_suffixes");
    assertThat(component(production, "otlp_http/loki").config()).containsEntry("endpoint", "http://loki:3100/otlp");
    assertThat(component(local, "debug").config()).containsEntry("verbosity", "basic");
    assertThat(production.extensions()).extracting(Component::id).containsExactly("health_check");
    assertThat(production.extensions().get(0).config()).containsEntry("endpoint", "0.0.0.0:13133");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theResourceProcessorOnlyUpsertsTheEnvironmentAndNeverTouchesServiceAttributes() {
    List<Map<String, Object>> actions =
        (List<Map<String, Object>>) component(production, "resource").config().get("attributes");

    assertThat(actions).hasSize(1);
    assertThat(actions.get(0))
        .containsEntry("key", CollectorPipeline.ENVIRONMENT_ATTRIBUTE)
        .containsEntry("action", "upsert")
        .containsEntry("value", "${env:DUROBS_DEPLOYMENT_ENVIRONMENT:-local}");
    assertThat(actions).allSatisfy(a -> assertThat((String) a.get("key")).doesNotStartWith("service."));
  }

  @Test
  void theLocalVariantWritesLogsToAFileInsteadOfLoki() {
    assertThat(local.pipeline("logs").orElseThrow().exporters()).extracting(Component::id)
        .containsExactly("file", "debug");
    assertThat(local.pipeline("metrics")).isEqualTo(production.pipeline("metrics"));
    assertThat(component(local, "file").config())
        .containsEntry("path", "${env:DUROBS_COLLECTOR_LOG_RECORDS:-durobs-log-records.jsonl}")
        .containsEntry("format", "json")
        .containsEntry("rotation", Map.of("max_megabytes", CollectorPipeline.LOG_RECORDS_ROTATE_MIB,
            "max_backups", CollectorPipeline.LOG_RECORDS_BACKUPS));
    assertThat(local.componentTypes()).doesNotContain(ComponentTypes.OTLP_HTTP_EXPORTER);
  }

  @Test
  void everyEndpointIsTakenFromCollectorEndpoints() {
    CollectorEndpoints endpoints = onHost("127.0.0.1", 41001, 4318, 41002, 41003, 41004, 41005);
    CollectorConfig config = CollectorPipeline.production(endpoints);

    String yaml = config.toYaml(List.of());

    assertThat(yaml).contains("endpoint: 127.0.0.1:41001", "endpoint: 127.0.0.1:41002", "port: 41003",
        "endpoint: 127.0.0.1:41004", "endpoint: http://127.0.0.1:41005/otlp", "host: 127.0.0.1");
  }

  private static Component component(CollectorConfig config, String id) {
    return config.components().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }
}
