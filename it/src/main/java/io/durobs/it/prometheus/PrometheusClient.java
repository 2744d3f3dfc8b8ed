package io.durobs.it.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.durobs.toolkit.promql.PromDuration;
import io.durobs.toolkit.tools.Readiness;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A small client for Prometheus' HTTP API ({@code /api/v1/...}): instant and range queries,
 * series, label names and values, rules and the loaded configuration. Query parameters are sent
 * as a form body, so long dashboard expressions never hit URL length limits.
 *
 * <p>Every method throws {@link PrometheusException}: {@code unreachable} when no answer came,
 * otherwise with Prometheus' own {@code errorType} and {@code error} text.
 */
public final class PrometheusClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpEndpoint endpoint;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param baseUrl Prometheus' address, e.g. {@code http://127.0.0.1:9090} (a path prefix is kept;
   *     user and password, if given, become basic authentication and are never shown)
   * @param timeout the time one request may take
   */
  public PrometheusClient(URI baseUrl, Duration timeout) {
    this(baseUrl, timeout, Credentials.none());
  }

  /**
   * @param baseUrl Prometheus' address, without user information
   * @param timeout the time one request may take
   * @param credentials how to authenticate (never shown)
   * @throws IllegalArgumentException when the URL carries credentials too
   */
  public PrometheusClient(URI baseUrl, Duration timeout, Credentials credentials) {
    this.endpoint = new HttpEndpoint(baseUrl, credentials);
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** A client with a 30 s request timeout. */
  public static PrometheusClient of(String baseUrl) {
    return new PrometheusClient(URI.create(baseUrl), Duration.ofSeconds(30));
  }

  /** The address this client talks to, without the trailing slash, the password as {@code ***}. */
  public String baseUrl() {
    return endpoint.shown();
  }

  /** {@code /api/v1/query_range}: the expression evaluated every {@code step} over the range. */
  public QueryResult queryRange(String expr, Instant start, Instant end, Duration step) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    form.put("query", List.of(expr));
    form.put("start", List.of(seconds(start)));
    form.put("end", List.of(seconds(end)));
    form.put("step", List.of(stepSeconds(step)));
    return parseResult(postRoot("api/v1/query_range", form));
  }

  /** {@code /api/v1/query}: the expression evaluated at one instant. */
  public QueryResult query(String expr, Instant time) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    form.put("query", List.of(expr));
    form.put("time", List.of(seconds(time)));
    return parseResult(postRoot("api/v1/query", form));
  }

  /**
   * {@code /api/v1/series}: the label sets of the series matching any of the selectors with a
   * sample in the range.
   */
  public List<Map<String, String>> series(List<String> selectors, Instant start, Instant end) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    form.put("match[]", selectors);
    form.put("start", List.of(seconds(start)));
    form.put("end", List.of(seconds(end)));
    JsonNode data = post("api/v1/series", form);
    List<Map<String, String>> out = new ArrayList<>();
    for (JsonNode s : data) {
      out.add(labels(s));
    }
    return out;
  }

  /** {@code /api/v1/labels}: label names on the matching series (all series when none given). */
  public List<String> labelNames(List<String> selectors, Instant start, Instant end) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    if (!selectors.isEmpty()) {
      form.put("match[]", selectors);
    }
    form.put("start", List.of(seconds(start)));
    form.put("end", List.of(seconds(end)));
    return strings(post("api/v1/labels", form));
  }

  /**
   * {@code /api/v1/label/<name>/values}: the values of a label on the matching series (on all
   * series when no selector is given), sorted by Prometheus.
   */
  public List<String> labelValues(String label, List<String> selectors, Instant start, Instant end) {
    StringBuilder query = new StringBuilder();
    for (String s : selectors) {
      query.append("match[]=").append(enc(s)).append('&');
    }
    query.append("start=").append(seconds(start)).append("&end=").append(seconds(end));
    return strings(get("api/v1/label/" + enc(label) + "/values?" + query));
  }

  /** {@code /api/v1/rules}: every rule of every group with its health and, for alerts, state. */
  public List<RuleState> rules() {
    JsonNode data = get("api/v1/rules");
    List<RuleState> out = new ArrayList<>();
    for (JsonNode group : data.path("groups")) {
      for (JsonNode r : group.path("rules")) {
        List<Map<String, String>> active = new ArrayList<>();
        for (JsonNode a : r.path("alerts")) {
          Map<String, String> l = labels(a.path("labels"));
          Map<String, String> withState = new LinkedHashMap<>(l);
          withState.put("__state__", a.path("state").asText());
          active.add(withState);
        }
        out.add(new RuleState(group.path("name").asText(), r.path("name").asText(),
            r.path("type").asText(), r.path("query").asText(), r.path("health").asText(),
            r.path("lastError").asText(""), r.path("state").asText(""), labels(r.path("labels")),
            active));
      }
    }
    return out;
  }

  /**
   * The global {@code scrape_interval} of the loaded configuration ({@code /api/v1/status/config}),
   * Prometheus' default of one minute when the configuration does not set it.
   */
  public Duration globalScrapeInterval() {
    JsonNode data = get("api/v1/status/config");
    try {
      JsonNode conf = new YAMLMapper().readTree(data.path("yaml").asText(""));
      String s = conf.path("global").path("scrape_interval").asText("1m");
      return PromDuration.parse(s);
    } catch (IOException e) {
      throw new PrometheusException("Prometheus at " + baseUrl() + " returned a configuration that "
          + "is not YAML: " + e.getMessage(), "bad_response", e);
    }
  }

  /** True when {@code /-/ready} answers 200 (the TSDB is open and rules are loaded). */
  public boolean isReady() {
    return Readiness.httpOk(endpoint.resolve("-/ready").toString());
  }

  /** The metric names Prometheus has seen in the range (values of {@code __name__}). */
  public List<String> metricNames(Instant start, Instant end) {
    return labelValues("__name__", List.of(), start, end);
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private JsonNode post(String path, Map<String, List<String>> form) {
    return postRoot(path, form).path("data");
  }

  /** The whole answer: {@code data}, and the query's {@code warnings} and {@code infos} beside it. */
  private JsonNode postRoot(String path, Map<String, List<String>> form) {
    StringJoiner body = new StringJoiner("&");
    form.forEach((k, vs) -> vs.forEach(v -> body.add(enc(k) + "=" + enc(v))));
    return send(endpoint.request(path).timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), path);
  }

  private JsonNode get(String path) {
    return send(endpoint.request(path).timeout(timeout).GET().build(), path)
        .path("data");
  }

  private JsonNode send(HttpRequest request, String what) {
    String endpoint = baseUrl() + "/" + what.replaceAll("\\?.*", "");
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new PrometheusException("Prometheus unreachable at " + endpoint + ": "
          + this.endpoint.unreachableReason(e, timeout), "unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException("interrupted while calling " + endpoint, "unreachable", e);
    }
    JsonNode root;
    try {
      root = JSON.readTree(response.body());
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject() || !root.has("status")) {
      throw new PrometheusException(endpoint + " answered HTTP " + response.statusCode()
          + " but not with Prometheus' API (" + HttpEndpoint.bodyStart(response.body()) + "): is "
          + baseUrl() + " a Prometheus server?", "unreachable", null);
    }
    if (!"success".equals(root.path("status").asText())) {
      if (!root.has("error")) {
        throw new PrometheusException(endpoint + " answered HTTP " + response.statusCode()
            + " with status '" + root.path("status").asText() + "' and no error: is " + baseUrl()
            + " a Prometheus server?", "unreachable", null);
      }
      throw new PrometheusException(root.path("error").asText(),
          root.path("errorType").asText("error"), null);
    }
    return root;
  }

  /**
   * A query answer ({@code data} with {@code resultType} and {@code result}, annotations beside
   * it) as a result; also reads Loki's metric query answers, which use Prometheus' format.
   */
  public static QueryResult parseResult(JsonNode root) {
    JsonNode data = root.path("data");
    String type = data.path("resultType").asText();
    List<Series> series = new ArrayList<>();
    JsonNode result = data.path("result");
    switch (type) {
      case "matrix", "vector" -> {
        for (JsonNode s : result) {
          List<Sample> samples = new ArrayList<>();
          if (s.has("value")) {
            samples.add(sample(s.get("value")));
          }
          for (JsonNode v : s.path("values")) {
            samples.add(sample(v));
          }
          if (s.has("histogram")) {
            samples.add(histogramSample(s.get("histogram")));
          }
          for (JsonNode h : s.path("histograms")) {
            samples.add(histogramSample(h));
          }
          series.add(new Series(labels(s.path("metric")), samples));
        }
      }
      case "scalar" -> series.add(new Series(Map.of(), List.of(sample(result))));
      default -> { }
    }
    // annotations sit beside data: warnings, and (Prometheus 3) infos such as "metric might not be a counter"
    List<String> warnings = new ArrayList<>();
    root.path("warnings").forEach(w -> warnings.add(w.asText()));
    List<String> infos = new ArrayList<>();
    root.path("infos").forEach(w -> infos.add(w.asText()));
    return new QueryResult(type, series, warnings, infos);
  }

  private static Sample sample(JsonNode pair) {
    long t = Math.round(pair.get(0).asDouble() * 1000);
    String v = pair.get(1).asText();
    double value = switch (v) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(v);
    };
    return new Sample(t, value);
  }

  private static Sample histogramSample(JsonNode pair) {
    long t = Math.round(pair.get(0).asDouble() * 1000);
    return new Sample(t, Double.parseDouble(pair.get(1).path("count").asText("0")));
  }

  /** A JSON object of label names to values (a series' {@code metric}, a Loki stream). */
  public static Map<String, String> labels(JsonNode node) {
    Map<String, String> m = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  /** A JSON array of strings ({@code data} of the label name and value endpoints). */
  public static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String seconds(Instant t) {
    return String.format(java.util.Locale.ROOT, "%.3f", t.toEpochMilli() / 1000.0);
  }

  private static String stepSeconds(Duration step) {
    return String.format(java.util.Locale.ROOT, "%.3f", Math.max(step.toMillis(), 1) / 1000.0);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
