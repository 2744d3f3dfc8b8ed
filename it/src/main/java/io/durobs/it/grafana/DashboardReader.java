package io.durobs.it.grafana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Grafana dashboard JSON of any origin: files saved from the UI or exported for sharing
 * (with {@code __inputs}), API answers ({@code {"dashboard": ..., "meta": ...}}), the current
 * schema (rows as {@code row} panels, collapsed rows nesting their {@code panels}) and the old
 * one ({@code rows[].panels}).
 */
public final class DashboardReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DashboardReader() {}

  /**
   * Reads a dashboard file.
   *
   * @throws DashboardFormatException naming the file when it cannot be read, is not JSON or is
   *     not a dashboard
   */
  public static Dashboard read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new DashboardFormatException(file + ": cannot read the file ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
          + ")", e);
    }
    return parse(text, file.toString());
  }

  /**
   * Parses dashboard JSON text.
   *
   * @param source the name used in messages (file path, uid)
   * @throws DashboardFormatException naming the source when the text is not a dashboard
   */
  public static Dashboard parse(String text, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new DashboardFormatException(source + ": not JSON (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
          + e.getOriginalMessage() + ")", e);
    }
    return read(root, source);
  }

  /**
   * Reads a parsed dashboard document.
   *
   * @throws DashboardFormatException naming the source when it is not a dashboard
   */
  public static Dashboard read(JsonNode root, String source) {
    if (root == null || !root.isObject()) {
      throw new DashboardFormatException(source + ": not a Grafana dashboard (the JSON is not an object)", null);
    }
    JsonNode d = root.has("dashboard") && root.get("dashboard").isObject() ? root.get("dashboard") : root;
    if ("Dashboard".equals(d.path("kind").asText()) && d.has("spec")) {
      throw new DashboardFormatException(source + ": Grafana v2 dashboard schema ("
          + d.path("apiVersion").asText("dashboard.grafana.app") + ") is not supported; export it "
          + "as classic JSON model", null);
    }
    if (!d.has("panels") && !d.has("rows")) {
      throw new DashboardFormatException(source + ": not a Grafana dashboard (no 'panels' or "
          + "'rows' at the top level)", null);
    }
    if (d.has("panels") && !d.get("panels").isArray() || d.has("rows") && !d.get("rows").isArray()) {
      throw new DashboardFormatException(source + ": not a Grafana dashboard ('panels'/'rows' is "
          + "not a list)", null);
    }
    Map<String, String> inputs = new LinkedHashMap<>();
    for (JsonNode in : root.path("__inputs")) {
      inputs.put(in.path("name").asText(), in.path("pluginId").asText(""));
    }
    for (JsonNode in : d.path("__inputs")) {
      inputs.put(in.path("name").asText(), in.path("pluginId").asText(""));
    }
    List<TemplateVariable> variables = new ArrayList<>();
    for (JsonNode v : d.path("templating").path("list")) {
      variables.add(variable(v));
    }
    List<Panel> panels = new ArrayList<>();
    collectPanels(d.path("panels"), "", panels);
    for (JsonNode row : d.path("rows")) {
      collectPanels(row.path("panels"), row.path("title").asText(""), panels);
    }
    return new Dashboard(source, d.path("uid").asText(""), d.path("title").asText(""),
        d.path("time").path("from").asText("now-6h"), d.path("time").path("to").asText("now"),
        variables, panels, inputs);
  }

  private static void collectPanels(JsonNode list, String row, List<Panel> out) {
    String currentRow = row;
    for (JsonNode p : list) {
      if ("row".equals(p.path("type").asText())) {
        currentRow = p.path("title").asText("");
        collectPanels(p.path("panels"), currentRow, out);
        continue;
      }
      if (p.has("panels") && p.get("panels").isArray()) {
        collectPanels(p.get("panels"), currentRow, out);
      }
      DatasourceRef panelDs = datasource(p.get("datasource"));
      List<Target> targets = new ArrayList<>();
      for (JsonNode t : p.path("targets")) {
        DatasourceRef ds = t.has("datasource") && !t.get("datasource").isNull()
            ? datasource(t.get("datasource")) : panelDs;
        if (ds.uid() == null && ds.type() == null) {
          ds = panelDs;
        }
        targets.add(new Target(t.path("refId").asText(""), t.path("expr").asText(""), ds,
            t.path("hide").asBoolean(false), t.path("instant").asBoolean(false),
            t.path("range").asBoolean(false), text(t, "format"), text(t, "interval"),
            t.path("intervalFactor").asLong(0), text(t, "legendFormat")));
      }
      if (targets.isEmpty() && !p.has("libraryPanel")) {
        continue;
      }
      out.add(new Panel(p.path("id").asInt(0), p.path("title").asText(""),
          p.path("type").asText(""), currentRow, panelDs, targets, text(p, "interval"),
          p.path("maxDataPoints").asLong(0), p.path("gridPos").path("w").asInt(p.path("span").asInt(12) * 2),
          text(p, "repeat"), p.has("libraryPanel") ? p.path("libraryPanel").path("uid").asText("") : null));
    }
  }

  private static TemplateVariable variable(JsonNode v) {
    JsonNode q = v.get("query");
    String query;
    if (q == null || q.isNull()) {
      query = "";
    } else if (q.isObject()) {
      query = q.path("query").asText("");
      if (query.isEmpty() && q.has("label")) {
        String metric = q.path("metric").asText("");
        query = "label_values(" + (metric.isEmpty() ? "" : metric + ", ") + q.path("label").asText() + ")";
      }
    } else {
      query = q.asText();
    }
    if (query.isEmpty() && v.has("definition")) {
      query = v.path("definition").asText("");
    }
    List<String> current = new ArrayList<>();
    JsonNode cv = v.path("current").path("value");
    if (cv.isArray()) {
      cv.forEach(x -> current.add(x.asText()));
    } else if (!cv.isMissingNode() && !cv.isNull()) {
      current.add(cv.asText());
    }
    List<String> options = new ArrayList<>();
    for (JsonNode o : v.path("options")) {
      options.add(o.path("value").asText(o.path("text").asText()));
    }
    JsonNode all = v.get("allValue");
    return new TemplateVariable(v.path("name").asText(), v.path("type").asText("query"), query,
        datasource(v.get("datasource")), v.path("regex").asText(""), v.path("multi").asBoolean(false),
        v.path("includeAll").asBoolean(false),
        all == null || all.isNull() || all.asText().isEmpty() ? null : all.asText(), current, options,
        v.path("sort").asInt(0));
  }

  private static DatasourceRef datasource(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return DatasourceRef.DEFAULT;
    }
    if (n.isTextual()) {
      return new DatasourceRef(n.asText(), null);
    }
    return new DatasourceRef(text(n, "uid"), text(n, "type"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode f = n.get(field);
    return f == null || f.isNull() || f.asText().isEmpty() ? null : f.asText();
  }
}
