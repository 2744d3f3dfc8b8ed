package io.durobs.it.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durobs.it.prometheus.Credentials;
import io.durobs.it.prometheus.HttpEndpoint;
import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.prometheus.QueryResult;
import io.durobs.it.prometheus.Sample;
import io.durobs.it.prometheus.Series;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Locale;
import java.util.Map;

/**
 * A small client for Loki's query API: {@code /loki/api/v1/query_range} (a log query's streams, a
 * metric query's matrix), {@code /loki/api/v1/labels} and {@code /loki/api/v1/label/<name>/values}
 * over a time range (Unix nanoseconds, as Loki takes them).
 *
 * <p>Bounded: each request has a timeout, a log query asks for at most {@code limit} lines, and an
 * answer larger than {@code maxResponseBytes} is refused rather than read. Credentials in the URL
 * ({@code http://user:password@host:3100}) are sent as HTTP basic authentication and never shown:
 * every message names the URL with the password replaced by {@code ***}.
 *
 * <p>Errors are one line each: {@link LokiException#isUnreachable() unreachable} for a refused
 * connection, a host name that does not resolve, a timeout, or a server that answers but not with
 * Loki's API; otherwise Loki's own message (Loki answers a bad query with HTTP 400 and a plain-text
 * body).
 */
public final class LokiClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpEndpoint endpoint;
  private final HttpClient http;
  private final Duration timeout;
  private final long maxResponseBytes;

  /**
   * @param baseUrl Loki's address, e.g. {@code http://127.0.0.1:3100} (a path prefix is kept;
   *     user and password, if given, become basic authentication)
   * @param timeout the time one request may take
   * @param maxResponseBytes the largest answer read
   */
  public LokiClient(URI baseUrl, Duration timeout, long maxResponseBytes) {
    this(baseUrl, timeout, maxResponseBytes, Credentials.none());
  }

  /**
   * @param baseUrl Loki's address, without user information
   * @param timeout the time one request may take
   * @param maxResponseBytes the largest answer read
   * @param credentials how to authenticate (never shown)
   * @throws IllegalArgumentException when the URL carries credentials too
   */
  public LokiClient(URI baseUrl, Duration timeout, long maxResponseBytes,
      Credentials credentials) {
    this.endpoint = new HttpEndpoint(baseUrl, credentials);
    this.timeout = timeout;
    this.maxResponseBytes = maxResponseBytes;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The address as shown in messages: without a trailing slash, the password as {@code ***}. */
  public String shownUrl() {
    return endpoint.shown();
  }

  /**
   * {@code /loki/api/v1/query_range}: a log query's entries (one series per stream, one sample of
   * value 1 per line, newest {@code limit} lines) or a metric query's matrix.
   */
  public QueryResult queryRange(String logql, Instant start, Instant end, Duration step, int limit) {
    Map<String, String> params = rangeParams(logql, start, end, limit);
    params.put("step", String.format(Locale.ROOT, "%.3f", Math.max(step.toMillis(), 1) / 1000.0));
    JsonNode root = get("loki/api/v1/query_range", params);
    return root.path("data").path("resultType").asText().equals("streams")
        ? streams(root.path("data")) : PrometheusClient.parseResult(root);
  }

  /**
   * The entries of a log query as records: each line with its stream's labels (Loki's answer
   * merges index labels and structured metadata into the stream) as resource, its severity from
   * {@code severity_text} or {@code detected_level}.
   */
  public List<LogRecord> entries(String logql, Instant start, Instant end, int limit) {
    JsonNode data = get("loki/api/v1/query_range", rangeParams(logql, start, end, limit)).path("data");
    List<LogRecord> out = new ArrayList<>();
    for (JsonNode stream : data.path("result")) {
      Map<String, String> labels = PrometheusClient.labels(stream.path("stream"));
      String severity = labels.getOrDefault("severity_text", labels.getOrDefault("detected_level", ""));
      for (JsonNode v : stream.path("values")) {
        out.add(new LogRecord(Long.parseLong(v.get(0).asText()), severity, v.get(1).asText(), labels, Map.of()));
      }
    }
    return out;
  }

  /** {@code /loki/api/v1/labels}: the stream label names with entries in the range. */
  public List<String> labels(Instant start, Instant end) {
    return PrometheusClient.strings(get("loki/api/v1/labels",
        Map.of("start", nanos(start), "end", nanos(end))).path("data"));
  }

  /** {@code /loki/api/v1/label/<name>/values}: the values the stream label had in the range. */
  public List<String> labelValues(String label, Instant start, Instant end) {
    return PrometheusClient.strings(get("loki/api/v1/label/" + enc(label) + "/values",
        Map.of("start", nanos(start), "end", nanos(end))).path("data"));
  }

  // ---- plumbing ---------------------------------------------------------------------------

  /** A log query over the range, newest lines first, at most {@code limit} of them. */
  private static Map<String, String> rangeParams(String logql, Instant start, Instant end, int limit) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("query", logql);
    params.put("start", nanos(start));
    params.put("end", nanos(end));
    params.put("limit", String.valueOf(limit));
    params.put("direction", "backward");
    return params;
  }

  private JsonNode get(String path, Map<String, String> params) {
    StringBuilder query = new StringBuilder();
    params.forEach((k, v) -> query.append(query.length() == 0 ? "?" : "&").append(enc(k)).append('=').append(enc(v)));
    HttpRequest request = endpoint.request(path + query).timeout(timeout).GET().build();
    String url = endpoint.shown() + "/" + path;
    HttpResponse<InputStream> response;
    String body;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      body = read(response.body(), url);
    } catch (IOException e) {
      throw new LokiException("Loki unreachable at " + url + ": " + endpoint.unreachableReason(e, timeout), true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LokiException("interrupted while calling " + url, true, e);
    }
    JsonNode root = json(body);
    if (response.statusCode() == 200 && root != null && "success".equals(root.path("status").asText())
        && root.has("data")) {
      return root;
    }
    if (response.statusCode() == 400 || response.statusCode() == 422) {
      // Loki's answer to a query it cannot run: plain text (older versions) or Prometheus-style JSON
      String error = root != null && root.has("error") ? root.path("error").asText() : body.strip();
      throw new LokiException(firstLine(error), false, null);
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new LokiException(url + " answered HTTP " + response.statusCode()
          + ": the credentials in the URL are missing or refused", true, null);
    }
    throw new LokiException(url + " answered HTTP " + response.statusCode() + " but not with Loki's "
        + "API (" + HttpEndpoint.bodyStart(body) + "): is " + endpoint.shown() + " a Loki server?", true, null);
  }

  /** The body, refused past {@code maxResponseBytes} (an unbounded answer never fills the heap). */
  private String read(InputStream in, String url) throws IOException {
    try (in) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponseBytes + 1));
      if (bytes.length > maxResponseBytes) {
        throw new LokiException(url + " answered more than " + maxResponseBytes + " bytes (the "
            + "limit of one answer): narrow the query or the time range", false, null);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static JsonNode json(String body) {
    try {
      JsonNode root = JSON.readTree(body);
      return root != null && root.isObject() ? root : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** A log query's answer: one series per stream, one sample of value 1 per line. */
  private static QueryResult streams(JsonNode data) {
    List<Series> series = new ArrayList<>();
    for (JsonNode s : data.path("result")) {
      List<Sample> samples = new ArrayList<>();
      for (JsonNode v : s.path("values")) {
        samples.add(new Sample(Long.parseLong(v.get(0).asText()) / 1_000_000, 1));
      }
      samples.sort(java.util.Comparator.comparingLong(Sample::epochMillis));
      series.add(new Series(PrometheusClient.labels(s.path("stream")), samples));
    }
    return new QueryResult("streams", series, List.of());
  }

  private static String nanos(Instant t) {
    return t.getEpochSecond() + String.format(Locale.ROOT, "%09d", t.getNano());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String firstLine(String s) {
    String line = s.strip().lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
