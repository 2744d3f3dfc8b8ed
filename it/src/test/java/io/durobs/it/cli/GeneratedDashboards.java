package io.durobs.it.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes many dashboards for the scale measurement (README: "A thousand dashboards"): each a
 * variant of what users write against Prometheus' own metrics, six panels, four with data, one
 * empty (diagnosed), one a Loki panel (skipped without log records).
 *
 * <pre>
 * java -cp ... io.durobs.it.cli.GeneratedDashboards DIR COUNT
 * </pre>
 */
public final class GeneratedDashboards {

  private GeneratedDashboards() {}

  /** Writes {@code count} dashboards into {@code dir}. */
  public static void write(Path dir, int count) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < count; i++) {
      Files.writeString(dir.resolve(String.format("dashboard-%04d.json", i)), dashboard(i));
    }
  }

  static String dashboard(int i) {
    String handler = i % 2 == 0 ? "/metrics" : "/api/v1/query";
    return """
        {"title": "Generated %1$d", "uid": "gen-%1$d", "time": {"from": "now-15m", "to": "now"},
         "templating": {"list": [{"name": "ds", "type": "datasource", "query": "prometheus"}]},
         "panels": [
          {"id": 1, "type": "timeseries", "title": "Requests", "datasource": {"type": "prometheus", "uid": "$ds"},
           "gridPos": {"w": 12}, "targets": [{"refId": "A", "expr": "sum by (handler) (rate(prometheus_http_requests_total{handler=\\"%2$s\\"}[$__rate_interval]))", "legendFormat": "{{handler}}"}]},
          {"id": 2, "type": "stat", "title": "Head series", "datasource": "Prometheus",
           "targets": [{"refId": "A", "expr": "prometheus_tsdb_head_series"}]},
          {"id": 3, "type": "timeseries", "title": "Scrape duration",
           "targets": [{"refId": "A", "expr": "scrape_duration_seconds{job=\\"prometheus\\"}"}]},
          {"id": 4, "type": "timeseries", "title": "Latency p90",
           "targets": [{"refId": "A", "expr": "histogram_quantile(0.9, sum by (le) (rate(prometheus_http_request_duration_seconds_bucket[$__rate_interval])))"}]},
          {"id": 5, "type": "stat", "title": "Typo", "targets": [{"refId": "A", "expr": "sum(prometheus_http_requests_total{code=\\"2OO\\"})"}]},
          {"id": 6, "type": "logs", "title": "Logs", "datasource": "Loki", "targets": [{"refId": "A", "expr": "{service_name=\\"gen-%1$d\\"}"}]}
         ]}
        """.formatted(i, handler);
  }

  /** {@code DIR COUNT}. */
  public static void main(String[] args) throws IOException {
    write(Paths.get(args[0]), Integer.parseInt(args[1]));
  }
}
