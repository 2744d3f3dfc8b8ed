package io.durobs.it.report;

import io.durobs.it.alerts.AlertCheck;
import io.durobs.it.alerts.ScenarioCheck;
import io.durobs.it.catalogue.MetricCheck;
import io.durobs.it.check.AnnotationResult;
import io.durobs.it.check.DashboardResult;
import io.durobs.it.check.PanelResult;
import io.durobs.it.check.TargetStatus;
import java.time.Instant;
import java.util.List;

/**
 * Everything one validation run found: dashboards (panels, targets, diagnoses), alerts and the
 * catalogue seen through the pipeline. The alert and metric lists are empty when the run did not
 * check them (the dashboard CLI), and the summary line then leaves them out.
 *
 * @param title what was validated
 * @param started when the run started
 * @param seconds how long it took
 * @param dashboards the dashboards' results
 * @param alerts the alerts' results, one per alerting rule
 * @param scenarios the fault scenarios that fired them
 * @param activeWhenHealthy the alerts that fired in the healthy phase (none should)
 * @param metrics the catalogue metrics' results
 * @param notes other remarks for the report (stack, phases, timings)
 * @param alertsNotDrivenLive alerts no fault scenario drives (each named with its reason in the
 *     notes): counted in the summary apart from the fired ones, never as fired
 */
public record RunReport(String title, Instant started, long seconds, List<DashboardResult> dashboards,
    List<AlertCheck> alerts, List<ScenarioCheck> scenarios, List<String> activeWhenHealthy,
    List<MetricCheck> metrics, List<String> notes, List<String> alertsNotDrivenLive) {

  public RunReport {
    dashboards = List.copyOf(dashboards);
    alerts = List.copyOf(alerts);
    scenarios = List.copyOf(scenarios);
    activeWhenHealthy = List.copyOf(activeWhenHealthy);
    metrics = List.copyOf(metrics);
    notes = List.copyOf(notes);
    alertsNotDrivenLive = List.copyOf(alertsNotDrivenLive);
  }

  /** A report of dashboards only (no alerts, scenarios or catalogue checked), as the dashboard CLI writes. */
  public static RunReport dashboardsOnly(String title, Instant started, long seconds,
      List<DashboardResult> dashboards, List<String> notes) {
    return new RunReport(title, started, seconds, dashboards, List.of(), List.of(), List.of(), List.of(), notes,
        List.of());
  }

  /** Panels over all dashboards. */
  public long panels() {
    return dashboards.stream().mapToLong(d -> d.panels().size()).sum();
  }

  /** Panels that show data. */
  public long panelsWithData() {
    return dashboards.stream().mapToLong(DashboardResult::panelsWithData).sum();
  }

  /** Panels that were not run (no backend for their data source, hidden targets only). */
  public long panelsSkipped() {
    return dashboards.stream().flatMap(d -> d.panels().stream())
        .filter(p -> p.status() == TargetStatus.SKIPPED).count();
  }

  /** Panels that are empty or failing. */
  public List<PanelResult> failingPanels() {
    return dashboards.stream().flatMap(d -> d.panels().stream())
        .filter(p -> p.status() == TargetStatus.EMPTY || p.status() == TargetStatus.ERROR).toList();
  }

  /** Annotation queries over all dashboards. */
  public List<AnnotationResult> annotations() {
    return dashboards.stream().flatMap(d -> d.annotations().stream()).toList();
  }

  /** Annotation queries that are empty though not optional, or failing. */
  public List<AnnotationResult> failingAnnotations() {
    return annotations().stream().filter(AnnotationResult::failing).toList();
  }

  /** Enumerated label values seen over expected, summed over the catalogue. */
  public int labelValuesSeen() {
    return metrics.stream().mapToInt(MetricCheck::valuesSeen).sum();
  }

  /** Enumerated label values the catalogue allows. */
  public int labelValuesExpected() {
    return metrics.stream().mapToInt(MetricCheck::valuesExpected).sum();
  }

  /**
   * The one-line summary, e.g. {@code panels 57/57 with data · annotations 8/8 with events ·
   * alerts 12/12 fired · metrics 30/30 · label values 140/140}; the annotations' part only when
   * a dashboard had annotation queries, noting the optional ones that were empty.
   */
  public String summaryLine() {
    StringBuilder sb = new StringBuilder("panels " + panelsWithData() + "/" + panels() + " with data");
    List<AnnotationResult> annotations = annotations();
    if (!annotations.isEmpty()) {
      long withData = annotations.stream().filter(AnnotationResult::hasData).count();
      long optionalEmpty = annotations.stream()
          .filter(a -> a.optional() && a.check().status() == TargetStatus.EMPTY).count();
      sb.append(" · annotations ").append(withData).append('/').append(annotations.size())
          .append(" with events");
      if (optionalEmpty > 0) {
        sb.append(" (").append(optionalEmpty).append(" alert annotations empty: no alert fired)");
      }
    }
    if (!alerts.isEmpty()) {
      sb.append(" · alerts ").append(alerts.stream().filter(AlertCheck::passed).count())
          .append('/').append(alerts.size()).append(" fired");
      if (!alertsNotDrivenLive.isEmpty()) {
        sb.append(" (").append(alertsNotDrivenLive.size()).append(" more only in the promtool matrix)");
      }
    }
    if (!metrics.isEmpty()) {
      sb.append(" · metrics ").append(metrics.stream().filter(MetricCheck::present).count())
          .append('/').append(metrics.size());
      sb.append(" · label values ").append(labelValuesSeen()).append('/').append(labelValuesExpected());
    }
    return sb.toString();
  }

  /**
   * True when every panel has data, every annotation but the optional alert ones has events,
   * no alert was active in the healthy phase, every alert fired
   * all the way in its scenario with nothing unrelated firing beside it, and every catalogue
   * metric and label value is present.
   */
  public boolean passed() {
    return panelsWithData() == panels() && failingAnnotations().isEmpty()
        && alerts.stream().allMatch(AlertCheck::passed)
        && activeWhenHealthy.isEmpty() && scenarios.stream().allMatch(ScenarioCheck::passed)
        && metrics.stream().allMatch(MetricCheck::present)
        && labelValuesSeen() == labelValuesExpected();
  }
}
