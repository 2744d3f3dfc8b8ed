package io.durobs.toolkit.grafana;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A Prometheus query (Grafana's {@code prometheus} data query).
 *
 * @param refId reference id within the panel
 * @param datasource the data source
 * @param expr the PromQL expression
 * @param legendFormat legend template such as {@code {{orchestration_name}}}
 * @param range true for a range query
 * @param instant true for an instant query
 * @param format {@code time_series}, {@code table} or {@code heatmap}
 * @param interval minimum step, or null
 * @param editorMode always {@code code}: the query is written, not clicked together
 * @param exemplar whether to fetch exemplars
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrometheusQuery(
    String refId,
    DataSourceRef datasource,
    String expr,
    String legendFormat,
    Boolean range,
    Boolean instant,
    String format,
    String interval,
    String editorMode,
    Boolean exemplar) implements Target {

  @Override
  public PrometheusQuery withRefId(String newRefId) {
    return new PrometheusQuery(newRefId, datasource, expr, legendFormat, range, instant, format,
        interval, editorMode, exemplar);
  }
}
