package io.durobs.it.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.durobs.toolkit.promql.PromQlSyntaxException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The one stand-in of the validator's tests: an HTTP server answering Loki's query API
 * ({@code /loki/api/v1/query_range}, {@code /loki/api/v1/labels},
 * {@code /loki/api/v1/label/<name>/values}) with the response JSON Loki's HTTP API documentation
 * gives, over log records the collector really exported (its {@code file} exporter output). Loki
 * itself cannot run here: it is AGPL-licensed and not built on this machine, and there is no
 * container engine; so {@link LokiClient} and {@link LokiBackend} are tested against its documented
 * wire format instead.
 *
 * <p>What it serves: stream labels are the records' resource attributes with dots as underscores
 * (Loki's OTLP ingestion of {@code service.name} and the like); a log query's streams carry those
 * plus the record's attributes and severity (Loki's answer merges structured metadata into the
 * stream); selectors and filters are evaluated by {@link LogRecordBackend}'s matcher; a query it
 * cannot read (or with a Grafana variable such as {@code $__auto} left in) gets Loki's HTTP 400
 * with a plain-text {@code parse error}; a metric query is
 * answered as a matrix with one sample per matching line (not step-aligned: only "has data" is
 * judged). Every request's {@code Authorization} header is recorded.
 */
public final class LokiStandIn implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<LogRecord> records;
  private final HttpServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  private LokiStandIn(List<LogRecord> records) throws IOException {
    this.records = records;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/loki/api/v1/query_range", x -> answer(x, this::queryRange));
    server.createContext("/loki/api/v1/labels", x -> answer(x, p -> ok(labels(p).keySet())));
    server.createContext("/loki/api/v1/label/", x -> answer(x, p -> {
      String name = x.getRequestURI().getPath().replaceAll("^/loki/api/v1/label/|/values$", "");
      return ok(labels(p).getOrDefault(name, new TreeSet<>()));
    }));
    server.start();
  }

  /** A stand-in serving the records of this file exporter output. */
  public static LokiStandIn serving(Path fileExporterOutput) throws IOException {
    return new LokiStandIn(FileExporterRecords.read(fileExporterOutput));
  }

  /** Its base URL, {@code http://127.0.0.1:port}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The {@code Authorization} headers received, in order (empty string for none). */
  public List<String> authorizations() {
    return authorizations;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private record Answer(int status, String contentType, String body) {}

  private void answer(HttpExchange x, Function<Map<String, String>, Answer> handler) throws IOException {
    String auth = x.getRequestHeaders().getFirst("Authorization");
    authorizations.add(auth == null ? "" : auth);
    Answer a = handler.apply(params(x.getRequestURI().getRawQuery()));
    byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", a.contentType());
    x.sendResponseHeaders(a.status(), body.length);
    x.getResponseBody().write(body);
    x.close();
  }

  private Answer queryRange(Map<String, String> p) {
    String query = p.get("query");
    List<LogRecord> matching;
    if (query.contains("$__")) {
      // a Grafana variable left in: Loki's parser stops at the '$'
      return new Answer(400, "text/plain; charset=utf-8", "parse error at line 1, col "
          + (query.indexOf("$__") + 1) + ": syntax error: unexpected $\n");
    }
    try {
      matching = new ArrayList<>(LogRecordBackend.matching(query, inRange(p)));
    } catch (PromQlSyntaxException | IndexOutOfBoundsException e) {
      return new Answer(400, "text/plain; charset=utf-8", "parse error at line 1, col 1: syntax error: "
          + e.getMessage() + "\n");
    }
    matching.sort(Comparator.comparingLong(LogRecord::timeUnixNano).reversed());
    List<Map<String, Object>> result = new ArrayList<>();
    String resultType;
    if (query.strip().startsWith("{")) {
      resultType = "streams";
      Map<Map<String, String>, List<List<String>>> byStream = new LinkedHashMap<>();
      matching.stream().limit(Long.parseLong(p.getOrDefault("limit", "100"))).forEach(r ->
          byStream.computeIfAbsent(LogRecordBackend.allLabels(r), k -> new ArrayList<>())
              .add(List.of(String.valueOf(r.timeUnixNano()), r.body())));
      byStream.forEach((stream, values) -> result.add(Map.of("stream", stream, "values", values)));
    } else {
      resultType = "matrix";
      if (!matching.isEmpty()) {
        List<List<Object>> values = new ArrayList<>();
        matching.forEach(r -> values.add(List.of(r.timeUnixNano() / 1e9, "1")));
        result.add(Map.of("metric", Map.of(), "values", values));
      }
    }
    return json(Map.of("status", "success", "data", Map.of("resultType", resultType, "result", result,
        "stats", Map.of())));
  }

  /** Stream label names with their values, over the records in the range. */
  private Map<String, TreeSet<String>> labels(Map<String, String> p) {
    Map<String, TreeSet<String>> out = new java.util.TreeMap<>();
    for (LogRecord r : inRange(p)) {
      LogRecordBackend.streamLabels(r).forEach((k, v) -> out.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
    }
    return out;
  }

  private List<LogRecord> inRange(Map<String, String> p) {
    long start = Long.parseLong(p.get("start"));
    long end = Long.parseLong(p.get("end"));
    return records.stream().filter(r -> r.timeUnixNano() >= start && r.timeUnixNano() <= end).toList();
  }

  private static Answer ok(java.util.Collection<String> data) {
    return json(Map.of("status", "success", "data", List.copyOf(data)));
  }

  private static Answer json(Object body) {
    try {
      return new Answer(200, "application/json", JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null) {
      return out;
    }
    for (String kv : rawQuery.split("&")) {
      String[] parts = kv.split("=", 2);
      out.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return out;
  }
}
