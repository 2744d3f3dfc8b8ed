package io.durobs.toolkit.grafana;

/**
 * A reference to a data source by type and uid; the uid may be a template variable such as
 * {@code ${datasource}}.
 *
 * @param type the plugin id ({@code prometheus}, {@code loki})
 * @param uid the data source uid or a variable naming one
 */
public record DataSourceRef(String type, String uid) {

  /** A Prometheus data source reference. */
  public static DataSourceRef prometheus(String uid) {
    return new DataSourceRef("prometheus", uid);
  }

  /** A Loki data source reference. */
  public static DataSourceRef loki(String uid) {
    return new DataSourceRef("loki", uid);
  }
}
