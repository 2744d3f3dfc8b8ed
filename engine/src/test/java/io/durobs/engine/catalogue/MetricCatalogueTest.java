package io.durobs.engine.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricCatalogueTest {

  /** The Prometheus names exactly as the spec table (metric-catalogue.md) writes them. */
  private static final List<String> SPEC_NAMES = List.of(
      "duroxide_orchestration_starts_total",
      "duroxide_orchestration_completions_total",
      "duroxide_orchestration_failures_total",
      "duroxide_orchestration_duration_seconds",
      "duroxide_orchestration_history_size",
      "duroxide_orchestration_turns",
      "duroxide_orchestration_continue_as_new_total",
      "duroxide_orchestration_infrastructure_errors_total",
      "duroxide_orchestration_configuration_errors_total",
      "duroxide_orchestration_poison_total",
      "duroxide_active_orchestrations",
      "duroxide_orchestrator_queue_depth",
      "duroxide_worker_queue_depth",
      "duroxide_activity_executions_total",
      "duroxide_activity_duration_seconds",
      "duroxide_activity_infrastructure_errors_total",
      "duroxide_activity_configuration_errors_total",
      "duroxide_activity_poison_total",
      "duroxide_provider_operation_duration_seconds",
      "duroxide_provider_errors_total",
      "duroxide_provider_ack_orchestration_retries_total",
      "duroxide_client_orchestration_starts_total",
      "duroxide_client_external_events_raised_total",
      "duroxide_client_cancellations_total",
      "duroxide_client_wait_duration_seconds",
      "duroxide_suborchestration_calls_total",
      "duroxide_suborchestration_duration_seconds",
      "duroxide_queue_wait_duration_seconds",
      "duroxide_dispatcher_slots",
      "duroxide_dispatcher_items_fetched_total",
      // not in the spec's table: added with the label value limit (issue 11)
      "duroxide_telemetry_label_overflow_total");

  @Test
  void computesEveryPrometheusNameOfTheSpecTableInOrder() {
    assertThat(MetricCatalogue.all()).hasSize(31);
    assertThat(MetricCatalogue.all().stream().map(MetricDefinition::prometheusName))
        .containsExactlyElementsOf(SPEC_NAMES);
    assertThat(MetricCatalogue.all().stream().map(MetricDefinition::number))
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 31).boxed().toList());
  }

  @Test
  void histogramsExposeBucketSumAndCount() {
    assertThat(MetricCatalogue.ORCHESTRATION_DURATION.prometheusSeriesNames()).containsExactly(
        "duroxide_orchestration_duration_seconds_bucket",
        "duroxide_orchestration_duration_seconds_sum",
        "duroxide_orchestration_duration_seconds_count");
    assertThat(MetricCatalogue.ORCHESTRATION_TURNS.prometheusSeriesNames())
        .containsExactly("duroxide_orchestration_turns_bucket", "duroxide_orchestration_turns_sum",
            "duroxide_orchestration_turns_count");
    assertThat(MetricCatalogue.byPrometheusSeries("duroxide_activity_duration_seconds_count"))
        .contains(MetricCatalogue.ACTIVITY_DURATION);
    assertThat(MetricCatalogue.byPrometheusSeries("duroxide_activity_duration_seconds")).isEmpty();
  }

  @Test
  void kindsAndUnitsMatchTheSpec() {
    Map<MetricKind, Long> kinds = MetricCatalogue.all().stream()
        .collect(Collectors.groupingBy(MetricDefinition::kind, Collectors.counting()));
    assertThat(kinds).containsEntry(MetricKind.COUNTER, 19L).containsEntry(MetricKind.HISTOGRAM, 8L)
        .containsEntry(MetricKind.GAUGE, 4L);
    assertThat(MetricCatalogue.ORCHESTRATION_STARTS.otelName()).isEqualTo("duroxide.orchestration.starts");
    assertThat(MetricCatalogue.ORCHESTRATION_STARTS.unit()).isEqualTo("{orchestration}");
    assertThat(MetricCatalogue.ORCHESTRATION_DURATION.otelName()).isEqualTo("duroxide.orchestration.duration");
    assertThat(MetricCatalogue.ORCHESTRATION_DURATION.unit()).isEqualTo("s");
  }

  @Test
  void labelsAndAllowedValuesMatchTheSpec() {
    assertThat(MetricCatalogue.ORCHESTRATION_COMPLETIONS.labels().stream().map(Label::name))
        .containsExactly("orchestration_name", "version", "status", "final_turn_count");
    assertThat(MetricCatalogue.ORCHESTRATION_STARTS.label("initiated_by").orElseThrow().allowedValues())
        .containsExactly("client", "suborchestration", "continueAsNew", "detached");
    assertThat(MetricCatalogue.PROVIDER_ERRORS.label("error_type").orElseThrow().allowedValues())
        .containsExactly("deadlock", "serialization", "timeout", "connection", "constraint", "other");
    assertThat(MetricCatalogue.PROVIDER_OPERATION_DURATION.label("operation").orElseThrow().allowedValues())
        .hasSize(11);
    assertThat(MetricCatalogue.ACTIVITY_EXECUTIONS.label("retry_attempt").orElseThrow().allowedValues())
        .containsExactly("0", "1", "2", "3+");
    assertThat(MetricCatalogue.ORCHESTRATOR_QUEUE_DEPTH.labels()).isEmpty();
    // Instance and execution ids are unbounded and must never be labels.
    assertThat(MetricCatalogue.all().stream().flatMap(m -> m.labels().stream()).map(Label::name))
        .doesNotContain("instance_id", "execution_id");
    assertThat(MetricCatalogue.enumeratedValueCount()).isEqualTo(98);
  }

  @Test
  void histogramBucketsAreStrictlyIncreasing() {
    for (MetricDefinition m : MetricCatalogue.all()) {
      List<Double> b = m.buckets();
      for (int i = 1; i < b.size(); i++) {
        assertThat(b.get(i)).as(m.otelName()).isGreaterThan(b.get(i - 1));
      }
    }
    assertThat(MetricCatalogue.PROVIDER_OPERATION_DURATION.buckets().get(0)).isLessThan(0.001);
    assertThat(MetricCatalogue.ORCHESTRATION_DURATION.buckets()).contains(3600.0);
  }

  @ParameterizedTest
  @CsvSource({
      "http.server.request.duration, HISTOGRAM, s, http_server_request_duration_seconds",
      "system.filesystem.usage, GAUGE, By, system_filesystem_usage_bytes",
      "system.network.packets, COUNTER, {packets}, system_network_packets_total",
      "cpu.utilization, GAUGE, 1, cpu_utilization_ratio",
      "speed, GAUGE, m/s, speed_meters_per_second",
      "latency, HISTOGRAM, ms, latency_milliseconds",
      "requests.total, COUNTER, {request}, requests_total",
      "queue.wait_seconds, HISTOGRAM, s, queue_wait_seconds",
      "disk.free, GAUGE, %, disk_free_percent",
  })
  void followsTheStandardTranslationRule(String otel, MetricKind kind, String unit, String expected) {
    assertThat(PrometheusNaming.metricName(otel, kind, unit)).isEqualTo(expected);
  }

  @Test
  void aFormerNameLeadsToTheSeriesThatReplacedIt() {
    assertThat(MetricCatalogue.renamedFrom("duroxide_provider_infrastructure_errors_total"))
        .hasValueSatisfying(r -> {
          assertThat(r.metric()).isEqualTo(MetricCatalogue.PROVIDER_ERRORS);
          assertThat(r.advice()).isEqualTo("renamed: use `duroxide_provider_errors_total`");
        });
    // a counter's old name with or without _total; a histogram's series part kept
    assertThat(MetricCatalogue.renamedFrom("duroxide_orchestration_completions").map(FormerName.Renamed::series))
        .hasValue("duroxide_orchestration_completions_total");
    assertThat(MetricCatalogue.renamedFrom("duroxide_orchestration_completions_total")).isEmpty();
    assertThat(MetricCatalogue.renamedFrom("duroxide_activity_duration_ms_bucket").map(FormerName.Renamed::advice))
        .hasValue("renamed: use `duroxide_activity_duration_seconds_bucket` (values in seconds; the "
            + "old name's were milliseconds)");
    assertThat(MetricCatalogue.renamedFrom("duroxide.provider.ack_worker_duration_ms_count")
        .map(FormerName.Renamed::replacement))
        .hasValue("duroxide_provider_operation_duration_seconds_count{operation=\"ack_work_item\"}");
    assertThat(MetricCatalogue.renamedFrom("duroxide_activity_duration_ms_total")).isEmpty();
  }

  @Test
  void formerNamesAreNoCurrentSeriesAndTheirLabelValuesAreAllowed() {
    for (MetricDefinition m : MetricCatalogue.all()) {
      for (FormerName f : m.formerNames()) {
        assertThat(MetricCatalogue.byPrometheusSeries(f.name())).as(f.name()).isEmpty();
        if (f.label() != null) {
          assertThat(m.label(f.label())).as(f.name()).hasValueSatisfying(
              l -> assertThat(l.allowedValues()).contains(f.value()));
        }
      }
    }
    assertThat(MetricCatalogue.all()).containsExactlyElementsOf(MetricCatalogue.all().stream()
        .sorted(java.util.Comparator.comparingInt(MetricDefinition::number)).toList());
    assertThat(MetricCatalogue.all()).contains(MetricCatalogue.PROVIDER_ERRORS);
  }
}
