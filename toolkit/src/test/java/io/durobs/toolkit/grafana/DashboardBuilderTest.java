package io.durobs.toolkit.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardBuilderTest {

  private static TimeseriesPanelBuilder panel(String title, int width) {
    return new TimeseriesPanelBuilder().title(title).span(width)
        .withTarget(new PrometheusQueryBuilder().expr("vector(1)"))
        .withTarget(new PrometheusQueryBuilder().expr("vector(2)"));
  }

  @Test
  void laysPanelsOutLeftToRightWrappingAt24AndNumbersThem() {
    Dashboard d = new DashboardBuilder("D").uid("d")
        .withPanel(panel("a", 12)).withPanel(panel("b", 8)).withPanel(panel("c", 8))
        .withRow(new RowBuilder("r")).withPanel(panel("d", 24))
        .build();

    assertThat(d.panels()).extracting(Panel::id).containsExactly(1, 2, 3, 4, 5);
    assertThat(d.panels()).extracting(Panel::gridPos).containsExactly(
        new GridPos(8, 12, 0, 0), new GridPos(8, 8, 12, 0), new GridPos(8, 8, 0, 8),
        new GridPos(1, 24, 0, 16), new GridPos(8, 24, 0, 17));
    assertThat(d.panels().get(0).targets()).extracting(Target::refId).containsExactly("A", "B");
    assertThat(d.allPanels()).extracting(Panel::title).containsExactly("a", "b", "c", "d");
  }

  @Test
  void extendingADashboardKeepsItAndAddsBelowWithTheNextIds() {
    Dashboard d = new DashboardBuilder("D").uid("d").description("the original")
        .withPanel(panel("a", 12)).withPanel(panel("b", 8))
        .build();

    Dashboard extended = DashboardBuilder.extending(d)
        .withRow(new RowBuilder("added")).withPanel(panel("c", 24))
        .build();

    assertThat(extended.panels().subList(0, 2)).isEqualTo(d.panels());
    assertThat(extended.panels()).extracting(Panel::id).containsExactly(1, 2, 3, 4);
    assertThat(extended.panels().subList(2, 4)).extracting(Panel::gridPos).containsExactly(
        new GridPos(1, 24, 0, 8), new GridPos(8, 24, 0, 9));
    assertThat(extended).usingRecursiveComparison().ignoringFields("panels").isEqualTo(d);
  }

  @Test
  void serializesSortedWithNullBaseThresholdAndTrailingNewline() {
    Dashboard d = new DashboardBuilder("D").uid("d")
        .withPanel(new StatPanelBuilder().title("s").unit(Units.PERCENT_UNIT)
            .thresholds(new ThresholdsBuilder().base("red").step(0.95, "green"))
            .withTarget(new PrometheusQueryBuilder().expr("vector(1)")))
        .build();

    String json = GrafanaJson.write(d);

    assertThat(json).endsWith("}\n").doesNotContain("\r").doesNotContain(" : ")
        .containsPattern("\"color\": \"red\",\n\\s+\"value\": null\n")
        .contains("\"unit\": \"percentunit\"");
    assertThat(json.indexOf("\"editable\"")).isLessThan(json.indexOf("\"panels\""));
    assertThat(json.indexOf("\"panels\"")).isLessThan(json.indexOf("\"uid\""));
    assertThat(GrafanaJson.write(d)).isEqualTo(json);
  }

  @Test
  void refusesWhatGrafanaWouldMisrender() {
    assertThatThrownBy(() -> new ThresholdsBuilder().step(0.95, "yellow").step(0.9, "red"))
        .hasMessageContaining("threshold steps must ascend");
    assertThatThrownBy(() -> new DashboardBuilder("no uid").build())
        .hasMessageContaining("has no uid");
    assertThatThrownBy(() -> new GridPos(8, 25, 0, 0)).hasMessageContaining("w must be in 1..24");
    assertThatThrownBy(() -> new PrometheusQueryBuilder().build())
        .hasMessageContaining("needs an expression");
  }

  @Test
  void refIdsContinuePastZ() {
    assertThat(List.of(0, 25, 26, 27, 701)).extracting(PanelBuilder::refId)
        .containsExactly("A", "Z", "AA", "AB", "ZZ");
  }

  @Test
  void knowsGrafanaUnits() {
    assertThat(Units.isKnown("percentunit")).isTrue();
    assertThat(Units.isKnown("suffix: events/s")).isTrue();
    assertThat(Units.isKnown("seconds")).isFalse();
    assertThat(Units.isKnown("")).isFalse();
  }
}
