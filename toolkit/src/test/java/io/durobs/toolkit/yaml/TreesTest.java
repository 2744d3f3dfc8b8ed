package io.durobs.toolkit.yaml;

import static io.durobs.toolkit.yaml.Trees.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TreesTest {

  @Test
  void mapKeepsArgumentOrderAndLeavesOutNullValues() {
    assertThat(map("b", 1, "a", null, "c", 2)).containsExactly(Map.entry("b", 1), Map.entry("c", 2));
  }

  @Test
  void mapRejectsOddArgumentsNonStringKeysAndRepeats() {
    assertThatThrownBy(() -> map("a")).hasMessageContaining("key/value pairs");
    assertThatThrownBy(() -> map(1, "x")).hasMessageContaining("not a string");
    assertThatThrownBy(() -> map("a", 1, "a", 2)).hasMessageContaining("repeats key 'a'");
  }

  @Test
  void freezeCopiesDeeplyAndRejectsUnrenderableValues() {
    List<Object> list = new ArrayList<>(List.of("x"));
    Map<String, Object> tree = map("list", list);

    @SuppressWarnings("unchecked")
    Map<String, Object> frozen = (Map<String, Object>) Trees.freeze(tree);
    list.add("y");

    assertThat(frozen.get("list")).isEqualTo(List.of("x"));
    assertThatThrownBy(() -> frozen.put("k", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> Trees.freeze(map("when", new Object())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsupported type java.lang.Object");
  }

  @Test
  void thawGivesAMutableCopy() {
    @SuppressWarnings("unchecked")
    Map<String, Object> thawed = (Map<String, Object>) Trees.thaw(Trees.freeze(map("a", map("b", 1))));

    thawed.put("c", 2);
    @SuppressWarnings("unchecked")
    Map<String, Object> inner = (Map<String, Object>) thawed.get("a");
    inner.put("d", 3);

    assertThat(thawed).isEqualTo(map("a", map("b", 1, "d", 3), "c", 2));
  }
}
