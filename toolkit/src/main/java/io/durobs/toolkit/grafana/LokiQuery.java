package io.durobs.toolkit.grafana;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A Loki query (Grafana's {@code loki} data query).
 *
 * @param refId reference id within the panel
 * @param datasource the data source
 * @param expr the LogQL expression
 * @param legendFormat legend template for metric queries
 * @param queryType {@code range} or {@code instant}
 * @param maxLines line limit for log queries, or null
 * @param editorMode always {@code code}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LokiQuery(
    String refId,
    DataSourceRef datasource,
    String expr,
    String legendFormat,
    String queryType,
    Integer maxLines,
    String editorMode) implements Target {

  @Override
  public LokiQuery withRefId(String newRefId) {
    return new LokiQuery(newRefId, datasource, expr, legendFormat, queryType, maxLines, editorMode);
  }
}
