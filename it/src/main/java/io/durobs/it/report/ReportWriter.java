package io.durobs.it.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durobs.it.alerts.AlertCheck;
import io.durobs.it.alerts.ScenarioCheck;
import io.durobs.it.catalogue.MetricCheck;
import io.durobs.it.check.DashboardResult;
import io.durobs.it.check.PanelResult;
import io.durobs.it.check.TargetResult;
import io.durobs.it.diagnosis.Finding;
import io.durobs.it.prometheus.Sample;
import io.durobs.it.prometheus.Series;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes a run's report: {@code report.json} (every dashboard, panel, target, diagnosis, alert and
 * metric) and {@code report.html}, a self-contained page (uPlot and its CSS inlined, so it opens
 * offline) with, per dashboard and panel, the status, the query as run, a small chart of the
 * returned series and the diagnosis. Files are written to a temp name and moved into place, so a
 * failed write leaves nothing half-written.
 */
public final class ReportWriter {

  private static final String UPLOT = "META-INF/resources/webjars/uplot/%s/dist/%s";
  private static final int MAX_SERIES = 8;
  private static final int MAX_POINTS = 400;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ReportWriter() {}

  /**
   * Writes {@code report.json} and {@code report.html} into {@code dir} (created if missing).
   *
   * @return the HTML page's path
   */
  public static Path write(RunReport report, Path dir) {
    try {
      Files.createDirectories(dir);
      writeAtomically(dir.resolve("report.json"), JSON.writeValueAsString(json(report)));
      Path html = dir.resolve("report.html");
      writeAtomically(html, html(report));
      return html;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report into " + dir, e);
    }
  }

  /** The JSON document of a report. */
  public static ObjectNode json(RunReport r) {
    ObjectNode root = F.objectNode();
    root.put("title", r.title());
    root.put("started", r.started().toString());
    root.put("seconds", r.seconds());
    root.put("summary", r.summaryLine());
    root.put("passed", r.passed());
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    ArrayNode ds = root.putArray("dashboards");
    for (DashboardResult d : r.dashboards()) {
      ObjectNode dn = ds.addObject();
      dn.put("title", d.title());
      dn.put("uid", d.uid());
      dn.put("source", d.source());
      dn.put("from", d.from().toString());
      dn.put("to", d.to().toString());
      ObjectNode vars = dn.putObject("variables");
      new java.util.TreeMap<>(d.variables()).forEach(vars::put);
      ArrayNode problems = dn.putArray("problems");
      d.problems().forEach(problems::add);
      ArrayNode ps = dn.putArray("panels");
      for (PanelResult p : d.panels()) {
        ObjectNode pn = ps.addObject();
        pn.put("id", p.id());
        pn.put("title", p.title());
        pn.put("type", p.type());
        pn.put("row", p.row());
        pn.put("status", p.status().name());
        ArrayNode ts = pn.putArray("targets");
        for (TargetResult t : p.targets()) {
          ObjectNode tn = ts.addObject();
          tn.put("refId", t.refId());
          tn.put("datasourceType", t.datasourceType());
          tn.put("status", t.status().name());
          tn.put("expr", t.expr());
          tn.put("query", t.query());
          tn.put("series", t.result().series().size());
          tn.put("samples", t.result().sampleCount());
          tn.put("millis", t.millis());
          if (t.note() != null) {
            tn.put("note", t.note());
          }
          if (t.diagnosis() != null) {
            ObjectNode dg = tn.putObject("diagnosis");
            dg.put("kind", t.diagnosis().kind().name());
            dg.put("headline", t.diagnosis().headline());
            ArrayNode fs = dg.putArray("findings");
            for (Finding f : t.diagnosis().findings()) {
              ObjectNode fn = fs.addObject();
              fn.put("kind", f.kind().name());
              fn.put("selector", f.selector());
              fn.put("message", f.message());
              ArrayNode sug = fn.putArray("suggestions");
              f.suggestions().forEach(sug::add);
            }
          }
        }
      }
    }
    ArrayNode as = root.putArray("alerts");
    for (AlertCheck a : r.alerts()) {
      ObjectNode an = as.addObject();
      an.put("alert", a.alert());
      an.put("scenario", a.scenario());
      an.put("passed", a.passed());
      an.put("quietWhenHealthy", a.quietWhenHealthy());
      an.put("firedInPrometheus", a.firedInPrometheus());
      an.put("reachedAlertmanager", a.reachedAlertmanager());
      an.put("reachedWebhook", a.reachedWebhook());
      an.put("secondsToFire", a.secondsToFire());
      ArrayNode n = an.putArray("notes");
      a.notes().forEach(n::add);
    }
    ArrayNode healthy = root.putArray("activeWhenHealthy");
    r.activeWhenHealthy().forEach(healthy::add);
    ArrayNode sc = root.putArray("scenarios");
    for (ScenarioCheck c : r.scenarios()) {
      ObjectNode cn = sc.addObject();
      cn.put("scenario", c.scenario());
      cn.put("passed", c.passed());
      cn.put("seconds", c.seconds());
      ArrayNode fires = cn.putArray("fires");
      c.alerts().forEach(a -> fires.add(a.alert()));
      ArrayNode cons = cn.putArray("consequences");
      c.consequences().forEach(cons::add);
      ArrayNode unexpected = cn.putArray("unexpected");
      c.unexpected().forEach(unexpected::add);
    }
    ArrayNode ms = root.putArray("metrics");
    for (MetricCheck m : r.metrics()) {
      ObjectNode mn = ms.addObject();
      mn.put("otelName", m.otelName());
      mn.put("prometheusName", m.prometheusName());
      mn.put("present", m.present());
      mn.put("labelValuesExpected", m.valuesExpected());
      mn.put("labelValuesSeen", m.valuesSeen());
      ArrayNode n = mn.putArray("missing");
      m.missing().forEach(n::add);
    }
    return root;
  }

  /** The HTML page of a report. */
  public static String html(RunReport r) {
    StringBuilder h = new StringBuilder(200_000);
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(r.title())).append("</title><style>").append(resource("uPlot.min.css"))
        .append(CSS).append("</style><script>").append(resource("uPlot.iife.min.js"))
        .append("</script></head><body>");
    h.append("<h1>").append(esc(r.title())).append("</h1>");
    h.append("<p class=\"summary ").append(r.passed() ? "ok" : "bad").append("\">")
        .append(esc(r.summaryLine())).append("</p>");
    h.append("<p class=\"meta\">started ").append(esc(r.started().toString())).append(", took ")
        .append(r.seconds()).append(" s</p>");
    if (!r.notes().isEmpty()) {
      h.append("<ul class=\"notes\">");
      r.notes().forEach(n -> h.append("<li>").append(esc(n)).append("</li>"));
      h.append("</ul>");
    }
    int chart = 0;
    for (DashboardResult d : r.dashboards()) {
      h.append("<section class=\"dash\"><h2>").append(esc(d.title())).append(" <small>")
          .append(d.panelsWithData()).append('/').append(d.panels().size())
          .append(" panels with data · ").append(esc(d.source())).append(" · ")
          .append(esc(d.from() + " .. " + d.to())).append("</small></h2>");
      if (!d.variables().isEmpty()) {
        h.append("<p class=\"vars\">").append(d.variables().entrySet().stream()
            .map(e -> "<code>$" + esc(e.getKey()) + "</code> = " + esc(e.getValue()))
            .collect(Collectors.joining(" · "))).append("</p>");
      }
      d.problems().forEach(p -> h.append("<p class=\"problem\">").append(esc(p)).append("</p>"));
      h.append("<div class=\"panels\">");
      for (PanelResult p : d.panels()) {
        h.append("<div class=\"panel ").append(p.status().name().toLowerCase()).append("\"><h3><span class=\"badge\">")
            .append(p.status()).append("</span> ").append(esc((p.row().isEmpty() ? "" : p.row() + " / ") + p.title()))
            .append(" <small>").append(esc(p.type())).append("</small></h3>");
        for (TargetResult t : p.targets()) {
          h.append("<div class=\"target\"><div class=\"ref\">").append(esc(t.refId())).append(" · ")
              .append(esc(t.datasourceType())).append(" · ").append(t.status()).append(" · ")
              .append(t.result().series().size()).append(" series</div>");
          h.append("<pre>").append(esc(t.query() != null ? t.query() : t.expr())).append("</pre>");
          if (t.result().hasData()) {
            h.append("<div class=\"chart\" id=\"c").append(chart).append("\"></div><script type=\"application/json\" id=\"d")
                .append(chart).append("\">").append(chartData(t.result().series()).replace("</", "<\\/"))
                .append("</script>");
            chart++;
          }
          if (t.note() != null) {
            h.append("<p class=\"note\">").append(esc(t.note())).append("</p>");
          }
          if (t.diagnosis() != null) {
            h.append("<ul class=\"diag\">");
            for (Finding f : t.diagnosis().findings()) {
              h.append("<li><b>").append(esc(f.kind().title())).append("</b>: ").append(esc(f.message())).append("</li>");
            }
            h.append("</ul>");
          }
          h.append("</div>");
        }
        h.append("</div>");
      }
      h.append("</div></section>");
    }
    if (!r.scenarios().isEmpty()) {
      h.append("<section><h2>Healthy phase</h2><p class=\"").append(r.activeWhenHealthy().isEmpty() ? "ok" : "bad")
          .append("\">alerts fired under healthy load: ")
          .append(r.activeWhenHealthy().isEmpty() ? "none" : esc(String.join(", ", r.activeWhenHealthy())))
          .append("</p></section>");
      h.append("<section><h2>Fault scenarios</h2><table><tr><th>scenario</th><th>must fire</th>"
          + "<th>also fired (consequences)</th><th>also fired (unrelated)</th><th>s</th></tr>");
      for (ScenarioCheck c : r.scenarios()) {
        h.append("<tr class=\"").append(c.passed() ? "ok" : "bad").append("\"><td>").append(esc(c.scenario()))
            .append("</td><td>").append(esc(c.alerts().stream().map(AlertCheck::alert).collect(Collectors.joining(", "))))
            .append("</td><td>").append(esc(String.join(", ", c.consequences()))).append("</td><td>")
            .append(esc(String.join(", ", c.unexpected()))).append("</td><td>").append(c.seconds())
            .append("</td></tr>");
      }
      h.append("</table></section>");
    }
    if (!r.alerts().isEmpty()) {
      h.append("<section><h2>Alerts</h2><table><tr><th>alert</th><th>scenario</th><th>quiet when healthy</th>"
          + "<th>firing in Prometheus</th><th>in Alertmanager</th><th>at webhook</th><th>s to fire</th><th>notes</th></tr>");
      for (AlertCheck a : r.alerts()) {
        h.append("<tr class=\"").append(a.passed() ? "ok" : "bad").append("\"><td>").append(esc(a.alert()))
            .append("</td><td>").append(esc(a.scenario())).append("</td><td>").append(yes(a.quietWhenHealthy()))
            .append("</td><td>").append(yes(a.firedInPrometheus())).append("</td><td>")
            .append(yes(a.reachedAlertmanager())).append("</td><td>").append(yes(a.reachedWebhook()))
            .append("</td><td>").append(a.secondsToFire()).append("</td><td>")
            .append(esc(String.join("; ", a.notes()))).append("</td></tr>");
      }
      h.append("</table></section>");
    }
    if (!r.metrics().isEmpty()) {
      h.append("<section><h2>Catalogue through the pipeline</h2><table><tr><th>metric</th><th>Prometheus name</th>"
          + "<th>present</th><th>label values</th><th>missing</th></tr>");
      for (MetricCheck m : r.metrics()) {
        boolean ok = m.present() && m.valuesSeen() == m.valuesExpected();
        h.append("<tr class=\"").append(ok ? "ok" : "bad").append("\"><td>").append(esc(m.otelName()))
            .append("</td><td><code>").append(esc(m.prometheusName())).append("</code></td><td>")
            .append(yes(m.present())).append("</td><td>").append(m.valuesSeen()).append('/')
            .append(m.valuesExpected()).append("</td><td>").append(esc(String.join(", ", m.missing())))
            .append("</td></tr>");
      }
      h.append("</table></section>");
    }
    h.append("<script>").append(CHART_JS).append("</script></body></html>\n");
    return h.toString();
  }

  /** uPlot's aligned data: one x array (seconds) and one y array per series, nulls for gaps. */
  static String chartData(List<Series> series) {
    List<Series> shown = series.stream().filter(s -> !s.samples().isEmpty()).limit(MAX_SERIES).toList();
    TreeSet<Long> times = new TreeSet<>();
    shown.forEach(s -> s.samples().forEach(x -> times.add(x.epochMillis())));
    while (times.size() > MAX_POINTS) {
      // thin evenly: keep every other timestamp
      List<Long> all = List.copyOf(times);
      times.clear();
      for (int i = 0; i < all.size(); i += 2) {
        times.add(all.get(i));
      }
    }
    ObjectNode data = F.objectNode();
    ArrayNode x = data.putArray("x");
    times.forEach(t -> x.add(t / 1000.0));
    ArrayNode names = data.putArray("names");
    ArrayNode ys = data.putArray("y");
    for (Series s : shown) {
      names.add(label(s.labels()));
      Map<Long, Double> byTime = s.samples().stream()
          .collect(Collectors.toMap(Sample::epochMillis, Sample::value, (a, b) -> b));
      ArrayNode y = ys.addArray();
      for (Long t : times) {
        Double v = byTime.get(t);
        if (v == null || v.isNaN() || v.isInfinite()) {
          y.addNull();
        } else {
          y.add(v);
        }
      }
    }
    data.put("more", series.size() - shown.size());
    return data.toString();
  }

  private static String label(Map<String, String> labels) {
    return labels.isEmpty() ? "{}" : labels.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(", ", "{", "}"));
  }

  private static String resource(String file) {
    String path = String.format(UPLOT, uplotVersion(), file);
    try (InputStream in = ReportWriter.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("uPlot is not on the class path (" + path + ")");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String uplotVersion() {
    try (InputStream in = ReportWriter.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("uPlot webjar is not on the class path", e);
    }
  }

  private static void writeAtomically(Path target, String text) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String yes(boolean b) {
    return b ? "yes" : "<b>no</b>";
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final String CSS = """
      body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
      h1{margin:0 0 .3em}h2 small,h3 small{color:#777;font-weight:normal;font-size:.8em}
      .summary{font:bold 16px monospace;padding:.5em;border-radius:4px}
      .ok{background:#e7f6e7}.bad{background:#fbe4e4}.meta{color:#666}
      .panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:12px}
      .panel{border:1px solid #ccc;border-radius:6px;padding:8px;overflow:hidden}
      .panel.data{border-left:6px solid #3a3}.panel.empty,.panel.error{border-left:6px solid #c33}
      .panel.skipped{border-left:6px solid #aaa}
      .badge{font:bold 11px monospace;padding:1px 4px;border-radius:3px;background:#eee}
      h3{font-size:14px;margin:0 0 6px}pre{white-space:pre-wrap;background:#f6f6f6;padding:4px;margin:4px 0;font-size:12px}
      .ref{color:#666;font-size:12px}.diag{color:#900;margin:4px 0}.note{color:#666}
      .problem{color:#900}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}
      """;

  private static final String CHART_JS = """
      (function(){
        var colors=['#1f77b4','#ff7f0e','#2ca02c','#d62728','#9467bd','#8c564b','#e377c2','#7f7f7f'];
        document.querySelectorAll('div.chart').forEach(function(el){
          var d=JSON.parse(document.getElementById('d'+el.id.substring(1)).textContent);
          var series=[{}];
          d.names.forEach(function(n,i){series.push({label:n,stroke:colors[i%colors.length],width:1.5,points:{show:d.x.length<3}});});
          // uPlot stretches a one-sample time axis over years; centre the sample in two minutes
          if(d.x.length===1){var t=d.x[0];d.x=[t-60,t,t+60];d.y=d.y.map(function(a){return [null,a[0],null];});}
          new uPlot({width:Math.max(300,el.clientWidth||440),height:150,series:series,legend:{show:d.names.length<=4},
            axes:[{},{size:60}]},[d.x].concat(d.y),el);
          if(d.more>0){var p=document.createElement('div');p.className='ref';p.textContent='+'+d.more+' more series not drawn';el.appendChild(p);}
        });
      })();
      """;
}
