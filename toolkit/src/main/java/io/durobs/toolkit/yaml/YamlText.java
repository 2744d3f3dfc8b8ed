package io.durobs.toolkit.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a tree of ordered maps, lists and scalars into YAML text, byte for byte the same for the
 * same tree.
 *
 * <p>Key order is the maps' iteration order (callers build {@link LinkedHashMap}s in the order a
 * reader expects), never alphabetical, so a rendered file reads like a hand-written one and a
 * diff of two renderings is a review. Strings are quoted only where YAML needs it, lists are
 * indented under their key, and long strings are never folded onto several lines.
 *
 * <p>Thread-safe: the underlying mapper is immutable after construction.
 */
public final class YamlText {

  private static final ObjectMapper MAPPER = new ObjectMapper(
      YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .build())
      .disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private YamlText() {}

  /**
   * Renders {@code tree} as YAML.
   *
   * @param header comment lines written first, each prefixed with {@code "# "} (an empty list
   *     writes no header); they say where the file comes from and what a reader must know
   * @param tree a {@link Map} whose values are maps, lists, strings, numbers or booleans
   * @return the YAML document, ending with a newline
   * @throws IllegalArgumentException if the tree holds a value Jackson cannot write
   */
  public static String render(List<String> header, Map<String, ?> tree) {
    StringBuilder out = new StringBuilder();
    for (String line : header) {
      out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
    try {
      out.append(MAPPER.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot render YAML: " + e.getOriginalMessage(), e);
    }
    return out.toString();
  }

  /**
   * Parses YAML text back into maps, lists and scalars (used to check rendered files).
   *
   * @param yaml a YAML document whose root is a mapping
   * @return the root mapping, with keys in document order
   * @throws UncheckedIOException if {@code yaml} is not valid YAML
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String yaml) {
    try {
      return MAPPER.readValue(yaml, LinkedHashMap.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("invalid YAML: " + e.getOriginalMessage(), e);
    }
  }
}
