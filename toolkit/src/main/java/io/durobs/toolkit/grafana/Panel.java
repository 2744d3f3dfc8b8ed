package io.durobs.toolkit.grafana;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A panel (or a row, which is a panel of type {@code row}).
 *
 * @param id the panel id, unique within the dashboard
 * @param type the visualization ({@code timeseries}, {@code stat}, {@code row}, ...)
 * @param title the title
 * @param description what the panel shows and how to read it
 * @param gridPos position and size
 * @param datasource the panel's data source
 * @param targets the queries
 * @param fieldConfig field defaults and overrides
 * @param options the visualization's options
 * @param links panel links (in the dashboard-link shape the foundation SDK requires)
 * @param transformations data transformations
 * @param interval minimum query step, or null
 * @param maxDataPoints data point cap, or null
 * @param collapsed for rows: whether the row is collapsed
 * @param panels for collapsed rows: the panels inside
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Panel(
    Integer id,
    String type,
    String title,
    String description,
    GridPos gridPos,
    DataSourceRef datasource,
    List<Target> targets,
    FieldConfigSource fieldConfig,
    Map<String, Object> options,
    List<DashboardLink> links,
    List<Transformation> transformations,
    String interval,
    Integer maxDataPoints,
    Boolean collapsed,
    List<Panel> panels) {

  /** The same panel with another id and position (used by the dashboard's layout). */
  public Panel placed(int newId, GridPos pos) {
    return new Panel(newId, type, title, description, pos, datasource, targets, fieldConfig,
        options, links, transformations, interval, maxDataPoints, collapsed, panels);
  }
}
