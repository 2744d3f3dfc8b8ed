package io.durobs.it.grafana;

/**
 * A panel's or target's data source reference as written in dashboard JSON: an object
 * {@code {"type": ..., "uid": ...}}, a legacy name string, or a variable such as
 * {@code ${DS_PROMETHEUS}} / {@code $datasource}. Null fields are simply absent.
 *
 * @param uid the uid (or, for the legacy string form, the name), possibly a variable
 * @param type the plugin type ({@code prometheus}, {@code loki}, ...), if written
 */
public record DatasourceRef(String uid, String type) {

  /** No reference: the dashboard's default data source. */
  public static final DatasourceRef DEFAULT = new DatasourceRef(null, null);

  /** True when the reference names a variable ({@code $ds}, {@code ${DS_PROMETHEUS}}). */
  public boolean isVariable() {
    return uid != null && uid.startsWith("$") || uid != null && uid.startsWith("[[");
  }

  /** The variable name when {@link #isVariable()} holds, else null. */
  public String variableName() {
    if (!isVariable()) {
      return null;
    }
    return uid.replaceAll("^\\$\\{?|\\}$|^\\[\\[|\\]\\]$", "").replaceAll(":.*$", "");
  }

  /** True for Grafana's mixed pseudo data source (each target names its own). */
  public boolean isMixed() {
    return "-- Mixed --".equals(uid) || "datasource".equals(type) && "-- Mixed --".equals(uid);
  }

  /** A short text for reports. */
  @Override
  public String toString() {
    if (uid == null && type == null) {
      return "default";
    }
    return (type == null ? "" : type + ":") + (uid == null ? "" : uid);
  }
}
