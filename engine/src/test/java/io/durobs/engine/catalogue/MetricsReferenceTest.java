package io.durobs.engine.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsReferenceTest {

  private final String page = MetricsReference.render();
  private final List<String> rows = page.lines().filter(l -> l.matches("\\| \\d+ \\|.*")).toList();

  @Test
  void hasOneRowPerCatalogueMetricInOrder() {
    assertThat(rows).hasSize(MetricCatalogue.all().size());
    for (int i = 0; i < rows.size(); i++) {
      MetricDefinition m = MetricCatalogue.all().get(i);
      assertThat(rows.get(i))
          .startsWith("| " + m.number() + " | `" + m.prometheusName() + "` | `" + m.otelName() + "` |")
          .contains(m.description());
    }
  }

  @Test
  void listsEveryEnumeratedValueAndEveryBucket() {
    String completions = rows.get(MetricCatalogue.ORCHESTRATION_COMPLETIONS.number() - 1);
    assertThat(completions).contains("`status` ∈ `success`, `failed`, `cancelled`, `continuedAsNew`")
        .contains("`final_turn_count` ∈ `1-5`, `6-10`, `11-50`, `50+`")
        .contains("`orchestration_name`; `version`;");
    String store = rows.get(MetricCatalogue.PROVIDER_OPERATION_DURATION.number() - 1);
    assertThat(store).contains("| histogram |")
        .endsWith("| 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 |");
    assertThat(rows.get(MetricCatalogue.CLIENT_CANCELLATIONS.number() - 1)).contains("| none |");
    long enumerated = MetricCatalogue.all().stream().flatMap(m -> m.enumeratedLabels().stream())
        .mapToLong(l -> l.allowedValues().size()).sum();
    assertThat(page).contains("(" + enumerated + " in all)");
  }

  @Test
  void showsTheNamesTheSeedUsedBeforeARename() {
    assertThat(rows.get(MetricCatalogue.PROVIDER_ERRORS.number() - 1))
        .contains("Formerly `duroxide_provider_infrastructure_errors_total`.");
    assertThat(rows.get(MetricCatalogue.PROVIDER_OPERATION_DURATION.number() - 1))
        .contains("`duroxide_provider_fetch_orchestration_item_duration_ms` (now "
            + "`operation=\"fetch_orchestration_item\"`)");
    assertThat(rows.get(MetricCatalogue.ORCHESTRATION_STARTS.number() - 1)).doesNotContain("Formerly");
  }

  @Test
  void statesTheSeriesBudgetPerProcess() {
    // 101 names (100 + the overflow value) × 5 states: a quarter of the SDK's default 2,000
    assertThat(MetricCatalogue.seriesBudget(MetricCatalogue.ACTIVE_ORCHESTRATIONS, 100))
        .isEqualTo(505);
    // 101 × 101 versions × 4 statuses, times 19 buckets + 3 in Prometheus
    assertThat(MetricCatalogue.prometheusSeriesBudget(MetricCatalogue.ORCHESTRATION_DURATION, 100))
        .isEqualTo(101L * 101 * 4 * 22);
    assertThat(MetricCatalogue.seriesBudget(MetricCatalogue.TELEMETRY_LABEL_OVERFLOW, 100))
        .isEqualTo(MetricCatalogue.NAME_LABELS.size());
    assertThat(page).contains("## Series budget per process")
        .contains("| `duroxide_active_orchestrations` | 101 `orchestration_name` × 5 `state` | 505 | 505 |")
        .contains("| `duroxide_client_cancellations_total` | 1 | 1 | 1 |");
    long total = MetricCatalogue.all().stream()
        .mapToLong(m -> MetricCatalogue.prometheusSeriesBudget(m, 100)).sum();
    assertThat(page).containsPattern("\\| \\*\\*all\\*\\* \\| \\| \\*\\*\\d+\\*\\* \\| \\*\\*"
        + total + "\\*\\* \\|");
  }

  @Test
  void isStable() {
    assertThat(MetricsReference.render()).isEqualTo(page);
    assertThat(page).doesNotContain("\r").endsWith(" |\n");
  }
}
