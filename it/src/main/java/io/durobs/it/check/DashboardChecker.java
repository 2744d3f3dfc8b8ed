package io.durobs.it.check;

import io.durobs.it.diagnosis.Cause;
import io.durobs.it.diagnosis.Diagnoser;
import io.durobs.it.diagnosis.Diagnosis;
import io.durobs.it.diagnosis.DiagnosisKind;
import io.durobs.it.grafana.DatasourceTypes;
import io.durobs.it.grafana.GrafanaTime;
import io.durobs.it.grafana.Interpolator;
import io.durobs.it.grafana.QueryTiming;
import io.durobs.it.grafana.ResolvedVariable;
import io.durobs.it.grafana.VariableResolver;
import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.prometheus.QueryResult;
import io.durobs.toolkit.grafana.read.AnnotationQuery;
import io.durobs.toolkit.grafana.read.DashboardFile;
import io.durobs.toolkit.grafana.read.DashboardFormatException;
import io.durobs.toolkit.grafana.read.PanelView;
import io.durobs.toolkit.grafana.read.QueryTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every panel target of a dashboard the way Grafana would run it: the dashboard's time
 * range, its template variables resolved as on load (query variables through
 * {@code label_values}, All), repeated panels once per value, Grafana's interval arithmetic; a
 * target passes when it returns data, and an empty or failing one gets a diagnosis.
 */
public final class DashboardChecker {

  private static final List<String> FRONTEND_BUILT_INS = List.of("__from", "__to");
  private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  private final PrometheusClient prometheus;
  private final Map<String, QueryBackend> backends;
  private final CheckOptions options;
  private final ProgressListener progress;
  private final Diagnoser diagnoser;

  /**
   * @param prometheus the Prometheus behind the dashboards' Prometheus data source (variables
   *     and diagnosis ask it)
   * @param backends the backends by data source type ({@code prometheus}, {@code loki})
   * @param options how to check
   * @param progress where progress lines go
   */
  public DashboardChecker(PrometheusClient prometheus, Map<String, QueryBackend> backends,
      CheckOptions options, ProgressListener progress) {
    this.prometheus = prometheus;
    this.backends = Map.copyOf(backends);
    this.options = options;
    this.progress = progress;
    this.diagnoser = new Diagnoser(prometheus, options.lookback());
  }

  /**
   * Checks one dashboard.
   *
   * @throws DashboardFormatException when the dashboard's time range cannot be read
   * @throws io.durobs.it.prometheus.PrometheusException when Prometheus is unreachable
   */
  public DashboardResult check(DashboardFile d) {
    return check(d, progress);
  }

  /**
   * Checks one dashboard, reporting progress to {@code progress} instead of the checker's own
   * listener (dashboards checked in parallel each buffer their lines). Safe to call from several
   * threads at once.
   */
  public DashboardResult check(DashboardFile d, ProgressListener progress) {
    Instant from;
    Instant to;
    String fromText = options.from() != null ? options.from() : d.timeFrom();
    String toText = options.to() != null ? options.to() : d.timeTo();
    try {
      from = GrafanaTime.parse(fromText, options.now(), false);
      to = GrafanaTime.parse(toText, options.now(), true);
    } catch (IllegalArgumentException e) {
      throw new DashboardFormatException(d.source() + ": time range: " + e.getMessage(), e);
    }
    if (!from.isBefore(to)) {
      throw new DashboardFormatException(d.source() + ": time range " + fromText + " .. " + toText
          + " is empty", null);
    }
    progress.line("dashboard " + d.title() + " (" + d.source() + "), " + fromText + " .. " + toText);
    Map<String, ResolvedVariable> vars = new VariableResolver(prometheus).resolve(d, from, to);
    List<String> problems = new ArrayList<>();
    Map<String, String> shown = new LinkedHashMap<>();
    for (ResolvedVariable v : vars.values()) {
      if (v.problem() != null) {
        problems.add(v.problem());
        progress.line("  ! " + v.problem());
      }
      shown.put(v.name(), v.all() ? "All " + v.selected() : String.valueOf(v.selected()));
    }
    List<PanelResult> panels = new ArrayList<>();
    for (PanelView p : d.panelsWithQueries()) {
      ResolvedVariable repeat = p.repeat() == null ? null : vars.get(p.repeat());
      if (repeat != null && repeat.selected().size() > 1) {
        for (String value : repeat.selected()) {
          Map<String, ResolvedVariable> copy = new LinkedHashMap<>(vars);
          copy.put(repeat.name(), repeat.withSingle(value));
          panels.add(checkPanel(d, p, copy, from, to, " [" + repeat.name() + "=" + value + "]", progress));
        }
      } else {
        panels.add(checkPanel(d, p, vars, from, to, "", progress));
      }
    }
    List<AnnotationResult> annotations = new ArrayList<>();
    for (AnnotationQuery a : d.annotations()) {
      annotations.add(checkAnnotation(d, a, vars, from, to, progress));
    }
    DashboardResult r = new DashboardResult(d.source(), d.uid(), d.title(), from, to, shown, problems,
        panels, annotations);
    progress.line("  " + r.panelsWithData() + "/" + panels.size() + " panels with data"
        + (annotations.isEmpty() ? "" : ", " + r.annotationsWithData() + "/" + annotations.size()
            + " annotations with events"));
    return r;
  }

  /**
   * Runs an annotation's query as Grafana does, over the dashboard's range at full width: each
   * returned series is an event. An annotation over {@code ALERTS} may rightly return nothing
   * (no alert fired); it is reported, and counted as optional.
   */
  private AnnotationResult checkAnnotation(DashboardFile d, AnnotationQuery a,
      Map<String, ResolvedVariable> vars, Instant from, Instant to, ProgressListener progress) {
    QueryTarget t = new QueryTarget("", a.expr(), a.datasource(), false, false, false, true, null,
        null, null, 0, a.titleFormat());
    TargetResult r = checkTarget(d, t, vars, from, to, 24, 0, null);
    AnnotationResult result = new AnnotationResult(a.name(), AnnotationResult.isOptional(a.expr()), r);
    StringBuilder line = new StringBuilder("  [" + r.status() + "] annotation " + a.name()
        + (result.optional() ? " (optional: no alert fired is healthy)" : ""));
    if (r.diagnosis() != null) {
      line.append("\n      ").append(r.diagnosis().headline());
    } else if (r.status() == TargetStatus.SKIPPED) {
      line.append("\n      skipped, ").append(r.note());
    }
    progress.line(line.toString());
    return result;
  }

  private PanelResult checkPanel(DashboardFile d, PanelView p, Map<String, ResolvedVariable> vars,
      Instant from, Instant to, String copySuffix, ProgressListener progress) {
    Map<String, String> frontend = new LinkedHashMap<>();
    String title = Interpolator.interpolate(p.title(), vars, frontend) + copySuffix;
    List<TargetResult> targets = new ArrayList<>();
    if (p.targets().isEmpty() && p.libraryPanel() != null) {
      targets.add(TargetResult.skipped("", "", "",
          "library panel " + p.libraryPanel() + ": its queries live in Grafana, not in this JSON"));
    }
    for (QueryTarget t : p.targets()) {
      targets.add(checkTarget(d, t, vars, from, to, p.gridWidth(), p.maxDataPoints(),
          p.minInterval()));
    }
    PanelResult r = new PanelResult(p.id() == null ? 0 : p.id(), title, p.type(), p.row(), targets);
    StringBuilder line = new StringBuilder("  [" + r.status() + "] "
        + (p.row().isEmpty() ? "" : p.row() + " / ") + title);
    for (TargetResult t : targets) {
      if (t.diagnosis() != null) {
        line.append("\n      ").append(t.refId()).append(": ").append(t.diagnosis().headline());
      } else if (t.status() == TargetStatus.SKIPPED) {
        line.append("\n      ").append(t.refId()).append(": skipped, ").append(t.note());
      }
      for (Cause w : t.warnings()) {
        line.append("\n      ").append(t.refId()).append(": warning, ").append(w.kind().title())
            .append(": ").append(w.message());
      }
    }
    progress.line(line.toString());
    return r;
  }

  /**
   * Runs one query as Grafana would for a panel {@code gridWidth} columns wide (of 24) asking for
   * {@code panelMaxDataPoints} (0: one per pixel) at no less than {@code panelMinInterval}.
   */
  private TargetResult checkTarget(DashboardFile d, QueryTarget t, Map<String, ResolvedVariable> vars,
      Instant from, Instant to, long gridWidth, long panelMaxDataPoints, String panelMinInterval) {
    long started = System.currentTimeMillis();
    DatasourceTypes.Resolution ds = options.datasources().resolve(t.datasource(), d);
    if (t.hidden()) {
      return TargetResult.skipped(t.refId(), ds.type(), t.expr(), "hidden in the panel (hide: true): Grafana does not run it");
    }
    if (ds.isUnknown()) {
      return new TargetResult(t.refId(), "", t.expr(), null, TargetStatus.ERROR, empty(),
          new Diagnosis(List.of(new Cause(DiagnosisKind.DATASOURCE_UNKNOWN, String.valueOf(t.datasource().uid()),
              ds.problem(), options.datasources().datasources().stream()
                  .map(DatasourceTypes.Datasource::name).toList()))), null, 0);
    }
    String type = ds.type();
    QueryBackend backend = backends.get(type);
    if (backend == null) {
      return TargetResult.skipped(t.refId(), type, t.expr(), "loki".equals(type)
          ? "Loki target: give the log records (--log-records FILE) or a Loki (--loki URL) to check it"
          : "data source type '" + type + "' is not checked here");
    }
    if (t.expr() == null || t.expr().isBlank()) {
      return new TargetResult(t.refId(), type, "", null, TargetStatus.ERROR, empty(),
          new Diagnosis(List.of(new Cause(DiagnosisKind.QUERY_ERROR, "", "the target has no expression", List.of()))),
          null, 0);
    }
    long width = Math.max(1, Math.round(gridWidth / 24.0 * options.viewportWidth()));
    long maxDataPoints = panelMaxDataPoints > 0 ? panelMaxDataPoints : width;
    String panelMin = panelMinInterval == null ? null : Interpolator.interpolate(panelMinInterval, vars, Map.of());
    QueryTiming timing = QueryTiming.compute(from, to, maxDataPoints, panelMin,
        options.scrapeInterval(), t.minStep(), t.intervalFactor());
    Map<String, String> all = timing.builtIns();
    Map<String, String> frontend = new LinkedHashMap<>();
    FRONTEND_BUILT_INS.forEach(k -> frontend.put(k, all.get(k)));
    PreparedQuery q = new PreparedQuery(t, type, Interpolator.interpolate(t.expr(), vars, frontend),
        Interpolator.interpolate(t.expr(), vars, all), timing, maxDataPoints);
    QueryOutcome outcome = backend.run(q);
    Diagnosis diagnosis = null;
    TargetStatus status;
    List<Cause> warnings = List.of();
    if (outcome.failed()) {
      status = TargetStatus.ERROR;
      diagnosis = withVariables(new Diagnosis(List.of(new Cause(DiagnosisKind.QUERY_ERROR,
          outcome.queryAsRun(), (outcome.errorType() == null ? "" : outcome.errorType() + ": ")
              + outcome.error(), List.of()))), t.expr(), vars);
    } else if (outcome.result().hasData()) {
      warnings = warnings(t, type, outcome.result());
      status = options.strict() && !warnings.isEmpty() ? TargetStatus.ERROR : TargetStatus.DATA;
      if (status == TargetStatus.ERROR) {
        diagnosis = new Diagnosis(warnings);
        warnings = List.of();
      }
    } else {
      status = TargetStatus.EMPTY;
      diagnosis = withVariables(explainEmpty(backend, q, outcome, from, to), t.expr(), vars);
    }
    return new TargetResult(t.refId(), type, t.expr(), outcome.queryAsRun(), status, outcome.result(),
        diagnosis, null, System.currentTimeMillis() - started, warnings);
  }

  /** The backend's or the Prometheus diagnosis; a diagnosis that fails is itself the finding, never the run's end. */
  private Diagnosis explainEmpty(QueryBackend backend, PreparedQuery q, QueryOutcome outcome, Instant from, Instant to) {
    try {
      Diagnosis own = backend.explainEmpty(q, outcome);
      return own != null ? own : diagnoser.diagnose(q.resolvedExpr(), from, to);
    } catch (RuntimeException e) {
      return new Diagnosis(List.of(new Cause(DiagnosisKind.DIAGNOSIS_FAILED, q.resolvedExpr(),
          "the query returned nothing, and diagnosing why failed: " + e.getMessage(), List.of())));
    }
  }

  /**
   * Prometheus' annotations on the answer, and legend labels no returned series carries (for
   * Prometheus only: the log record backend does not group its counts by label).
   */
  private static List<Cause> warnings(QueryTarget t, String type, QueryResult r) {
    List<Cause> out = new ArrayList<>();
    r.warnings().forEach(w -> out.add(new Cause(DiagnosisKind.PROMETHEUS_WARNING, t.expr(), w, List.of())));
    r.infos().forEach(i -> out.add(new Cause(DiagnosisKind.PROMETHEUS_INFO, t.expr(), i, List.of())));
    if (t.legendFormat() != null && "prometheus".equals(type)) {
      TreeSet<String> carried = new TreeSet<>();
      r.series().forEach(s -> carried.addAll(s.labels().keySet()));
      Matcher m = LEGEND_LABEL.matcher(t.legendFormat());
      while (m.find()) {
        String label = m.group(1);
        if (!carried.contains(label)) {
          out.add(new Cause(DiagnosisKind.LEGEND_LABEL_MISSING, t.legendFormat(), "legend `"
              + t.legendFormat() + "` names `" + label + "`, which no returned series carries "
              + "(Grafana draws it empty); the series carry: "
              + (carried.isEmpty() ? "no labels" : String.join(", ", carried)), List.copyOf(carried)));
        }
      }
    }
    return out;
  }

  /** Puts findings about the target's variables (no value, undefined) before the query's own. */
  private static Diagnosis withVariables(Diagnosis d, String expr, Map<String, ResolvedVariable> vars) {
    List<Cause> first = new ArrayList<>();
    for (String ref : Interpolator.references(expr)) {
      ResolvedVariable v = vars.get(ref);
      if (v == null && !ref.startsWith("__")) {
        first.add(new Cause(DiagnosisKind.VARIABLE_EMPTY, "$" + ref,
            "variable $" + ref + " is not defined in the dashboard", List.of()));
      } else if (v != null && (v.problem() != null || v.selected().isEmpty())) {
        first.add(new Cause(DiagnosisKind.VARIABLE_EMPTY, "$" + ref,
            v.problem() != null ? v.problem() : "variable $" + ref + " has no value selected", List.of()));
      }
    }
    if (first.isEmpty()) {
      return d;
    }
    first.addAll(d.findings());
    return new Diagnosis(first);
  }

  private static QueryResult empty() {
    return new QueryResult("", List.of(), List.of());
  }
}
