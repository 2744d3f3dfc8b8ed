package io.durobs.toolkit.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small helpers for building and copying the ordered map trees that {@link YamlText} renders.
 */
public final class Trees {

  private Trees() {}

  /**
   * An ordered map from alternating keys and values, e.g. {@code map("endpoint", "0.0.0.0:4317")}.
   * A {@code null} value leaves its key out, so optional settings can be written inline.
   *
   * @param keyValues key, value, key, value, ...; keys are strings
   * @return a new mutable {@link LinkedHashMap} in argument order
   * @throws IllegalArgumentException if the count is odd, a key is not a string or repeats
   */
  public static Map<String, Object> map(Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("map(...) needs key/value pairs, got " + keyValues.length + " arguments");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      if (!(keyValues[i] instanceof String key)) {
        throw new IllegalArgumentException("map(...) key at position " + i + " is not a string: " + keyValues[i]);
      }
      if (map.containsKey(key)) {
        throw new IllegalArgumentException("map(...) repeats key '" + key + "'");
      }
      if (keyValues[i + 1] != null) {
        map.put(key, keyValues[i + 1]);
      }
    }
    return map;
  }

  /**
   * A deep, unmodifiable copy of a tree: maps keep their order, lists their elements; scalars
   * (strings, numbers, booleans) are shared.
   *
   * @param tree a map, list or scalar
   * @return the frozen copy
   * @throws IllegalArgumentException if the tree holds something other than maps with string
   *     keys, lists, strings, numbers or booleans (such values would not render predictably)
   */
  public static Object freeze(Object tree) {
    if (tree instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        if (!(k instanceof String key)) {
          throw new IllegalArgumentException("tree map key is not a string: " + k);
        }
        copy.put(key, freeze(v));
      });
      return Collections.unmodifiableMap(copy);
    }
    if (tree instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(freeze(v)));
      return Collections.unmodifiableList(copy);
    }
    if (tree instanceof String || tree instanceof Number || tree instanceof Boolean) {
      return tree;
    }
    throw new IllegalArgumentException("tree value of unsupported type "
        + (tree == null ? "null" : tree.getClass().getName()) + ": " + tree);
  }

  /**
   * A deep, mutable copy of a tree (the inverse of {@link #freeze}): maps become
   * {@link LinkedHashMap}s, lists {@link ArrayList}s, so the copy can be merged into.
   *
   * @param tree a map, list or scalar
   * @return the mutable copy
   */
  @SuppressWarnings("unchecked")
  public static Object thaw(Object tree) {
    if (tree instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, thaw(v)));
      return copy;
    }
    if (tree instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(thaw(v)));
      return copy;
    }
    return tree;
  }
}
