package io.durobs.toolkit.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One data source reference for the builders and the reader. */
class DataSourceRefTest {

  @Test
  void serializesOnlyTypeAndUid() {
    assertThat(GrafanaJson.write(DataSourceRef.prometheus("${datasource}")))
        .isEqualTo("{\n  \"type\": \"prometheus\",\n  \"uid\": \"${datasource}\"\n}\n");
  }

  @Test
  void namesTheVariableOfEveryReferenceSyntax() {
    assertThat(DataSourceRef.prometheus("${DS_PROMETHEUS}").variableName()).isEqualTo("DS_PROMETHEUS");
    assertThat(new DataSourceRef(null, "$ds").variableName()).isEqualTo("ds");
    assertThat(new DataSourceRef(null, "[[ds]]").variableName()).isEqualTo("ds");
    assertThat(DataSourceRef.loki("loki").isVariable()).isFalse();
    assertThat(DataSourceRef.loki("loki").variableName()).isNull();
  }

  @Test
  void tellsDefaultAndMixedAndPrintsShortly() {
    assertThat(DataSourceRef.DEFAULT.isDefault()).isTrue();
    assertThat(DataSourceRef.DEFAULT).hasToString("default");
    assertThat(new DataSourceRef("datasource", "-- Mixed --").isMixed()).isTrue();
    assertThat(DataSourceRef.loki("l")).hasToString("loki:l");
    assertThat(new DataSourceRef(null, "Prometheus")).hasToString("Prometheus");
  }
}
