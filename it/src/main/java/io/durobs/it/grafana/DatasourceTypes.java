package io.durobs.it.grafana;

import io.durobs.toolkit.grafana.DataSourceRef;
import io.durobs.toolkit.grafana.read.DashboardFile;
import java.util.Map;

/**
 * Works out which plugin type a data source reference points at, the way a provisioned Grafana
 * would: the reference's own {@code type}; a variable through the dashboard's export inputs or
 * its data source variable; a uid or name through the known (provisioned) data sources; the
 * default data source otherwise. When none of these tells, the expression decides: LogQL
 * (a stream selector followed by a pipeline) is Loki, anything else Prometheus.
 */
public final class DatasourceTypes {

  private final Map<String, String> known;
  private final String defaultType;

  /**
   * @param known provisioned data sources: uid and name → plugin type
   * @param defaultType the type of the default data source
   */
  public DatasourceTypes(Map<String, String> known, String defaultType) {
    this.known = Map.copyOf(known);
    this.defaultType = defaultType;
  }

  /** Types for a Grafana whose only data sources are the ones named here. */
  public static DatasourceTypes of(Map<String, String> known) {
    return new DatasourceTypes(known, "prometheus");
  }

  /** The plugin type of a target. */
  public String typeOf(DataSourceRef ref, DashboardFile dashboard, String expr) {
    if (ref.type() != null && !ref.type().equals("datasource") && !ref.type().startsWith("$")) {
      return ref.type();
    }
    if (ref.isVariable()) {
      String var = ref.variableName();
      String input = dashboard.inputs().get(var);
      if (input != null && !input.isEmpty()) {
        return input;
      }
      var dsVar = dashboard.variable(var).filter(v -> v.type().equals("datasource"));
      if (dsVar.isPresent()) {
        return dsVar.get().query();
      }
    } else if (ref.uid() != null && known.containsKey(ref.uid())) {
      return known.get(ref.uid());
    } else if (ref.uid() == null) {
      return defaultType;
    }
    return looksLikeLogQl(expr) ? "loki" : "prometheus";
  }

  /** True when the expression has a LogQL stream selector with a pipeline or a log range. */
  static boolean looksLikeLogQl(String expr) {
    if (expr == null) {
      return false;
    }
    String e = expr.trim();
    return e.matches("(?s).*\\{[^}]*}\\s*(\\|=|!=|\\|~|!~|\\|\\s*(json|logfmt|pattern|regexp|line_format|label_format|unpack|drop|keep|decolorize)\\b).*")
        || e.matches("(?s)^\\{[^}]*}\\s*$") && e.contains("service_name");
  }
}
