package io.durobs.toolkit.grafana;

import java.util.List;

/** Builds a data source variable: a picker of the data sources of one plugin type. */
public final class DatasourceVariableBuilder implements Builder<Variable> {

  private final String name;
  private String label;
  private String pluginId = "prometheus";
  private String defaultUid;
  private String defaultText;
  private String regex = "";

  /** A data source variable referred to as {@code ${name}}. */
  public DatasourceVariableBuilder(String name) {
    this.name = name;
  }

  /** The picker's label. */
  public DatasourceVariableBuilder label(String label) {
    this.label = label;
    return this;
  }

  /** The plugin type offered ({@code prometheus}, {@code loki}). */
  public DatasourceVariableBuilder type(String pluginId) {
    this.pluginId = pluginId;
    return this;
  }

  /** The default data source (by uid, and the name the picker shows). */
  public DatasourceVariableBuilder defaultValue(String uid, String text) {
    this.defaultUid = uid;
    this.defaultText = text;
    return this;
  }

  /** Filter on data source names. */
  public DatasourceVariableBuilder regex(String regex) {
    this.regex = regex;
    return this;
  }

  @Override
  public Variable build() {
    VariableOption current = defaultUid == null ? null
        : new VariableOption(defaultText, defaultUid, null);
    return new Variable("datasource", name, label, null, pluginId, null, null, current, List.of(),
        false, false, null, 1, regex, null, 0);
  }
}
