package io.durobs.it.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.it.report.RunReport;
import io.durobs.it.support.TestPrometheus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against a Prometheus that never saw the engine, every metric and value is reported missing. */
class CatalogueCheckTest {

  @Test
  void aPrometheusWithoutTheEngineMissesEveryMetricAndValue() {
    Instant now = Instant.now();
    List<MetricCheck> checks = new CatalogueCheck(TestPrometheus.shared().client())
        .check(now.minus(Duration.ofHours(1)), now, null);
    assertThat(checks).hasSize(MetricCatalogue.all().size()).noneMatch(MetricCheck::present);
    assertThat(checks.stream().mapToInt(MetricCheck::valuesExpected).sum())
        .isEqualTo(MetricCatalogue.enumeratedValueCount());
    assertThat(checks.get(0).missing()).contains(MetricCatalogue.ORCHESTRATION_STARTS.prometheusName(),
        "initiated_by=client");
    RunReport report = new RunReport("t", now, 0, List.of(), List.of(), List.of(), List.of(), checks, List.of(), List.of());
    assertThat(report.summaryLine()).isEqualTo("panels 0/0 with data · metrics 0/" + MetricCatalogue.all().size()
        + " · label values 0/" + MetricCatalogue.enumeratedValueCount());
  }
}
