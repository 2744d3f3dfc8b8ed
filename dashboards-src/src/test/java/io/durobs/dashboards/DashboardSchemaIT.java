package io.durobs.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durobs.toolkit.grafana.DashboardBuilder;
import io.durobs.toolkit.tools.Checkout;
import io.durobs.toolkit.tools.ProcessRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered dashboards against the Grafana foundation SDK's types, strictly
 * ({@code tools/dashboard-schema}, built by {@link io.durobs.toolkit.tools.Tools}): no unknown
 * field, no wrong type, no missing required field, every target decoded as its panel's data source
 * query type, and the SDK's current schema version. This runs after {@code package} rendered
 * {@code generated/}; the other cases prove the validator sees what it must.
 */
class DashboardSchemaIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path dashboards;
  private static Path validator;

  @BeforeAll
  static void findValidator() {
    dashboards = Checkout.root().resolve("generated/grafana/dashboards");
    validator = Checkout.tools().dashboardSchema();
  }

  private static ProcessRun validate(Path... files) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(validator.toString()));
    for (Path f : files) {
      command.add(f.toString());
    }
    return ProcessRun.run(dashboards, command);
  }

  private static ObjectNode overview() throws Exception {
    return (ObjectNode) JSON.readTree(dashboards.resolve("overview.json").toFile());
  }

  private static Path write(Path dir, ObjectNode dashboard) throws Exception {
    Path file = dir.resolve("mutated.json");
    Files.writeString(file, JSON.writeValueAsString(dashboard));
    return file;
  }

  @Test
  void everyGeneratedDashboardIsCompleteAtTheCurrentSchemaVersion() throws Exception {
    ProcessRun r = validate(dashboards);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains(Dashboards.all(io.durobs.dashboards.config.ContentConfig
        .defaults()).size() + " files, 0 findings (foundation SDK schemaVersion "
        + DashboardBuilder.SCHEMA_VERSION + ")");
  }

  @Test
  void aMissingRequiredOptionIsAFinding(@TempDir Path tmp) throws Exception {
    ObjectNode d = overview();
    int stat = firstPanelOfType(d, "stat");
    ((ObjectNode) d.withArray("panels").get(stat).get("options")).remove("wideLayout");
    ProcessRun r = validate(write(tmp, d));
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output()).contains("mutated.json: panels[" + stat
        + "].options.wideLayout: required field is missing from input");
  }

  /** The SDK alone would decode a target without its own data source leniently (its first trap). */
  @Test
  void aTargetWithoutItsOwnDataSourceIsDecodedAsItsPanelsQueryType(@TempDir Path tmp)
      throws Exception {
    ObjectNode d = overview();
    int stat = firstPanelOfType(d, "stat");
    ObjectNode target = (ObjectNode) d.withArray("panels").get(stat).get("targets").get(0);
    assertThat(target.has("datasource")).isFalse();
    target.put("exprs", "up");
    ProcessRun r = validate(write(tmp, d));
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output()).contains("mutated.json: panels[" + stat + "].targets[0].");
  }

  @Test
  void anOlderSchemaVersionIsAFinding(@TempDir Path tmp) throws Exception {
    ObjectNode d = overview();
    d.put("schemaVersion", DashboardBuilder.SCHEMA_VERSION - 1);
    ProcessRun r = validate(write(tmp, d));
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output()).contains("mutated.json: schemaVersion: "
        + (DashboardBuilder.SCHEMA_VERSION - 1) + ", the foundation SDK's current one is "
        + DashboardBuilder.SCHEMA_VERSION);
  }

  private static int firstPanelOfType(ObjectNode dashboard, String type) {
    var panels = dashboard.withArray("panels");
    for (int i = 0; i < panels.size(); i++) {
      if (type.equals(panels.get(i).path("type").asText())) {
        return i;
      }
    }
    throw new AssertionError("no " + type + " panel in the overview");
  }
}
