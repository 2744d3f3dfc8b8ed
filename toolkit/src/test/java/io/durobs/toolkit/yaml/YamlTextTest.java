package io.durobs.toolkit.yaml;

import static io.durobs.toolkit.yaml.Trees.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTextTest {

  @Test
  void keepsInsertionOrderIndentsListsAndQuotesWhatYaml11WouldMisread() {
    String yaml = YamlText.render(List.of("first line", "", "third"), map(
        "zeta", map("endpoint", "0.0.0.0:4317", "flag", "false"),
        "alpha", List.of("a", "b"),
        "env", "${env:X:-y}",
        "count", 5,
        "y", "yes"));

    assertThat(yaml).isEqualTo("""
        # first line
        #
        # third
        zeta:
          endpoint: 0.0.0.0:4317
          flag: "false"
        alpha:
          - a
          - b
        env: "${env:X:-y}"
        count: 5
        "y": "yes"
        """);
  }

  @Test
  void longStringsStayOnOneLine() {
    String longValue = "word ".repeat(40).strip();

    assertThat(YamlText.render(List.of(), map("k", longValue))).isEqualTo("k: " + longValue + "\n");
  }

  @Test
  void parseReadsBackWhatRenderWrote() {
    var tree = map("a", map("b", List.of(1, "two", true)), "c", "${env:Z}");

    assertThat(YamlText.parse(YamlText.render(List.of("header"), tree))).isEqualTo(tree);
  }

  @Test
  void parseNamesInvalidYaml() {
    assertThatThrownBy(() -> YamlText.parse("a: [unclosed"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("invalid YAML");
  }
}
