package io.durobs.it.check;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The check of one dashboard.
 *
 * @param source the file or uid it came from
 * @param uid the dashboard uid
 * @param title the title
 * @param from the checked range start
 * @param to the checked range end
 * @param variables the resolved variables: name → selected values (with "All" noted)
 * @param problems dashboard-level problems (variables without values)
 * @param panels the panels' results in dashboard order
 * @param annotations the annotation queries' results in dashboard order
 */
public record DashboardResult(String source, String uid, String title, Instant from, Instant to,
    Map<String, String> variables, List<String> problems, List<PanelResult> panels,
    List<AnnotationResult> annotations) {

  public DashboardResult {
    variables = Map.copyOf(variables);
    problems = List.copyOf(problems);
    panels = List.copyOf(panels);
    annotations = List.copyOf(annotations);
  }

  /** A dashboard without annotation queries. */
  public DashboardResult(String source, String uid, String title, Instant from, Instant to,
      Map<String, String> variables, List<String> problems, List<PanelResult> panels) {
    this(source, uid, title, from, to, variables, problems, panels, List.of());
  }

  /** Annotations with events in the range. */
  public long annotationsWithData() {
    return annotations.stream().filter(AnnotationResult::hasData).count();
  }

  /** Panels that show data. */
  public long panelsWithData() {
    return panels.stream().filter(PanelResult::hasData).count();
  }
}
