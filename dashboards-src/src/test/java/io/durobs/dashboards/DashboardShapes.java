package io.durobs.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The same dashboard in the other layouts Grafana stores: every row collapsed (its panels nested
 * in the row) and the old schema ({@code rows[].panels}), so tests can show that the lint and
 * the coverage read them as they read ours.
 */
final class DashboardShapes {

  private DashboardShapes() {}

  /** A copy with every row collapsed: the panels after a row move into its {@code panels}. */
  static ObjectNode collapsedRows(ObjectNode dashboard) {
    ObjectNode d = dashboard.deepCopy();
    ArrayNode layout = d.putArray("panels");
    ArrayNode current = null;
    for (JsonNode p : dashboard.path("panels")) {
      if ("row".equals(p.path("type").asText())) {
        ObjectNode row = p.deepCopy();
        row.put("collapsed", true);
        current = row.putArray("panels");
        layout.add(row);
      } else if (current != null) {
        current.add(p.deepCopy());
      } else {
        layout.add(p.deepCopy());
      }
    }
    return d;
  }

  /**
   * A copy in the old schema: no top-level {@code panels}, a {@code rows} list whose entries
   * hold their panels (the panels before the first row go into an untitled row).
   */
  static ObjectNode oldSchema(ObjectNode dashboard) {
    ObjectNode d = dashboard.deepCopy();
    d.remove("panels");
    ArrayNode rows = d.putArray("rows");
    ObjectNode current = rows.addObject().put("title", "");
    current.putArray("panels");
    for (JsonNode p : dashboard.path("panels")) {
      if ("row".equals(p.path("type").asText())) {
        current = rows.addObject().put("title", p.path("title").asText());
        current.putArray("panels");
      } else {
        ((ArrayNode) current.path("panels")).add(p.deepCopy());
      }
    }
    return d;
  }
}
