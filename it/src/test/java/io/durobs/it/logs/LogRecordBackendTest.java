package io.durobs.it.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.it.check.PreparedQuery;
import io.durobs.it.check.QueryOutcome;
import io.durobs.it.grafana.QueryTiming;
import io.durobs.toolkit.grafana.read.QueryTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LogQL stages over exported records: label filters, line filters, metric queries. */
class LogRecordBackendTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final Map<String, String> ENGINE = Map.of("service.name", "duroxide-engine",
      "service.instance.id", "i-1");

  private final LogRecordBackend logs = new LogRecordBackend(() -> List.of(
      record("INFO", "greeting world", Map.of("orchestration_name", "Hello", "instance_id", "a")),
      record("ERROR", "activity failed", Map.of("activity_name", "Fail", "instance_id", "b")),
      record("ERROR", "turn failed", Map.of("orchestration_name", "Failing", "instance_id", "b")),
      record("WARN", "store slow", Map.of())));

  private static LogRecord record(String severity, String body, Map<String, String> attributes) {
    return new LogRecord(NOW.minusSeconds(30).toEpochMilli() * 1_000_000, severity, body, ENGINE, attributes);
  }

  private QueryOutcome run(String expr) {
    QueryTiming timing = QueryTiming.compute(NOW.minus(Duration.ofMinutes(5)), NOW, 1000, null, "15s", null, 0);
    return logs.run(new PreparedQuery(QueryTarget.rangeQuery("A", expr), "loki", expr, expr, timing, 1000));
  }

  private long count(String expr) {
    QueryOutcome o = run(expr);
    assertThat(o.failed()).as(o.error()).isFalse();
    return o.result().sampleCount();
  }

  @Test
  void labelFiltersAreNotReadAsLineFilters() {
    assertThat(count("{service_name=~\"duroxide-engine\"} | service_instance_id=~\"i-1\" | orchestration_name!=\"\""))
        .isEqualTo(2);
    assertThat(count("{service_name=~\"duroxide-engine\"} | orchestration_name!=\"\" | orchestration_name=~\"Hel.*\""))
        .isEqualTo(1);
    assertThat(count("{service_name=\"duroxide-engine\"} | activity_name!=\"\" | activity_name=~\".*\"")).isEqualTo(1);
  }

  @Test
  void metricQueriesStopAtTheirRange() {
    assertThat(count("sum by (orchestration_name) (count_over_time({service_name=~\"duroxide-engine\"} "
        + "| severity_text=~\"(?i)(error|fatal)\" | orchestration_name!=\"\" [$__auto]))")).isEqualTo(1);
    assertThat(count("sum(count_over_time({service_name=~\".+\"} | severity_text=~\"(?i)warn.*\" [1m]))")).isEqualTo(1);
  }

  @Test
  void lineFiltersAndParserStages() {
    assertThat(count("{service_name=\"duroxide-engine\"} |= \"failed\" != \"turn\"")).isEqualTo(1);
    assertThat(count("{service_name=\"duroxide-engine\"} | json | line_format \"{{.x}}\" |~ \"fail(ed)?\"")).isEqualTo(2);
    assertThat(count("{service_name=\"other\"}")).isZero();
  }

  @Test
  void anUnreadablePipelineIsAQueryError() {
    QueryOutcome o = run("{service_name=\"duroxide-engine\"} |= failed");
    assertThat(o.failed()).isTrue();
    assertThat(o.error()).contains("quoted string");
  }
}
