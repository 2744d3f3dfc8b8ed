package io.durobs.it.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durobs.it.grafana.GrafanaClient;
import io.durobs.it.prometheus.QueryResult;
import io.durobs.it.prometheus.Sample;
import io.durobs.it.prometheus.Series;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs targets through Grafana itself ({@code POST /api/ds/query}) against a provisioned data
 * source: dashboard variables are substituted by the checker, Grafana's backend computes
 * {@code $__interval}, {@code $__rate_interval} and {@code $__range} from the {@code intervalMs}
 * and {@code maxDataPoints} sent, exactly as for a browser. Data frames are turned back into
 * series for the report.
 */
public final class GrafanaBackend implements QueryBackend {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GrafanaClient grafana;
  private final String datasourceUid;

  /**
   * @param grafana the Grafana
   * @param datasourceUid the provisioned data source to query ({@code prometheus} or {@code loki})
   */
  public GrafanaBackend(GrafanaClient grafana, String datasourceUid) {
    this.grafana = grafana;
    this.datasourceUid = datasourceUid;
  }

  /** The {@code /api/ds/query} body for one prepared target. */
  public ObjectNode body(PreparedQuery q) {
    ObjectNode body = JSON.createObjectNode();
    body.put("from", String.valueOf(q.timing().from().toEpochMilli()));
    body.put("to", String.valueOf(q.timing().to().toEpochMilli()));
    ObjectNode query = body.putArray("queries").addObject();
    query.put("refId", q.target().refId().isEmpty() ? "A" : q.target().refId());
    query.putObject("datasource").put("uid", datasourceUid).put("type", q.datasourceType());
    query.put("expr", q.expr());
    query.put("intervalMs", q.timing().intervalMs().toMillis());
    query.put("maxDataPoints", q.maxDataPoints());
    if (q.target().minStep() != null) {
      query.put("interval", q.target().minStep());
    }
    if (q.target().intervalFactor() > 0) {
      query.put("intervalFactor", q.target().intervalFactor());
    }
    query.put("instant", q.target().instant());
    query.put("range", q.target().runsAsRange());
    if ("loki".equals(q.datasourceType())) {
      query.put("queryType", q.target().instant() ? "instant" : "range");
    }
    if (q.target().format() != null) {
      query.put("format", q.target().format());
    }
    return body;
  }

  @Override
  public QueryOutcome run(PreparedQuery q) {
    ObjectNode body = body(q);
    HttpResponse<String> r = grafana.dsQuery(body);
    JsonNode root;
    try {
      root = JSON.readTree(r.body());
    } catch (IOException e) {
      return QueryOutcome.failed("Grafana answered HTTP " + r.statusCode() + " with no JSON", "grafana", q.expr());
    }
    JsonNode result = root.path("results").path(body.path("queries").get(0).path("refId").asText());
    if (result.has("error") || r.statusCode() != 200) {
      return QueryOutcome.failed(result.path("error").asText(root.path("message").asText("HTTP " + r.statusCode())),
          "grafana", q.expr());
    }
    List<Series> series = new ArrayList<>();
    for (JsonNode frame : result.path("frames")) {
      JsonNode fields = frame.path("schema").path("fields");
      JsonNode values = frame.path("data").path("values");
      if (values.size() < 2) {
        continue;
      }
      JsonNode times = values.get(0);
      for (int f = 1; f < values.size(); f++) {
        Map<String, String> labels = new LinkedHashMap<>();
        fields.path(f).path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        List<Sample> samples = new ArrayList<>();
        JsonNode vs = values.get(f);
        for (int k = 0; k < vs.size() && k < times.size(); k++) {
          if (vs.get(k).isNumber()) {
            samples.add(new Sample(times.get(k).asLong(), vs.get(k).asDouble()));
          } else if (!vs.get(k).isNull()) {
            samples.add(new Sample(times.get(k).asLong(), 1));
          }
        }
        series.add(new Series(labels, samples));
      }
    }
    return QueryOutcome.ok(new QueryResult("frames", series, List.of()), q.expr());
  }
}
