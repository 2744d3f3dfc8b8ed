package io.durobs.it.check;

import io.durobs.it.diagnosis.Diagnoser;
import io.durobs.it.diagnosis.Diagnosis;
import io.durobs.it.diagnosis.DiagnosisKind;
import io.durobs.it.diagnosis.Cause;
import io.durobs.it.grafana.GrafanaTime;
import io.durobs.it.grafana.Interpolator;
import io.durobs.it.grafana.QueryTiming;
import io.durobs.it.grafana.ResolvedVariable;
import io.durobs.it.grafana.VariableResolver;
import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.prometheus.QueryResult;
import io.durobs.toolkit.grafana.read.DashboardFile;
import io.durobs.toolkit.grafana.read.DashboardFormatException;
import io.durobs.toolkit.grafana.read.PanelView;
import io.durobs.toolkit.grafana.read.QueryTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every panel target of a dashboard the way Grafana would run it: the dashboard's time
 * range, its template variables resolved as on load (query variables through
 * {@code label_values}, All), repeated panels once per value, Grafana's interval arithmetic; a
 * target passes when it returns data, and an empty or failing one gets a diagnosis.
 */
public final class DashboardChecker {

  private static final List<String> FRONTEND_BUILT_INS = List.of("__from", "__to");

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
          panels.add(checkPanel(d, p, copy, from, to, " [" + repeat.name() + "=" + value + "]"));
        }
      } else {
        panels.add(checkPanel(d, p, vars, from, to, ""));
      }
    }
    DashboardResult r = new DashboardResult(d.source(), d.uid(), d.title(), from, to, shown, problems, panels);
    progress.line("  " + r.panelsWithData() + "/" + panels.size() + " panels with data");
    return r;
  }

  private PanelResult checkPanel(DashboardFile d, PanelView p, Map<String, ResolvedVariable> vars,
      Instant from, Instant to, String copySuffix) {
    Map<String, String> frontend = new LinkedHashMap<>();
    String title = Interpolator.interpolate(p.title(), vars, frontend) + copySuffix;
    List<TargetResult> targets = new ArrayList<>();
    if (p.targets().isEmpty() && p.libraryPanel() != null) {
      targets.add(new TargetResult("", "", "", null, TargetStatus.SKIPPED, empty(), null,
          "library panel " + p.libraryPanel() + ": its queries live in Grafana, not in this JSON", 0));
    }
    for (QueryTarget t : p.targets()) {
      targets.add(checkTarget(d, p, t, vars, from, to));
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
    }
    progress.line(line.toString());
    return r;
  }

  private TargetResult checkTarget(DashboardFile d, PanelView p, QueryTarget t, Map<String, ResolvedVariable> vars,
      Instant from, Instant to) {
    long started = System.currentTimeMillis();
    String type = options.datasources().typeOf(t.datasource(), d, t.expr());
    if (t.hidden()) {
      return new TargetResult(t.refId(), type, t.expr(), null, TargetStatus.SKIPPED, empty(), null,
          "hidden in the panel (hide: true): Grafana does not run it", 0);
    }
    QueryBackend backend = backends.get(type);
    if (backend == null) {
      return new TargetResult(t.refId(), type, t.expr(), null, TargetStatus.SKIPPED, empty(), null,
          "data source type '" + type + "' is not checked here", 0);
    }
    if (t.expr() == null || t.expr().isBlank()) {
      return new TargetResult(t.refId(), type, "", null, TargetStatus.ERROR, empty(),
          new Diagnosis(List.of(new Cause(DiagnosisKind.QUERY_ERROR, "", "the target has no expression", List.of()))),
          null, 0);
    }
    long width = Math.max(1, Math.round(p.gridWidth() / 24.0 * options.viewportWidth()));
    long maxDataPoints = p.maxDataPoints() > 0 ? p.maxDataPoints() : width;
    String panelMin = p.minInterval() == null ? null : Interpolator.interpolate(p.minInterval(), vars, Map.of());
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
    if (outcome.failed()) {
      status = TargetStatus.ERROR;
      diagnosis = withVariables(new Diagnosis(List.of(new Cause(DiagnosisKind.QUERY_ERROR,
          outcome.queryAsRun(), (outcome.errorType() == null ? "" : outcome.errorType() + ": ")
              + outcome.error(), List.of()))), t.expr(), vars);
    } else if (outcome.result().hasData()) {
      status = TargetStatus.DATA;
    } else {
      status = TargetStatus.EMPTY;
      Diagnosis own = backend.explainEmpty(q, outcome);
      diagnosis = withVariables(own != null ? own : diagnoser.diagnose(q.resolvedExpr(), from, to), t.expr(), vars);
    }
    return new TargetResult(t.refId(), type, t.expr(), outcome.queryAsRun(), status, outcome.result(),
        diagnosis, null, System.currentTimeMillis() - started);
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
