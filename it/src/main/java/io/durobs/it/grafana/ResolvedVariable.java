package io.durobs.it.grafana;

import io.durobs.toolkit.grafana.read.TemplateVariable;
import java.util.List;

/**
 * A template variable with its values resolved the way Grafana resolves them on dashboard load.
 *
 * @param definition the variable as written
 * @param options every value the variable offers (query results after regex and sort)
 * @param selected the selected values (all options when {@code all})
 * @param all true when "All" is selected
 * @param problem why the variable has no usable value (empty query result, failing query),
 *     or null
 */
public record ResolvedVariable(TemplateVariable definition, List<String> options,
    List<String> selected, boolean all, String problem) {

  public ResolvedVariable {
    options = List.copyOf(options);
    selected = List.copyOf(selected);
  }

  /** The variable name. */
  public String name() {
    return definition.name();
  }

  /** The same variable with one value selected (as in one copy of a repeated panel). */
  public ResolvedVariable withSingle(String value) {
    return new ResolvedVariable(definition, options, List.of(value), false, problem);
  }
}
