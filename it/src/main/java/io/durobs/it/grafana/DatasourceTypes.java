package io.durobs.it.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.durobs.toolkit.grafana.DataSourceRef;
import io.durobs.toolkit.grafana.read.DashboardFile;
import io.durobs.toolkit.grafana.read.TemplateVariable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resolves a target's data source reference the way a provisioned Grafana does: by uid, by the
 * legacy name string ({@code "datasource": "Loki"}), {@code null}/missing as the default data
 * source, a mixed panel's targets each by their own reference, {@code ${datasource}} through
 * the dashboard's data source variable (its saved value, else the first data source of its
 * type) and {@code ${DS_X}} of an export through its {@code __inputs} plugin id. A reference
 * nothing provisioned answers to resolves to {@link Resolution#unknown} with a message naming
 * the reference and what is provisioned.
 */
public final class DatasourceTypes {

  /** Grafana's built-in pseudo data sources (annotations, "-- Dashboard --" reuse): not run here. */
  private static final List<String> BUILT_IN = List.of("grafana", "-- Grafana --", "-- Dashboard --",
      "dashboard");

  /**
   * One provisioned data source.
   *
   * @param name the name (what legacy dashboards reference)
   * @param uid the uid (the name when the provisioning sets none, as Grafana then generates one
   *     that no dashboard can know)
   * @param type the plugin type
   * @param isDefault true for the default data source
   */
  public record Datasource(String name, String uid, String type, boolean isDefault) {}

  /**
   * What a reference resolved to.
   *
   * @param type the plugin type, or null when the reference resolves to nothing
   * @param name the data source's name (for reports), or null
   * @param problem why it did not resolve, or null
   */
  public record Resolution(String type, String name, String problem) {

    static Resolution of(Datasource d) {
      return new Resolution(d.type(), d.name(), null);
    }

    static Resolution unknown(String problem) {
      return new Resolution(null, null, problem);
    }

    /** True when no provisioned data source answers to the reference. */
    public boolean isUnknown() {
      return problem != null;
    }
  }

  private final List<Datasource> datasources;

  /** @param datasources the provisioned data sources; the default one marked (else the first is) */
  public DatasourceTypes(List<Datasource> datasources) {
    this.datasources = List.copyOf(datasources);
  }

  /** Data sources whose uids (and names) are the keys, typed by the values; a Prometheus one is the default. */
  public static DatasourceTypes of(Map<String, String> uidToType) {
    List<Datasource> list = new ArrayList<>();
    uidToType.forEach((uid, type) -> list.add(new Datasource(uid, uid, type, false)));
    list.sort((a, b) -> Boolean.compare(!"prometheus".equals(a.type()), !"prometheus".equals(b.type())));
    return new DatasourceTypes(list);
  }

  /**
   * Reads a Grafana data source provisioning file ({@code apiVersion: 1, datasources: [...]}).
   *
   * @param source the file name, for messages
   * @throws IllegalArgumentException naming the source when it is not such a file
   */
  public static DatasourceTypes fromProvisioning(String yaml, String source) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not YAML (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
    if (root == null || !root.path("datasources").isArray() || root.path("datasources").isEmpty()) {
      throw new IllegalArgumentException(source + ": not a Grafana data source provisioning file "
          + "(no 'datasources' list)");
    }
    List<Datasource> list = new ArrayList<>();
    for (JsonNode d : root.path("datasources")) {
      String name = d.path("name").asText("");
      String type = d.path("type").asText("");
      if (name.isEmpty() || type.isEmpty()) {
        throw new IllegalArgumentException(source + ": data source #" + (list.size() + 1)
            + " has no name or type");
      }
      list.add(new Datasource(name, d.path("uid").asText(name), type, d.path("isDefault").asBoolean(false)));
    }
    return new DatasourceTypes(list);
  }

  /** The data sources, for messages and reports. */
  public List<Datasource> datasources() {
    return datasources;
  }

  /** The default data source (the one marked default, else the first), if any. */
  public Optional<Datasource> defaultDatasource() {
    return datasources.stream().filter(Datasource::isDefault).findFirst()
        .or(() -> datasources.stream().findFirst());
  }

  /** The plugin type of a target, or null when its data source resolves to nothing. */
  public String typeOf(DataSourceRef ref, DashboardFile dashboard) {
    return resolve(ref, dashboard).type();
  }

  /** Resolves a target's (or panel's) data source reference. */
  public Resolution resolve(DataSourceRef ref, DashboardFile dashboard) {
    if (ref.isDefault() || ref.isMixed()) {
      // a mixed panel's target without its own reference runs on the default data source
      return byDefault(null);
    }
    if (BUILT_IN.contains(ref.uid()) || "datasource".equals(ref.type()) && !ref.isVariable()) {
      return new Resolution("grafana", ref.uid(), null);
    }
    if (ref.isVariable()) {
      return variable(ref, dashboard);
    }
    if (ref.uid() == null) {
      return byDefault(ref.type());
    }
    if ("default".equals(ref.uid())) {
      return byDefault(null);
    }
    Optional<Datasource> found = find(ref.uid());
    if (found.isPresent()) {
      return Resolution.of(found.get());
    }
    return Resolution.unknown((ref.type() == null ? "data source '" : ref.type() + " data source '")
        + ref.uid() + "' is neither the uid nor the name of a provisioned data source (provisioned: "
        + known() + ")");
  }

  private Resolution variable(DataSourceRef ref, DashboardFile dashboard) {
    String var = ref.variableName();
    String input = dashboard.inputs().get(var);
    if (input != null) {
      // an export's input: the importer picks a data source of that plugin type
      return byDefault(input.isEmpty() ? null : input);
    }
    Optional<TemplateVariable> v = dashboard.variable(var).filter(x -> x.type().equals("datasource"));
    if (v.isEmpty()) {
      return Resolution.unknown("data source '" + ref.uid() + "' names no data source variable "
          + "and no export input of the dashboard");
    }
    String saved = v.get().firstCurrent();
    if (!saved.isEmpty() && !saved.startsWith("$")) {
      Optional<Datasource> found = "default".equals(saved) ? defaultDatasource() : find(saved);
      if (found.isPresent() && found.get().type().equals(v.get().query())) {
        return Resolution.of(found.get());
      }
    }
    // Grafana selects the first data source of the variable's type when the saved one is gone
    return byDefault(v.get().query());
  }

  /** The default data source, or for a type the default if it has that type, else the first of it. */
  private Resolution byDefault(String type) {
    Optional<Datasource> d = defaultDatasource().filter(x -> type == null || x.type().equals(type))
        .or(() -> datasources.stream().filter(x -> x.type().equals(type)).findFirst());
    return d.map(Resolution::of).orElseGet(() -> Resolution.unknown(type == null
        ? "no data source is provisioned"
        : "no " + type + " data source is provisioned (provisioned: " + known() + ")"));
  }

  private Optional<Datasource> find(String uidOrName) {
    return datasources.stream().filter(d -> d.uid().equals(uidOrName)).findFirst()
        .or(() -> datasources.stream().filter(d -> d.name().equals(uidOrName)).findFirst());
  }

  private String known() {
    return datasources.isEmpty() ? "none" : datasources.stream()
        .map(d -> d.name() + (d.uid().equals(d.name()) ? "" : " uid " + d.uid()) + " (" + d.type() + ")")
        .collect(Collectors.joining(", "));
  }
}
