package io.durobs.toolkit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.toolkit.promql.PromQlScanner;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryChecksTest {

  private static final MetricUniverse U = MetricUniverse.of(MetricCatalogue.all());
  private static final QueryChecks.Options DASHBOARD = new QueryChecks.Options(
      QueryChecks.RATE_FUNCTIONS, Set.of("$__rate_interval"),
      Set.of("duroxide_active_orchestrations", "duroxide_worker_queue_depth"));

  private static List<Problem> check(String expr) {
    return QueryChecks.check(expr, U, DASHBOARD);
  }

  @Test
  void aCleanQueryHasNoProblem() {
    assertThat(check("histogram_quantile(0.99, sum by (le, activity_name) (rate("
        + "duroxide_activity_duration_seconds_bucket{job=~\"$job\", outcome=~\"success|timeout\"}"
        + "[$__rate_interval])))")).isEmpty();
    assertThat(check("sum by (state) (max by (orchestration_name, state) "
        + "(duroxide_active_orchestrations{state=\"running\"}))")).isEmpty();
    assertThat(check("sum(rate(duroxide_activity_executions_total{retry_attempt=~\"3\\\\+|1\"}"
        + "[$__rate_interval]))")).isEmpty();
  }

  @Test
  void namesTheNearestCatalogueNameOfAnUnknownMetric() {
    assertThat(check("sum(rate(duroxide_activity_duration_bucket[$__rate_interval]))"))
        .containsExactly(new Problem("unknown-metric", "unknown metric "
            + "'duroxide_activity_duration_bucket'; nearest catalogue name: "
            + "duroxide_activity_duration_seconds_bucket"));
    // the seed's name for #20 (a recorded rename), and a histogram selected by its base name
    assertThat(check("rate(duroxide_provider_infrastructure_errors_total[$__rate_interval])"))
        .extracting(Problem::message).containsExactly("unknown metric "
            + "'duroxide_provider_infrastructure_errors_total'; renamed: use `duroxide_provider_errors_total`");
    assertThat(check("duroxide_orchestration_duration_seconds")).extracting(Problem::rule)
        .containsExactly("unknown-metric");
  }

  @Test
  void namesTheNearestLabelAndValue() {
    assertThat(check("rate(duroxide_activity_executions_total{activty_name=\"x\"}[$__rate_interval])"))
        .extracting(Problem::message).containsExactly("metric duroxide_activity_executions_total "
            + "has no label 'activty_name' (labels: activity_name, outcome, retry_attempt, job, "
            + "instance); nearest: activity_name");
    assertThat(check("rate(duroxide_activity_executions_total{outcome=~\"success|sucess\"}"
        + "[$__rate_interval])")).extracting(Problem::message)
        .containsExactly("label 'outcome' of duroxide_activity_executions_total does not allow "
            + "'sucess' (allowed: success, app_error, infra_error, config_error, timeout, "
            + "cancelled); nearest: success");
    // #8 allows only the provider operations of a turn
    assertThat(check("rate(duroxide_orchestration_infrastructure_errors_total{operation=\"read_status\"}"
        + "[$__rate_interval])")).extracting(Problem::rule).containsExactly("label-value");
    // open labels, variables and non-literal regexes are not value-checked
    assertThat(check("rate(duroxide_activity_executions_total{activity_name=\"anything\", "
        + "outcome=~\"$outcome\", retry_attempt=~\"[0-9]+\"}[$__rate_interval])")).isEmpty();
  }

  @Test
  void groupingLabelsMustExistOnTheSelectedSeries() {
    assertThat(check("sum by (execution_id) (rate(duroxide_orchestration_continue_as_new_total"
        + "[$__rate_interval]))")).extracting(Problem::rule).containsExactly("unknown-label");
  }

  @Test
  void countersOnlyUnderRateOrIncrease() {
    assertThat(check("sum(duroxide_orchestration_starts_total)")).extracting(Problem::message)
        .containsExactly("counter duroxide_orchestration_starts_total is used under sum(); "
            + "counters are only meaningful under increase/irate/rate/resets");
    assertThat(check("duroxide_orchestration_starts_total - duroxide_orchestration_completions_total"))
        .extracting(Problem::rule).containsExactly("counter-rate", "counter-rate");
    assertThat(check("sum(increase(duroxide_orchestration_starts_total[$__rate_interval]))")).isEmpty();
  }

  @Test
  void histogramBucketsMustKeepLe() {
    assertThat(check("histogram_quantile(0.99, rate(duroxide_activity_duration_seconds_bucket"
        + "[$__rate_interval]))")).isEmpty();
    assertThat(check("histogram_quantile(0.99, sum by (activity_name) (rate("
        + "duroxide_activity_duration_seconds_bucket[$__rate_interval])))"))
        .extracting(Problem::rule).containsExactly("histogram-le");
    assertThat(check("sum(rate(duroxide_activity_duration_seconds_bucket[$__rate_interval]))"))
        .extracting(Problem::rule).containsExactly("histogram-le");
  }

  @Test
  void clusterWideGaugesThroughMax() {
    assertThat(check("sum(duroxide_worker_queue_depth)")).extracting(Problem::message)
        .containsExactly("cluster-wide gauge duroxide_worker_queue_depth is aggregated with sum; "
            + "every engine process reports the same value, aggregate it with max");
    assertThat(check("duroxide_worker_queue_depth")).extracting(Problem::rule)
        .containsExactly("cluster-gauge-max");
    assertThat(check("max(duroxide_worker_queue_depth)")).isEmpty();
  }

  @Test
  void dashboardRatesUseTheRateInterval() {
    assertThat(check("rate(duroxide_client_cancellations_total[1m])")).extracting(Problem::message)
        .containsExactly("rate() over [1m] must use $__rate_interval");
  }

  @Test
  void legendLabelsMustBeOnTheResult() {
    var q = PromQlScanner.scan("sum by (orchestration_name) (rate("
        + "duroxide_orchestration_continue_as_new_total[$__rate_interval]))");
    assertThat(QueryChecks.legendProblems("{{orchestration_name}} ({{ execution_id }})", q, U))
        .extracting(Problem::message).containsExactly("legend names '{{execution_id}}', which the "
            + "query's result does not carry (it has: orchestration_name)");
    assertThat(QueryChecks.legendProblems("{{orchestration_name}}", q, U)).isEmpty();
  }

  @Test
  void literalAlternativesOnlyForPlainAlternations() {
    assertThat(QueryChecks.literalAlternatives("a|b\\+|c_d")).containsExactly("a", "b+", "c_d");
    assertThat(QueryChecks.literalAlternatives("a.*")).isEmpty();
    assertThat(QueryChecks.literalAlternatives("(a|b)")).isEmpty();
  }
}
