/**
 * What a validation run found and how it is written down: {@link io.durobs.it.report.RunReport}
 * (dashboards, alerts, scenarios, catalogue metrics, the summary line and the pass verdict) and
 * {@link io.durobs.it.report.ReportWriter}, which writes {@code report.json} (the records of
 * {@code ReportJson}, serialised by Jackson) and {@code report.html} (the Mustache template
 * {@code report.html} in this package's resources, filled in by {@code ReportPage}, every value
 * HTML-escaped, uPlot inlined so the page opens offline).
 */
package io.durobs.it.report;
