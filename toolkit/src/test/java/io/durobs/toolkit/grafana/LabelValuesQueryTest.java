package io.durobs.toolkit.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one reader and writer of {@code label_values(...)}. */
class LabelValuesQueryTest {

  @Test
  void readsTheMatchUpToTheLastCommaAndTheLabel() {
    assertThat(LabelValuesQuery.parse(" label_values(up{job=~\"a,b\", x=\"1\"}, instance) "))
        .contains(new LabelValuesQuery("up{job=~\"a,b\", x=\"1\"}", "instance"));
    assertThat(LabelValuesQuery.parse("label_values(job)")).contains(new LabelValuesQuery("", "job"));
    assertThat(LabelValuesQuery.parse("label_values(up, $label)")).contains(new LabelValuesQuery("up", "$label"));
    assertThat(LabelValuesQuery.parse("label_values(up, service.name)"))
        .contains(new LabelValuesQuery("up", "service.name"));
  }

  @Test
  void refusesOtherVariableQueries() {
    assertThat(LabelValuesQuery.parse("query_result(up)")).isEmpty();
    assertThat(LabelValuesQuery.parse("label_names()")).isEmpty();
    assertThat(LabelValuesQuery.parse(null)).isEmpty();
  }

  @Test
  void writesWhatItReads() {
    assertThat(LabelValuesQuery.of("up{job=\"x\"}", "instance").text())
        .isEqualTo("label_values(up{job=\"x\"}, instance)");
    assertThat(LabelValuesQuery.of("", "job").text()).isEqualTo("label_values(job)");
    assertThat(LabelValuesQuery.parse(LabelValuesQuery.of("a{b=\"c\"}", "d").text()))
        .contains(LabelValuesQuery.of("a{b=\"c\"}", "d"));
  }
}
