package io.durobs.it.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.durobs.it.alerts.AlertCheck;
import io.durobs.it.alerts.ScenarioCheck;
import io.durobs.it.catalogue.MetricCheck;
import io.durobs.it.check.AnnotationResult;
import io.durobs.it.check.DashboardResult;
import io.durobs.it.check.PanelResult;
import io.durobs.it.check.TargetResult;
import io.durobs.it.check.TargetStatus;
import io.durobs.it.diagnosis.Cause;
import io.durobs.it.diagnosis.Diagnosis;
import io.durobs.it.diagnosis.DiagnosisKind;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The document {@code report.json} holds, as records Jackson serialises in declaration order. The
 * file's shape is its own (counts instead of series, names such as {@code labelValuesSeen}), so it
 * is written down here rather than by annotating the checks' result types: a rename there cannot
 * change the file.
 *
 * @param title what was validated
 * @param started when the run started (ISO-8601)
 * @param seconds how long it took
 * @param summary the summary line
 * @param passed whether everything passed
 * @param notes other remarks
 * @param dashboards the dashboards
 * @param alerts the alerts
 * @param activeWhenHealthy alerts that fired in the healthy phase
 * @param scenarios the fault scenarios
 * @param metrics the catalogue metrics
 */
record ReportJson(String title, String started, long seconds, String summary, boolean passed,
    List<String> notes, List<DashboardJson> dashboards, List<AlertJson> alerts,
    List<String> activeWhenHealthy, List<ScenarioJson> scenarios, List<MetricJson> metrics) {

  static ReportJson of(RunReport r) {
    return new ReportJson(r.title(), r.started().toString(), r.seconds(), r.summaryLine(), r.passed(),
        r.notes(), r.dashboards().stream().map(DashboardJson::of).toList(),
        r.alerts().stream().map(AlertJson::of).toList(), r.activeWhenHealthy(),
        r.scenarios().stream().map(ScenarioJson::of).toList(),
        r.metrics().stream().map(MetricJson::of).toList());
  }

  /** A dashboard; variables sorted by name so the file does not depend on map order. */
  record DashboardJson(String title, String uid, String source, String from, String to,
      SortedMap<String, String> variables, List<String> problems, List<PanelJson> panels,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AnnotationJson> annotations) {

    static DashboardJson of(DashboardResult d) {
      return new DashboardJson(d.title(), d.uid(), d.source(), d.from().toString(), d.to().toString(),
          new TreeMap<>(d.variables()), d.problems(), d.panels().stream().map(PanelJson::of).toList(),
          d.annotations().stream().map(AnnotationJson::of).toList());
    }
  }

  /** An annotation query: optional when it reads {@code ALERTS}; its run as a target's. */
  record AnnotationJson(String name, boolean optional, TargetJson query) {

    static AnnotationJson of(AnnotationResult a) {
      return new AnnotationJson(a.name(), a.optional(), TargetJson.of(a.check()));
    }
  }

  /** A panel with its overall status. */
  record PanelJson(int id, String title, String type, String row, TargetStatus status,
      List<TargetJson> targets) {

    static PanelJson of(PanelResult p) {
      return new PanelJson(p.id(), p.title(), p.type(), p.row(), p.status(),
          p.targets().stream().map(TargetJson::of).toList());
    }
  }

  /** A target: its query, how much came back, and, only where there is one, a note and a diagnosis. */
  record TargetJson(String refId, String datasourceType, TargetStatus status, String expr,
      String query, int series, int samples, long millis,
      @JsonInclude(JsonInclude.Include.NON_NULL) String note,
      @JsonInclude(JsonInclude.Include.NON_NULL) DiagnosisJson diagnosis,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FindingJson> warnings) {

    static TargetJson of(TargetResult t) {
      return new TargetJson(t.refId(), t.datasourceType(), t.status(), t.expr(), t.query(),
          t.result().series().size(), t.result().sampleCount(), t.millis(), t.note(),
          t.diagnosis() == null ? null : DiagnosisJson.of(t.diagnosis()),
          t.warnings().stream().map(FindingJson::of).toList());
    }
  }

  /** Why a target is empty or failing: the first finding's kind, a headline, every finding. */
  record DiagnosisJson(DiagnosisKind kind, String headline, List<FindingJson> findings) {

    static DiagnosisJson of(Diagnosis d) {
      return new DiagnosisJson(d.kind(), d.headline(), d.findings().stream().map(FindingJson::of).toList());
    }
  }

  /** One finding of a diagnosis. */
  record FindingJson(DiagnosisKind kind, String selector, String message, List<String> suggestions) {

    static FindingJson of(Cause f) {
      return new FindingJson(f.kind(), f.selector(), f.message(), f.suggestions());
    }
  }

  /** An alert's way from Prometheus to the webhook. */
  record AlertJson(String alert, String scenario, boolean passed, boolean quietWhenHealthy,
      boolean firedInPrometheus, boolean reachedAlertmanager, boolean reachedWebhook,
      long secondsToFire, List<String> notes) {

    static AlertJson of(AlertCheck a) {
      return new AlertJson(a.alert(), a.scenario(), a.passed(), a.quietWhenHealthy(),
          a.firedInPrometheus(), a.reachedAlertmanager(), a.reachedWebhook(), a.secondsToFire(),
          a.notes());
    }
  }

  /** A fault scenario: the alerts it must fire by name, and what else fired. */
  record ScenarioJson(String scenario, boolean passed, long seconds, List<String> fires,
      List<String> consequences, List<String> unexpected) {

    static ScenarioJson of(ScenarioCheck c) {
      return new ScenarioJson(c.scenario(), c.passed(), c.seconds(),
          c.alerts().stream().map(AlertCheck::alert).toList(), c.consequences(), c.unexpected());
    }
  }

  /** A catalogue metric as seen through the pipeline. */
  record MetricJson(String otelName, String prometheusName, boolean present, int labelValuesExpected,
      int labelValuesSeen, List<String> missing) {

    static MetricJson of(MetricCheck m) {
      return new MetricJson(m.otelName(), m.prometheusName(), m.present(), m.valuesExpected(),
          m.valuesSeen(), m.missing());
    }
  }
}
