package io.durobs.toolkit.grafana;

import java.util.List;

/** Builds a text box variable: a free-text value the user types (e.g. an id to drill into). */
public final class TextBoxVariableBuilder implements Builder<Variable> {

  private final String name;
  private String label;
  private String description;
  private String defaultValue = "";

  /** A text box variable referred to as {@code $name}. */
  public TextBoxVariableBuilder(String name) {
    this.name = name;
  }

  /** The picker's label. */
  public TextBoxVariableBuilder label(String label) {
    this.label = label;
    return this;
  }

  /** Hover text. */
  public TextBoxVariableBuilder description(String description) {
    this.description = description;
    return this;
  }

  /** The value until the user types one. */
  public TextBoxVariableBuilder defaultValue(String defaultValue) {
    this.defaultValue = defaultValue;
    return this;
  }

  @Override
  public Variable build() {
    VariableOption current = new VariableOption(defaultValue, defaultValue, null);
    return new Variable("textbox", name, label, description, defaultValue, null, null, current,
        List.of(current), null, null, null, null, null, null, 0);
  }
}
