package io.durobs.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.collector.CollectorPipeline;
import io.durobs.toolkit.tools.Ports;
import io.durobs.toolkit.tools.ProcessRun;
import io.durobs.toolkit.yaml.YamlText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real collector, built by the OpenTelemetry Collector Builder from the rendered manifest,
 * against the rendered configurations.
 */
class CollectorBinaryTest {

  /** The files are written to the working directory as in generated/. */
  private static final String CONFIG_DIR = "collector";

  @TempDir Path dir;

  @Test
  void theBuiltCollectorHoldsExactlyTheComponentTypesTheConfigurationsUse() throws Exception {
    Map<String, String> files = StackFiles.render();
    Set<String> used = new TreeSet<>();
    used.addAll(componentTypesIn(YamlText.parse(files.get(StackFiles.COLLECTOR_CONFIG))));
    used.addAll(componentTypesIn(YamlText.parse(files.get(StackFiles.COLLECTOR_LOCAL_OVERLAY))));

    ProcessRun listing = ProcessRun.run(dir, List.of(TestCheckout.collector().toString(), "components"));

    assertThat(listing.exitCode()).as(listing.output()).isZero();
    Map<String, Object> components = YamlText.parse(listing.output());
    Set<String> built = new TreeSet<>();
    for (String section : List.of("receivers", "processors", "exporters", "extensions", "connectors")) {
      for (Object entry : (List<?>) components.getOrDefault(section, List.of())) {
        built.add(section + "." + ((Map<?, ?>) entry).get("name"));
      }
    }
    assertThat(built).isEqualTo(used);
    assertThat(used).contains("exporters.otlp_http", "exporters.file", "extensions.health_check");
    Set<Object> schemes = new TreeSet<>();
    ((List<?>) components.get("providers")).forEach(p -> schemes.add(((Map<?, ?>) p).get("scheme")));
    assertThat(schemes).containsExactly("env", "file");
  }

  @Test
  void theCollectorAcceptsTheProductionConfigurationAloneAndWithTheLocalOverlay() throws Exception {
    StackFiles.writeTo(dir, StackFiles.render());

    ProcessRun alone = ProcessRun.run(dir, collector("validate", false));
    ProcessRun merged = ProcessRun.run(dir, collector("validate", true));

    assertThat(alone.exitCode()).as(alone.output()).isZero();
    assertThat(merged.exitCode()).as(merged.output()).isZero();
  }

  @Test
  void theCollectorAcceptsTheFilesRenderedForLoopbackPorts() throws Exception {
    StackEndpoints endpoints = StackEndpoints.builder().allOn("127.0.0.1")
        .otlpGrpcPort(Ports.free()).otlpHttpPort(Ports.free()).collectorMetricsPort(Ports.free())
        .collectorTelemetryPort(Ports.free()).healthCheckPort(Ports.free()).build();
    StackFiles.writeTo(dir, StackFiles.render(endpoints));

    ProcessRun merged = ProcessRun.run(dir, collector("validate", true));

    assertThat(merged.exitCode()).as(merged.output()).isZero();
  }

  @Test
  void validationRejectsAnUnknownTranslationStrategy() throws Exception {
    // Shows that 'validate' checks component settings, so the passes above mean something.
    StackFiles.writeTo(dir, StackFiles.render());
    Path config = dir.resolve(StackFiles.COLLECTOR_CONFIG);
    Files.writeString(config, Files.readString(config)
        .replace("translation_strategy: UnderscoreEscapingWithSuffixes", "translation_strategy: UnderscoreEverything"));

    ProcessRun run = ProcessRun.run(dir, collector("validate", false));

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("translation_strategy");
  }

  @Test
  void mergingTheOverlaySendsLogsToTheFileExporterAndLeavesMetricsAlone() throws Exception {
    StackFiles.writeTo(dir, StackFiles.render());

    ProcessRun base = ProcessRun.run(dir, collector("print-config", false));
    ProcessRun merged = ProcessRun.run(dir, collector("print-config", true));

    assertThat(base.exitCode()).as(base.output()).isZero();
    assertThat(merged.exitCode()).as(merged.output()).isZero();
    Map<String, Object> before = pipelines(YamlText.parse(base.output()));
    Map<String, Object> after = pipelines(YamlText.parse(merged.output()));
    assertThat(after.get("metrics")).isEqualTo(before.get("metrics"));
    Map<?, ?> logs = (Map<?, ?>) after.get("logs");
    assertThat(logs.get("exporters")).isEqualTo(List.of("file", "debug"));
    assertThat(logs.get("processors")).isEqualTo(((Map<?, ?>) before.get("logs")).get("processors"));
    Map<?, ?> file = (Map<?, ?>) ((Map<?, ?>) YamlText.parse(merged.output()).get("exporters")).get("file");
    assertThat(file.get("path")).isEqualTo(CollectorPipeline.DEFAULT_LOG_RECORDS_FILE);
    assertThat(file.get("format")).isEqualTo("json");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> pipelines(Map<String, Object> config) {
    return (Map<String, Object>) ((Map<String, Object>) config.get("service")).get("pipelines");
  }

  /** "section.type" for every component configured in a collector configuration tree. */
  private static Set<String> componentTypesIn(Map<String, Object> config) {
    Set<String> types = new TreeSet<>();
    for (String section : List.of("receivers", "processors", "exporters", "extensions", "connectors")) {
      Object components = config.get(section);
      if (components instanceof Map<?, ?> map) {
        map.keySet().forEach(id -> types.add(section + "." + String.valueOf(id).split("/", 2)[0]));
      }
    }
    return types;
  }

  /** The collector subcommand with the configuration arguments the stack runs it with. */
  private static List<String> collector(String subcommand, boolean localOverlay) throws Exception {
    List<String> command = new ArrayList<>(List.of(TestCheckout.collector().toString(), subcommand));
    command.addAll(ServiceCommands.collector(CONFIG_DIR, localOverlay));
    return command;
  }
}
