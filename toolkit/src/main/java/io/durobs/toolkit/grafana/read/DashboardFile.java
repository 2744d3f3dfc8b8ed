package io.durobs.toolkit.grafana.read;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Grafana dashboard as read from JSON of any origin and schema ({@link DashboardReader}),
 * reduced to what linting it and running its queries need.
 *
 * @param source where it came from (a file path or a Grafana uid), for messages
 * @param uid the dashboard uid, or an empty string
 * @param title the title, or an empty string
 * @param timeFrom the default range start ({@code now-6h} when the JSON has none)
 * @param timeTo the default range end ({@code now} when the JSON has none)
 * @param variables the template variables in dashboard order
 * @param layout every panel in layout order, rows included, the panels of collapsed and
 *     old-schema rows after their row
 * @param links the dashboard's header links
 * @param inputs the export inputs ({@code __inputs}: {@code DS_PROMETHEUS} → {@code prometheus})
 * @param referencedVariables every variable name, in order of first use, referenced anywhere in the dashboard (queries,
 *     titles, links, variable queries, annotations), except in variables' own saved values and options
 * @param annotations the annotations that run a query, in dashboard order
 */
public record DashboardFile(String source, String uid, String title, String timeFrom,
    String timeTo, List<TemplateVariable> variables, List<PanelView> layout, List<LinkRef> links,
    Map<String, String> inputs, Set<String> referencedVariables, List<AnnotationQuery> annotations) {

  public DashboardFile {
    annotations = List.copyOf(annotations);
    variables = List.copyOf(variables);
    layout = List.copyOf(layout);
    links = List.copyOf(links);
    inputs = Map.copyOf(inputs);
    referencedVariables = Collections.unmodifiableSet(new LinkedHashSet<>(referencedVariables));
  }

  /** Every panel that is not a row, in layout order. */
  public List<PanelView> panels() {
    return layout.stream().filter(p -> !p.isRow()).toList();
  }

  /** The panels that run queries: those with targets, and library panels (whose queries are elsewhere). */
  public List<PanelView> panelsWithQueries() {
    return panels().stream().filter(p -> !p.targets().isEmpty() || p.isLibraryPanel()).toList();
  }

  /** The variable with this name. */
  public Optional<TemplateVariable> variable(String name) {
    return variables.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  /** {@code dashboard 'Title' (uid)}, for messages. */
  public String displayName() {
    return "dashboard '" + (title.isEmpty() ? "?" : title) + "' (" + (uid.isEmpty() ? "no uid" : uid) + ")";
  }
}
