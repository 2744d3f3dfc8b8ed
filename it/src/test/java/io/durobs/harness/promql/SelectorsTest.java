package io.durobs.harness.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Selector extraction for the diagnosis. */
class SelectorsTest {

  @Test
  void selectorsWithRangesFunctionsAndLabelLists() {
    List<Selector> s = Selectors.of("histogram_quantile(0.99, sum by (le, job) "
        + "(rate(http_seconds_bucket{job=~\"a|b\", code!=\"500\"}[5m]))) / on (job) group_left "
        + "max without (instance) (up{job=\"x\"}) or vector(0)");
    assertThat(s).hasSize(2);
    assertThat(s.get(0).metric()).isEqualTo("http_seconds_bucket");
    assertThat(s.get(0).function()).isEqualTo("rate");
    assertThat(s.get(0).range()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.get(0).needsTwoSamples()).isTrue();
    assertThat(s.get(0).matchers()).extracting(LabelMatcher::toString)
        .containsExactly("job=~\"a|b\"", "code!=\"500\"");
    assertThat(s.get(1).metric()).isEqualTo("up");
    assertThat(s.get(1).function()).isEqualTo("max");
    assertThat(s.get(1).range()).isNull();
  }

  @Test
  void utf8NamesAndNameMatchers() {
    List<Selector> s = Selectors.of("rate({\"my.metric.total\", a=\"b\"}[1m]) + {__name__=\"other\"} + count(x) by (y)");
    assertThat(s.get(0).metric()).isEqualTo("my.metric.total");
    assertThat(s.get(0).text()).isEqualTo("{\"my.metric.total\",a=\"b\"}");
    assertThat(s.get(1).metric()).isEqualTo("other");
    assertThat(s.get(2).metric()).isEqualTo("x");
    assertThat(s.get(2).function()).isEqualTo("count");
  }

  @Test
  void offsetSubqueriesAndStringsAreNotSelectors() {
    List<Selector> s = Selectors.of("label_replace(max_over_time(rate(a[1m])[10m:1m]) offset 5m, \"dst\", \"$1\", \"src\", \"(.*)\")");
    assertThat(s).extracting(Selector::metric).containsExactly("a");
  }

  @Test
  void unbalancedBracesAreReported() {
    assertThatThrownBy(() -> Selectors.of("up{job=\"x\"")).isInstanceOf(PromQlSyntaxException.class)
        .hasMessageContaining("unclosed");
  }
}
