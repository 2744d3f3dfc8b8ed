package io.durobs.toolkit.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromQlScannerTest {

  @Test
  void readsSelectorsMatchersAndTheCallsAroundThem() {
    ScannedQuery q = PromQlScanner.scan("histogram_quantile(0.99, sum by (le, activity_name) "
        + "(rate(duroxide_activity_duration_seconds_bucket{job=~\"$job\", outcome!=\"cancelled\"}"
        + "[$__rate_interval])))");

    assertThat(q.selectors()).hasSize(1);
    SelectorRef s = q.selectors().get(0);
    assertThat(s.metric()).isEqualTo("duroxide_activity_duration_seconds_bucket");
    assertThat(s.matchers()).containsExactly(new LabelMatcher("job", "=~", "$job"),
        new LabelMatcher("outcome", "!=", "cancelled"));
    assertThat(s.range()).isEqualTo("$__rate_interval");
    assertThat(s.enclosing()).extracting(Enclosing::function)
        .containsExactly("rate", "sum", "histogram_quantile");
    assertThat(s.innermostAggregation()).get().satisfies(e -> {
      assertThat(e.groupingMode()).isEqualTo("by");
      assertThat(e.groupingLabels()).containsExactly("le", "activity_name");
      assertThat(e.keeps("le")).isTrue();
    });
    assertThat(q.ranges()).containsExactly(new ScannedQuery.RangeRef("$__rate_interval", "rate"));
  }

  @Test
  void attachesATrailingGroupingClauseToItsAggregation() {
    SelectorRef s = PromQlScanner.scan("sum(rate(x_total[5m])) without (instance)").selectors().get(0);

    Enclosing sum = s.innermostAggregation().orElseThrow();
    assertThat(sum.groupingMode()).isEqualTo("without");
    assertThat(sum.keeps("le")).isTrue();
    assertThat(sum.keeps("instance")).isFalse();
  }

  @Test
  void aBareAggregationKeepsNoLabel() {
    SelectorRef s = PromQlScanner.scan("sum(rate(x_bucket[5m]))").selectors().get(0);
    assertThat(s.innermostAggregation().orElseThrow().keeps("le")).isFalse();
  }

  @Test
  void readsNamesFromNameMatchersAndIgnoresKeywordsStringsAndNumbers() {
    ScannedQuery q = PromQlScanner.scan("{__name__=\"up\", job=\"a\"} == bool 1e-3 "
        + "or on(job) label_replace(vector(1), \"dst\", \"$1\", \"src\", \"(.*)\") "
        + "unless x offset 5m and ignoring(instance) group_left(version) y");

    assertThat(q.metricNames()).containsExactly("up", "x", "y");
    assertThat(q.selectors().get(0).matchers()).containsExactly(new LabelMatcher("job", "=", "a"));
    assertThat(q.groupingLabels()).containsExactly("job", "instance", "version");
    assertThat(q.functions()).contains("label_replace", "vector");
  }

  @Test
  void unescapesLabelValuesAndKeepsRegexEscapes() {
    LabelMatcher m = PromQlScanner.scan("x{retry_attempt=~\"3\\\\+|0\", name=\"a\\\"b\"}")
        .selectors().get(0).matchers().get(0);
    assertThat(m.value()).isEqualTo("3\\+|0");
    assertThat(PromQlScanner.scan("x{name=\"a\\\"b\"}").selectors().get(0).matchers().get(0).value())
        .isEqualTo("a\"b");
  }

  @Test
  void readsSubqueriesAndGrafanaVariablesInEveryForm() {
    ScannedQuery q = PromQlScanner.scan(
        "max_over_time(deriv(depth{job=~\"${job:regex}\"}[[[interval]]])[1h:5m]) > $threshold");

    assertThat(q.selectors().get(0).range()).isEqualTo("[[interval]]");
    assertThat(q.ranges()).extracting(ScannedQuery.RangeRef::range)
        .containsExactly("[[interval]]", "1h");
  }

  @Test
  void rejectsUnbalancedBracketsAndUnterminatedStrings() {
    assertThatThrownBy(() -> PromQlScanner.scan("sum(rate(x[5m])"))
        .isInstanceOf(PromQlSyntaxException.class).hasMessageContaining("unclosed '('");
    assertThatThrownBy(() -> PromQlScanner.scan("x{job=\"a}"))
        .isInstanceOf(PromQlSyntaxException.class).hasMessageContaining("unterminated string");
    assertThatThrownBy(() -> PromQlScanner.scan("x)"))
        .isInstanceOf(PromQlSyntaxException.class).hasMessageContaining("unbalanced ')'");
  }

  @Test
  void theTypedBuilderProducesWhatTheScannerReadsBack() {
    Expr e = PromQl.histogramQuantile(0.95, PromQl.sum(PromQl.rate(
            PromQl.buckets(io.durobs.engine.catalogue.MetricCatalogue.PROVIDER_OPERATION_DURATION)
                .whereIn(io.durobs.engine.catalogue.MetricCatalogue.OPERATION, "read_history", "renew_lock"),
            "5m")).by("le", io.durobs.engine.catalogue.MetricCatalogue.OPERATION))
        .gt(0.5).or(PromQl.absent(PromQl.external("up").where("job", "x")));

    assertThat(e.text()).isEqualTo("histogram_quantile(0.95, sum by (le, operation) (rate("
        + "duroxide_provider_operation_duration_seconds_bucket{operation=~\"read_history|renew_lock\"}"
        + "[5m]))) > 0.5 or absent(up{job=\"x\"})");
    assertThat(PromQlScanner.scan(e.text()).metricNames())
        .containsExactly("duroxide_provider_operation_duration_seconds_bucket", "up");
  }

  @Test
  void composingAddsOnlyTheParenthesesPrecedenceNeeds() {
    Expr a = PromQl.external("a");
    Expr b = PromQl.external("b");
    assertThat(a.plus(b).times(2).text()).isEqualTo("(a + b) * 2");
    assertThat(a.times(2).plus(b).text()).isEqualTo("a * 2 + b");
    assertThat(a.minus(b.minus(a)).text()).isEqualTo("a - (b - a)");
    assertThat(a.gt(1).and(b.gt(1)).or(a.lt(0)).text()).isEqualTo("(a > 1 and b > 1) or a < 0");
    assertThat(Selector.regexEscape("3+")).isEqualTo("3\\+");
    assertThat(PromQl.sum(a).by().text()).isEqualTo("sum(a)");
    assertThat(List.of(Expr.number(0.3), Expr.number(14), Expr.number(1e-9)))
        .extracting(Expr::text).containsExactly("0.3", "14", "0.000000001");
  }

  @Test
  void mapsTheDurationsOfRangesStepsAndOffsetsAndNothingElse() {
    String expr = "sum(increase(x_total{le=\"5m\"}[10m])) > 5 "
        + "or max_over_time(rate(y[1h30m])[1d:5m]) offset -2h "
        + "or z OFFSET 10m or rate(w[$__rate_interval]) or q[:1m]";

    String mapped = PromQlScanner.mapDurations(expr, (use, d) -> use + "(" + d + ")");

    assertThat(mapped).isEqualTo("sum(increase(x_total{le=\"5m\"}[RANGE(10m)])) > 5 "
        + "or max_over_time(rate(y[RANGE(1h30m)])[RANGE(1d):STEP(5m)]) offset -OFFSET(2h) "
        + "or z OFFSET OFFSET(10m) or rate(w[$__rate_interval]) or q[:STEP(1m)]");
    assertThat(PromQlScanner.mapDurations(expr, (use, d) -> d)).isEqualTo(expr);
  }

  @Test
  void selectorsRenderBackAsInstantSelectorsForQueryingThemAlone() {
    List<SelectorRef> s = PromQlScanner.scan("rate({\"my.metric.total\", a=\"b\"}[1m]) "
        + "+ sum by (le) (rate(x_bucket{job=~\"a|b\", code!=\"5\\\"00\"}[5m] offset 1h)) "
        + "+ {__name__=~\"up|down\", job=\"x\"}").selectors();

    assertThat(s.get(0).text()).isEqualTo("{\"my.metric.total\",a=\"b\"}");
    assertThat(s.get(0).nameOnly()).isEqualTo("{\"my.metric.total\"}");
    assertThat(s.get(1).text()).isEqualTo("x_bucket{job=~\"a|b\",code!=\"5\\\"00\"}");
    assertThat(s.get(1).text(List.of())).isEqualTo("x_bucket{}");
    assertThat(s.get(1).range()).isEqualTo("5m");
    assertThat(s.get(1).innermostCall()).get().extracting(Enclosing::function).isEqualTo("rate");
    assertThat(s.get(2).metric()).isNull();
    assertThat(s.get(2).nameOnly()).isEqualTo("{__name__=~\"up|down\"}");
  }

  @Test
  void matchersFollowPrometheusSemantics() {
    LabelMatcher regex = new LabelMatcher("job", "=~", "a|b");
    assertThat(regex.matches("a")).isTrue();
    assertThat(regex.matches("ab")).isFalse(); // anchored
    assertThat(regex.matchesEmpty()).isFalse();
    assertThat(new LabelMatcher("job", "!~", "a.*").matches("b")).isTrue();
    assertThat(new LabelMatcher("job", "=~", ".*").matchesEmpty()).isTrue();
    assertThat(new LabelMatcher("job", "!=", "x").matchesEmpty()).isTrue();
    assertThat(new LabelMatcher("job", "=", "x").matches("x")).isTrue();
    assertThat(new LabelMatcher("q", "=", "a\"b").text()).isEqualTo("q=\"a\\\"b\"");
  }
}
