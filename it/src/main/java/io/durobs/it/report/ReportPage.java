package io.durobs.it.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.durobs.it.alerts.AlertCheck;
import io.durobs.it.alerts.ScenarioCheck;
import io.durobs.it.catalogue.MetricCheck;
import io.durobs.it.check.AnnotationResult;
import io.durobs.it.check.DashboardResult;
import io.durobs.it.check.PanelResult;
import io.durobs.it.check.TargetResult;
import io.durobs.it.check.TargetStatus;
import io.durobs.it.diagnosis.Diagnosis;
import io.durobs.it.prometheus.Sample;
import io.durobs.it.prometheus.Series;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The HTML page of a report: the template {@code report.html} next to this class, filled in with
 * a view of the report built here. Mustache HTML-escapes every value (titles, queries, labels,
 * messages); only uPlot itself and the charts' data are inserted as they are, the data with every
 * {@code <} written as the JSON escape for it (backslash, u003c), so no label can end its script
 * element.
 */
final class ReportPage {

  private static final Mustache TEMPLATE =
      new DefaultMustacheFactory("io/durobs/it/report").compile("report.html");
  private static final String UPLOT = "META-INF/resources/webjars/uplot/%s/dist/%s";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_SERIES = 8;
  private static final int MAX_POINTS = 400;
  /** Above this many panels, dashboards whose panels all pass start collapsed. */
  private static final int OPEN_PANELS = 200;

  private ReportPage() {}

  /** The page of {@code report}, uPlot inlined so it opens offline. */
  static String render(RunReport report) {
    StringWriter page = new StringWriter(200_000);
    TEMPLATE.execute(page, Page.of(report, uplot("uPlot.min.css"), uplot("uPlot.iife.min.js")));
    return page.toString();
  }

  /** A list the template shows under a heading only when it has items: null when empty. */
  record Items<T>(List<T> items) {
    static <S, T> Items<T> of(List<S> list, Function<S, T> view) {
      return list.isEmpty() ? null : new Items<>(list.stream().map(view).toList());
    }
  }

  /**
   * The page. {@code outcome} colours the banner: {@code ok} when everything passed, {@code warn}
   * when nothing failed but panels were skipped (not checked, so not a pass either), {@code bad}
   * when something failed; {@code counts} says how many panels passed, failed and were skipped;
   * {@code failures} links to each failing panel, so a few failures among many panels need no
   * scrolling.
   */
  record Page(String title, String summary, String outcome, String counts, String started, long seconds,
      Items<String> notes, String uplotCss, String uplotJs, Items<FailureLink> failures,
      List<DashboardView> dashboards, ScenarioSection scenarios, Items<AlertRow> alerts,
      Items<MetricRow> metrics) {

    static Page of(RunReport r, String uplotCss, String uplotJs) {
      AtomicInteger charts = new AtomicInteger();
      AtomicInteger panelIds = new AtomicInteger();
      List<DashboardView> dashboards = r.dashboards().stream()
          .map(d -> DashboardView.of(d, charts, panelIds)).toList();
      if (r.panels() > OPEN_PANELS) {
        // many panels: only dashboards with something to look at start open
        dashboards = dashboards.stream().map(d -> d.panelsWithData() == d.panelCount() ? d.closed() : d).toList();
      }
      List<FailureLink> failures = new ArrayList<>();
      for (DashboardView d : dashboards) {
        for (PanelView p : d.panels()) {
          if (p.statusClass().equals("empty") || p.statusClass().equals("error")) {
            failures.add(new FailureLink(p.anchor(), d.title() + " / " + p.heading(), p.status(), p.headline()));
          }
        }
      }
      long failed = r.failingPanels().size();
      long skipped = r.panelsSkipped();
      String outcome = r.passed() ? "ok" : failed == 0 && skippedOnly(r) ? "warn" : "bad";
      String counts = (r.panels() - failed - skipped) + " passed · " + failed + " failed · " + skipped
          + " skipped";
      return new Page(r.title(), r.summaryLine(), outcome, counts, time(r.started()), r.seconds(),
          Items.of(r.notes(), n -> n), uplotCss, uplotJs, Items.of(failures, f -> f), dashboards,
          ScenarioSection.of(r), Items.of(r.alerts(), AlertRow::of), Items.of(r.metrics(), MetricRow::of));
    }

    /** True when the only reason the run did not pass is panels that were skipped. */
    private static boolean skippedOnly(RunReport r) {
      return r.alerts().isEmpty() && r.scenarios().isEmpty() && r.metrics().isEmpty();
    }
  }

  /** A link to a failing panel at the top of the page. */
  record FailureLink(String anchor, String name, TargetStatus status, String headline) {}

  /** An instant as people read it: to the second, UTC. */
  static String time(java.time.Instant t) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
        .withZone(java.time.ZoneOffset.UTC).format(t);
  }

  record Variable(String name, String value) {}

  /** A dashboard; {@code open} unless it is one of many with every panel passing (kept readable at 1,000 panels). */
  record DashboardView(String title, long panelsWithData, int panelCount, String source, String from,
      String to, Items<Variable> variables, List<String> problems, List<PanelView> panels, boolean open) {

    /** {@code charts} numbers the charts across the page, {@code panelIds} the panels' anchors. */
    static DashboardView of(DashboardResult d, AtomicInteger charts, AtomicInteger panelIds) {
      return new DashboardView(d.title(), d.panelsWithData(), d.panels().size(), d.source(),
          time(d.from()), time(d.to()),
          Items.of(List.copyOf(new TreeMap<>(d.variables()).entrySet()),
              e -> new Variable(e.getKey(), e.getValue())),
          d.problems(), Stream.concat(
              d.panels().stream().map(p -> PanelView.of(p, charts, panelIds.incrementAndGet())),
              d.annotations().stream().map(a -> PanelView.of(a, charts, panelIds.incrementAndGet())))
              .toList(),
          true);
    }

    DashboardView closed() {
      return new DashboardView(title, panelsWithData, panelCount, source, from, to, variables, problems, panels, false);
    }
  }

  record PanelView(String anchor, String statusClass, TargetStatus status, String heading, String type,
      String headline, List<TargetView> targets) {

    static PanelView of(PanelResult p, AtomicInteger charts, int number) {
      String headline = p.targets().stream().filter(t -> t.diagnosis() != null)
          .map(t -> t.refId() + ": " + t.diagnosis().headline()).findFirst().orElse("");
      return new PanelView("p" + number, p.status().name().toLowerCase(Locale.ROOT), p.status(),
          (p.row().isEmpty() ? "" : p.row() + " / ") + p.title(), p.type(), headline,
          p.targets().stream().map(t -> TargetView.of(t, charts)).toList());
    }

    /**
     * An annotation's query, after the panels: failing like a panel when it is empty or fails,
     * shown as skipped (amber, not a failure) when an optional alert annotation is empty.
     */
    static PanelView of(AnnotationResult a, AtomicInteger charts, int number) {
      TargetResult t = a.check();
      String statusClass = a.failing() || a.hasData() ? t.status().name().toLowerCase(Locale.ROOT)
          : "skipped";
      return new PanelView("p" + number, statusClass, t.status(), "Annotation: " + a.name()
          + (a.optional() ? " (optional: empty while no alert fired)" : ""), "annotation",
          t.diagnosis() == null ? "" : t.diagnosis().headline(), List.of(TargetView.of(t, charts)));
    }
  }

  record TargetView(String refId, String datasourceType, TargetStatus status, int series,
      String query, Chart chart, String note, Items<FindingRow> findings, Items<FindingRow> warnings) {

    static TargetView of(TargetResult t, AtomicInteger charts) {
      String query = t.query() != null ? t.query() : t.expr();
      Chart chart = t.result().hasData()
          ? new Chart(charts.getAndIncrement(), chartData(t.result().series(), t.refId() + ": " + query)) : null;
      Diagnosis d = t.diagnosis();
      return new TargetView(t.refId(), t.datasourceType(), t.status(), t.result().series().size(),
          query, chart, t.note(),
          d == null ? null : Items.of(d.findings(), f -> new FindingRow(f.kind().title(), f.message())),
          Items.of(t.warnings(), f -> new FindingRow(f.kind().title(), f.message())));
    }
  }

  /** A chart's place ({@code c<id>}) and its data ({@code d<id>}), safe inside a script element. */
  record Chart(int id, String json) {}

  record FindingRow(String title, String message) {}

  record ScenarioSection(boolean quietWhenHealthy, String activeWhenHealthy, List<ScenarioRow> items) {

    static ScenarioSection of(RunReport r) {
      if (r.scenarios().isEmpty()) {
        return null;
      }
      return new ScenarioSection(r.activeWhenHealthy().isEmpty(),
          r.activeWhenHealthy().isEmpty() ? "none" : String.join(", ", r.activeWhenHealthy()),
          r.scenarios().stream().map(ScenarioRow::of).toList());
    }
  }

  record ScenarioRow(boolean passed, String scenario, String fires, String consequences,
      String unexpected, long seconds) {

    static ScenarioRow of(ScenarioCheck c) {
      return new ScenarioRow(c.passed(), c.scenario(),
          c.alerts().stream().map(AlertCheck::alert).collect(Collectors.joining(", ")),
          String.join(", ", c.consequences()), String.join(", ", c.unexpected()), c.seconds());
    }
  }

  /** An alert; {@code steps}: quiet when healthy, firing in Prometheus, in Alertmanager, at the webhook. */
  record AlertRow(boolean passed, String alert, String scenario, List<Boolean> steps,
      long secondsToFire, String notes) {

    static AlertRow of(AlertCheck a) {
      return new AlertRow(a.passed(), a.alert(), a.scenario(), List.of(a.quietWhenHealthy(),
          a.firedInPrometheus(), a.reachedAlertmanager(), a.reachedWebhook()), a.secondsToFire(),
          String.join("; ", a.notes()));
    }
  }

  record MetricRow(boolean complete, String otelName, String prometheusName, boolean present,
      int labelValuesSeen, int labelValuesExpected, String missing) {

    static MetricRow of(MetricCheck m) {
      return new MetricRow(m.present() && m.valuesSeen() == m.valuesExpected(), m.otelName(),
          m.prometheusName(), m.present(), m.valuesSeen(), m.valuesExpected(),
          String.join(", ", m.missing()));
    }
  }

  /**
   * uPlot's aligned data: one x array (seconds), a name and a y array per series (nulls for gaps),
   * and how many series were left out.
   */
  record ChartData(List<Double> x, List<String> names, List<List<Double>> y, int more) {}

  /** The chart data of {@code series} as JSON, as for a target without a query text. */
  static String chartData(List<Series> series) {
    return chartData(series, "value");
  }

  /**
   * The chart data of {@code series} as JSON: at most 8 series and 400 timestamps; a series
   * without labels is named {@code unnamed} (the target and query, shortened) rather than
   * {@code {}}.
   */
  static String chartData(List<Series> series, String unnamed) {
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
    List<List<Double>> ys = new ArrayList<>();
    for (Series s : shown) {
      Map<Long, Double> byTime = s.samples().stream()
          .collect(Collectors.toMap(Sample::epochMillis, Sample::value, (a, b) -> b));
      List<Double> y = new ArrayList<>();
      for (Long t : times) {
        Double v = byTime.get(t);
        y.add(v == null || v.isNaN() || v.isInfinite() ? null : v);
      }
      ys.add(y);
    }
    ChartData data = new ChartData(times.stream().map(t -> t / 1000.0).toList(),
        shown.stream().map(s -> label(s.labels(), unnamed)).toList(), ys, series.size() - shown.size());
    try {
      // '<' occurs only inside JSON strings, where its escape (backslash u003c) means the same:
      // then "</script>" or "<!--" in a label stays data
      return JSON.writeValueAsString(data).replace("<", "\\u003c");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("chart data is not serialisable", e);
    }
  }

  /** A series' legend as Prometheus writes it: {@code name{a="1", b="2"}}; {@code unnamed} for no labels. */
  private static String label(Map<String, String> labels, String unnamed) {
    if (labels.isEmpty()) {
      return unnamed.length() > 60 ? unnamed.substring(0, 59) + "…" : unnamed;
    }
    String name = labels.getOrDefault("__name__", "");
    String rest = labels.entrySet().stream().filter(e -> !e.getKey().equals("__name__"))
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(", "));
    return name + (rest.isEmpty() ? "" : "{" + rest + "}");
  }

  private static String uplot(String file) {
    String path = String.format(UPLOT, uplotVersion(), file);
    try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("uPlot is not on the class path (" + path + ")");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String uplotVersion() {
    try (InputStream in = ReportPage.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("uPlot webjar is not on the class path");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
