package io.durobs.it.grafana;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Grafana dashboard reduced to what checking its queries needs.
 *
 * @param source where it came from (a file path or a Grafana uid), for messages
 * @param uid the dashboard uid, or an empty string
 * @param title the title
 * @param timeFrom the default range start ({@code now-6h} when the JSON has none)
 * @param timeTo the default range end ({@code now} when the JSON has none)
 * @param variables the template variables in dashboard order
 * @param panels the panels with queries, rows flattened, in dashboard order
 * @param inputs the export inputs ({@code __inputs}: {@code DS_PROMETHEUS} → {@code prometheus})
 */
public record Dashboard(String source, String uid, String title, String timeFrom, String timeTo,
    List<TemplateVariable> variables, List<Panel> panels, Map<String, String> inputs) {

  public Dashboard {
    variables = List.copyOf(variables);
    panels = List.copyOf(panels);
    inputs = Map.copyOf(inputs);
  }

  /** The variable with this name. */
  public Optional<TemplateVariable> variable(String name) {
    return variables.stream().filter(v -> v.name().equals(name)).findFirst();
  }
}
