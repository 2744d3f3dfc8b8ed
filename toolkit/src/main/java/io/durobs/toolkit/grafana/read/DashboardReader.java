package io.durobs.toolkit.grafana.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durobs.toolkit.grafana.DataSourceRef;
import io.durobs.toolkit.grafana.LabelValuesQuery;
import io.durobs.toolkit.grafana.ThresholdStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Grafana dashboard JSON of any origin: files saved from the UI or exported for sharing
 * (with {@code __inputs}), API answers ({@code {"dashboard": ..., "meta": ...}}), the current
 * schema (rows as {@code row} panels, collapsed rows nesting their {@code panels}) and the old
 * one ({@code rows[].panels}). A library panel reference is read as a panel without queries
 * that names its library uid; the v2 schema is refused with a clear message.
 */
public final class DashboardReader {

  /**
   * The largest dashboard file read: Grafana's own exports of large dashboards stay in the low
   * megabytes, so a bigger file is a mistake or an attack, refused before it fills the heap.
   */
  public static final long MAX_BYTES = 32L * 1024 * 1024;
  /**
   * The deepest JSON nesting read: dashboards nest rows, panels, targets and field config a few
   * levels deep; thousands of levels only exhaust the stack.
   */
  public static final int MAX_DEPTH = 256;
  /** The longest single JSON string read (a query, a description, an inlined image). */
  public static final int MAX_STRING = 8 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory
      .builder().streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING).build()).build());

  private DashboardReader() {}

  /**
   * Reads a dashboard file.
   *
   * @throws DashboardFormatException naming the file when it cannot be read, is not JSON or is
   *     not a dashboard
   */
  public static DashboardFile read(Path file) {
    String text;
    try {
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        throw new DashboardFormatException(file + ": not a regular file", null);
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new DashboardFormatException(file + ": " + size + " bytes; dashboards over "
            + MAX_BYTES / (1024 * 1024) + " MiB are not read", null);
      }
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
  public static DashboardFile parse(String text, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      // a bound of MAX_DEPTH or MAX_STRING; Jackson gives such errors no location
      throw new DashboardFormatException(source + ": refused: " + e.getOriginalMessage()
          .replaceFirst(", from `[^`]*`", ""), e);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new DashboardFormatException(source + ": not JSON ("
          + (at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
          + e.getOriginalMessage() + ")", e);
    }
    return read(root, source);
  }

  /**
   * Reads a parsed dashboard document.
   *
   * @throws DashboardFormatException naming the source when it is not a dashboard
   */
  public static DashboardFile read(JsonNode root, String source) {
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
    List<PanelView> layout = new ArrayList<>();
    collectPanels(d.path("panels"), "", layout);
    for (JsonNode row : d.path("rows")) {
      // old schema: a row is a container, not a panel
      collectPanels(row.path("panels"), row.path("title").asText(""), layout);
    }
    Set<String> referenced = new LinkedHashSet<>();
    collectReferences(d, referenced, false);
    return new DashboardFile(source, d.path("uid").asText(""), d.path("title").asText(""),
        d.path("time").path("from").asText("now-6h"), d.path("time").path("to").asText("now"),
        variables, layout, links(d.path("links")), inputs, referenced,
        annotations(d.path("annotations").path("list")));
  }

  /**
   * The annotations that run an expression; Grafana's built-in one ({@code builtIn: 1}) and
   * annotations without an expression (tags, manual events) have nothing to run.
   */
  private static List<AnnotationQuery> annotations(JsonNode list) {
    List<AnnotationQuery> out = new ArrayList<>();
    for (JsonNode a : list) {
      String expr = a.path("expr").asText("");
      if (a.path("builtIn").asInt(0) == 1 || expr.isBlank()) {
        continue;
      }
      out.add(new AnnotationQuery(a.path("name").asText(""), datasource(a.get("datasource")), expr,
          text(a, "titleFormat"), text(a, "textFormat"), a.path("enable").asBoolean(true)));
    }
    return out;
  }

  private static void collectPanels(JsonNode list, String row, List<PanelView> out) {
    String currentRow = row;
    for (JsonNode p : list) {
      if ("row".equals(p.path("type").asText())) {
        currentRow = p.path("title").asText("");
        out.add(panel(p, ""));
        collectPanels(p.path("panels"), currentRow, out);
        continue;
      }
      out.add(panel(p, currentRow));
      if (p.has("panels") && p.get("panels").isArray()) {
        collectPanels(p.get("panels"), currentRow, out);
      }
    }
  }

  private static PanelView panel(JsonNode p, String row) {
    DataSourceRef panelDs = datasource(p.get("datasource"));
    List<QueryTarget> targets = new ArrayList<>();
    for (JsonNode t : p.path("targets")) {
      DataSourceRef own = datasource(t.get("datasource"));
      boolean inherits = own.isDefault();
      targets.add(new QueryTarget(t.path("refId").asText(""), t.path("expr").asText(""),
          inherits ? panelDs : own, inherits, t.path("hide").asBoolean(false),
          t.path("instant").asBoolean(false), t.path("range").asBoolean(false),
          text(t, "queryType"), text(t, "format"), text(t, "interval"),
          t.path("intervalFactor").asLong(0), text(t, "legendFormat")));
    }
    JsonNode defaults = p.path("fieldConfig").path("defaults");
    String unit = "heatmap".equals(p.path("type").asText())
        ? text(p.path("options").path("yAxis"), "unit") : text(defaults, "unit");
    List<ThresholdStep> thresholds = new ArrayList<>();
    for (JsonNode s : defaults.path("thresholds").path("steps")) {
      thresholds.add(new ThresholdStep(s.path("color").asText(""),
          s.path("value").isNumber() ? s.path("value").asDouble() : null));
    }
    return new PanelView(p.hasNonNull("id") ? p.path("id").asInt() : null,
        p.path("title").asText(""), p.path("type").asText(""), row,
        p.path("description").asText(""), unit, thresholds, links(p.path("links")), panelDs,
        targets, text(p, "interval"), p.path("maxDataPoints").asLong(0),
        p.path("gridPos").path("w").asInt(p.path("span").asInt(12) * 2), text(p, "repeat"),
        p.has("libraryPanel") ? p.path("libraryPanel").path("uid").asText("") : null);
  }

  private static List<LinkRef> links(JsonNode list) {
    List<LinkRef> links = new ArrayList<>();
    for (JsonNode l : list) {
      links.add(new LinkRef(l.path("title").asText(""), l.path("url").asText("")));
    }
    return links;
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
        query = LabelValuesQuery.of(metric, q.path("label").asText()).text();
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

  /** Every variable reference in the tree, except variables' own saved values and options. */
  private static void collectReferences(JsonNode node, Set<String> out, boolean inTemplating) {
    if (node.isTextual()) {
      out.addAll(TemplateVariables.referenced(node.asText()));
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (inTemplating && (f.getKey().equals("current") || f.getKey().equals("options"))) {
          continue;
        }
        collectReferences(f.getValue(), out, inTemplating || f.getKey().equals("templating"));
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        collectReferences(child, out, inTemplating);
      }
    }
  }

  private static DataSourceRef datasource(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return DataSourceRef.DEFAULT;
    }
    if (n.isTextual()) {
      return new DataSourceRef(null, n.asText());
    }
    return new DataSourceRef(text(n, "type"), text(n, "uid"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode f = n.get(field);
    return f == null || f.isNull() || f.asText().isEmpty() ? null : f.asText();
  }
}
