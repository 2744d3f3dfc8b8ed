package io.durobs.toolkit.grafana;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A reference to a data source, as the builders write it and as dashboard JSON of any origin
 * holds it: an object {@code {"type": ..., "uid": ...}}, a legacy name string (read as a uid
 * without a type), or a variable such as {@code ${datasource}} / {@code ${DS_PROMETHEUS}}. A
 * null field is absent from the JSON.
 *
 * @param type the plugin id ({@code prometheus}, {@code loki}), or null when not written
 * @param uid the data source uid (for the legacy string form, its name) or a variable naming
 *     one, or null when not written
 */
public record DataSourceRef(String type, String uid) {

  /** No reference: the dashboard's default data source. */
  public static final DataSourceRef DEFAULT = new DataSourceRef(null, null);

  /** A Prometheus data source reference. */
  public static DataSourceRef prometheus(String uid) {
    return new DataSourceRef("prometheus", uid);
  }

  /** A Loki data source reference. */
  public static DataSourceRef loki(String uid) {
    return new DataSourceRef("loki", uid);
  }

  /** True when neither a type nor a uid is written: the default data source. */
  @JsonIgnore
  public boolean isDefault() {
    return type == null && uid == null;
  }

  /** True when the uid names a variable ({@code $ds}, {@code ${DS_PROMETHEUS}}, {@code [[ds]]}). */
  @JsonIgnore
  public boolean isVariable() {
    return uid != null && (uid.startsWith("$") || uid.startsWith("[["));
  }

  /** The variable's name when {@link #isVariable()} holds, else null. */
  public String variableName() {
    if (!isVariable()) {
      return null;
    }
    return uid.replaceAll("^\\$\\{?|\\}$|^\\[\\[|\\]\\]$", "").replaceAll(":.*$", "");
  }

  /** True for Grafana's mixed pseudo data source (each target names its own). */
  @JsonIgnore
  public boolean isMixed() {
    return "-- Mixed --".equals(uid);
  }

  /** A short text for reports: {@code type:uid}, or {@code default}. */
  @Override
  public String toString() {
    if (isDefault()) {
      return "default";
    }
    return (type == null ? "" : type + ":") + (uid == null ? "" : uid);
  }
}
