package io.durobs.it.report;

import io.durobs.it.alerts.AlertCheck;
import io.durobs.it.alerts.ScenarioCheck;
import io.durobs.it.catalogue.MetricCheck;
import io.durobs.it.check.DashboardResult;
import io.durobs.it.check.PanelResult;
import io.durobs.it.check.TargetResult;
import io.durobs.it.check.TargetStatus;
import io.durobs.it.diagnosis.Cause;
import io.durobs.it.diagnosis.Diagnosis;
import io.durobs.it.diagnosis.DiagnosisKind;
import io.durobs.it.prometheus.QueryResult;
import io.durobs.it.prometheus.Sample;
import io.durobs.it.prometheus.Series;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report that exercises every field and every omission rule of the report files: a panel with
 * data (two series, a gap and a NaN), an empty panel with a two-finding diagnosis (one without a
 * selector), a skipped target with a note and no query, alerts that pass and fail, scenarios,
 * catalogue metrics, and text that HTML must escape.
 */
final class SampleReports {

  static final String HOSTILE = "<script>alert('x')</script> & \"quoted\"";

  private SampleReports() {}

  static RunReport full() {
    Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
    Series ok = new Series(Map.of("__name__", "up", "job", "api", "instance", "a:9090"),
        List.of(new Sample(t0.toEpochMilli(), 1), new Sample(t0.toEpochMilli() + 15_000, 1),
            new Sample(t0.toEpochMilli() + 30_000, Double.NaN)));
    Series other = new Series(Map.of("job", "worker"),
        List.of(new Sample(t0.toEpochMilli() + 15_000, 0.25)));
    TargetResult withData = new TargetResult("A", "prometheus", "up{job=~\"$job\"}",
        "up{job=~\"api|worker\"}", TargetStatus.DATA,
        new QueryResult("matrix", List.of(ok, other), List.of()), null, null, 42);
    Diagnosis diagnosis = new Diagnosis(List.of(
        new Cause(DiagnosisKind.LABEL_MISSING, "http_requests_total{colour=\"red\"}",
            "no `colour` label on http_requests_total; its labels: `job`, `code`",
            List.of("code", "job")),
        new Cause(DiagnosisKind.RANGE_TOO_SHORT, null, "samples are 2s apart " + HOSTILE,
            List.of())));
    TargetResult empty = new TargetResult("B", "prometheus", "sum(http_requests_total{colour=\"red\"})",
        "sum(http_requests_total{colour=\"red\"}) < 1", TargetStatus.EMPTY,
        new QueryResult("vector", List.of(), List.of()), diagnosis, null, 7);
    TargetResult skipped = new TargetResult("C", "loki", null, null, TargetStatus.SKIPPED,
        new QueryResult("", List.of(), List.of()), null, "no backend for loki " + HOSTILE, 0);
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("job", "api|worker");
    variables.put("instance", "$__all");
    DashboardResult dashboard = new DashboardResult("dashboards/" + HOSTILE + ".json", "uid-1",
        "Service " + HOSTILE, t0.minusSeconds(3600), t0, variables, List.of("problem " + HOSTILE),
        List.of(new PanelResult(1, "Requests " + HOSTILE, "timeseries", "", List.of(withData)),
            new PanelResult(2, "Errors", "stat", "Row " + HOSTILE, List.of(empty, skipped)),
            new PanelResult(3, "Logs", "logs", "", List.of(skipped))));
    DashboardResult noUid = new DashboardResult("other.json", null, "Other", t0.minusSeconds(60), t0,
        Map.of(), List.of(), List.of());
    AlertCheck fired = new AlertCheck("EngineDown", "stop-engine", true, true, true, true, 61,
        List.of());
    AlertCheck failed = new AlertCheck("QueueBacklog " + HOSTILE, "backlog", true, true, false, false,
        -1, List.of("not in Alertmanager " + HOSTILE, "second note"));
    ScenarioCheck scenario = new ScenarioCheck("stop-engine", List.of(fired),
        List.of("EngineNoProgress"), List.of(), 75);
    ScenarioCheck unrelated = new ScenarioCheck("backlog " + HOSTILE, List.of(failed), List.of(),
        List.of("Unrelated " + HOSTILE), 120);
    MetricCheck present = new MetricCheck("duroxide.activity.executions",
        "duroxide_activity_executions_total", true, 6, 6, List.of());
    MetricCheck missing = new MetricCheck("duroxide.queue.depth " + HOSTILE, "duroxide_queue_depth",
        false, 3, 1, List.of("queue=\"timer\"", "queue=" + HOSTILE));
    return new RunReport("Run " + HOSTILE, t0, 447, List.of(dashboard, noUid), List.of(fired, failed),
        List.of(scenario, unrelated), List.of("HealthyAlert " + HOSTILE), List.of(present, missing),
        List.of("stack: local", "note " + HOSTILE), List.of());
  }
}
