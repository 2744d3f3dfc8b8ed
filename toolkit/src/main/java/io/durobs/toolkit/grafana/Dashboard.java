package io.durobs.toolkit.grafana;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A Grafana dashboard in the classic (v1) JSON model, the format file provisioning reads.
 *
 * @param uid the stable uid (URLs {@code /d/<uid>} and links depend on it)
 * @param title the title
 * @param description what the dashboard is for
 * @param tags tags (dashboard links by tag use them)
 * @param timezone {@code browser} or {@code utc}
 * @param editable whether the UI allows edits (provisioned dashboards: false)
 * @param graphTooltip 0 default, 1 shared crosshair, 2 shared tooltip
 * @param time the default time range
 * @param refresh auto-refresh interval
 * @param schemaVersion the JSON schema version
 * @param version the dashboard version
 * @param fiscalYearStartMonth 0 = January
 * @param liveNow whether to stream
 * @param panels the panels, rows included, in layout order
 * @param templating the template variables
 * @param links header links
 * @param annotations the annotation queries (always present, possibly empty)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Dashboard(
    String uid,
    String title,
    String description,
    List<String> tags,
    String timezone,
    Boolean editable,
    Integer graphTooltip,
    TimeRange time,
    String refresh,
    Integer schemaVersion,
    Integer version,
    Integer fiscalYearStartMonth,
    Boolean liveNow,
    List<Panel> panels,
    Templating templating,
    List<DashboardLink> links,
    Annotations annotations) {

  /** Every panel, including the panels inside collapsed rows, rows excluded. */
  public List<Panel> allPanels() {
    return panels.stream()
        .flatMap(p -> p.panels() == null ? java.util.stream.Stream.of(p) : p.panels().stream())
        .filter(p -> !"row".equals(p.type()))
        .toList();
  }
}
