package io.durobs.kubernetes;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.durobs.toolkit.tools.Checkout;
import io.durobs.toolkit.yaml.YamlText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The checkout's {@code generated/} as the tests read it: the rendered inputs of the manifests
 * (the same directories the renderer of {@code generated/} hands over) and the manifests' YAML
 * documents.
 */
final class GeneratedTree {

  static final Path GENERATED = Checkout.root().resolve("generated");
  static final String RULES_DIR = "prometheus/rules";
  static final String DASHBOARDS_DIR = "grafana/dashboards";
  static final String DATASOURCES = "grafana/provisioning/datasources/datasources.yaml";
  static final String PROVIDER = "grafana/provisioning/dashboards/dashboards.yaml";
  static final String ALERTMANAGER = "alertmanager/alertmanager.yml";

  private GeneratedTree() {}

  /** Every file of {@code generated/}, by relative path. */
  static SortedMap<String, String> files() {
    SortedMap<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(GENERATED)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(GENERATED.relativize(p).toString().replace('\\', '/'), Files.readString(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The manifests' inputs as {@code generated/} holds them. */
  @SuppressWarnings("unchecked")
  static KubernetesInputs inputs() {
    SortedMap<String, String> files = files();
    Map<String, Object> provider = ((List<Map<String, Object>>) YamlText.parse(files.get(PROVIDER))
        .get("providers")).get(0);
    return KubernetesInputs.fromGenerated(files, RULES_DIR, DASHBOARDS_DIR, DATASOURCES,
        (String) provider.get("folder"), ALERTMANAGER);
  }

  /** The YAML documents of a multi-document file. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static List<Map<String, Object>> documents(String text) {
    try (MappingIterator<Map> it = new YAMLMapper().readerFor(Map.class).readValues(text)) {
      List<Map<String, Object>> docs = new ArrayList<>();
      it.forEachRemaining(d -> docs.add((Map<String, Object>) d));
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
