package io.durobs.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kubernetes objects to YAML: each object (fabric8's model, whose Jackson 3 annotations need
 * Jackson 3, or this module's records) is turned into a tree with map keys sorted, then written
 * by one YAML writer as documents separated by {@code ---}; multi-line strings (configuration
 * files, dashboard JSON) as literal blocks, so a diff of two renderings is a review.
 */
final class KubeYaml {

  private static final JsonMapper TREES = JsonMapper.builder()
      .enable(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private static final ObjectMapper YAML = new ObjectMapper(
      YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
          // a label value "1" must stay a string
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .build())
      .disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private KubeYaml() {}

  /** The object as a tree of ordered maps, lists and scalars (map keys sorted). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> tree(Object object) {
    return TREES.convertValue(object, Map.class);
  }

  /** Header comment lines, then each object as a YAML document. */
  static String documents(List<String> header, List<?> objects) {
    StringBuilder out = new StringBuilder();
    for (String line : header) {
      out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
    for (Object o : objects) {
      out.append("---\n");
      try {
        out.append(YAML.writeValueAsString(tree(o)));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("cannot write " + o.getClass().getSimpleName() + " as YAML: "
            + e.getOriginalMessage(), e);
      }
    }
    return out.toString();
  }

  /**
   * Reads YAML strictly into a type: an unknown field fails.
   *
   * @throws IllegalArgumentException naming {@code where}
   */
  static <T> T read(String yaml, Class<T> type, String where) {
    try {
      return YAML.readValue(yaml, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": " + e.getOriginalMessage(), e);
    }
  }
}
