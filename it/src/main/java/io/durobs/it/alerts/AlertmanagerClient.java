package io.durobs.it.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Alertmanager's API v2, the part a test needs: the alerts it currently holds. */
public final class AlertmanagerClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** @param baseUrl e.g. {@code http://127.0.0.1:9093} */
  public AlertmanagerClient(String baseUrl) {
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /**
   * The names of the alerts Alertmanager holds but does not notify because an inhibit rule
   * suppresses them ({@code status.inhibitedBy} not empty).
   *
   * @throws IllegalStateException when Alertmanager does not answer with a list
   */
  public java.util.Set<String> inhibited() {
    java.util.Set<String> out = new java.util.TreeSet<>();
    inhibitedAlerts().forEach(labels -> out.add(labels.getOrDefault("alertname", "")));
    return out;
  }

  /**
   * The label sets of the alerts Alertmanager holds but does not notify because an inhibit rule
   * suppresses them ({@code status.inhibitedBy} not empty).
   *
   * @throws IllegalStateException when Alertmanager does not answer with a list
   */
  public List<Map<String, String>> inhibitedAlerts() {
    List<Map<String, String>> out = new ArrayList<>();
    for (JsonNode a : get()) {
      if (a.path("status").path("inhibitedBy").size() > 0) {
        out.add(labels(a));
      }
    }
    return out;
  }

  /**
   * {@code GET /api/v2/alerts}: the label sets of the alerts Alertmanager holds (active, silenced
   * and inhibited alike).
   *
   * @throws IllegalStateException when Alertmanager does not answer with a list
   */
  public List<Map<String, String>> alerts() {
    List<Map<String, String>> out = new ArrayList<>();
    for (JsonNode a : get()) {
      out.add(labels(a));
    }
    return out;
  }

  private static Map<String, String> labels(JsonNode alert) {
    Map<String, String> labels = new TreeMap<>();
    alert.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  private JsonNode get() {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts"))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(r.body());
      if (r.statusCode() != 200 || !body.isArray()) {
        throw new IllegalStateException("Alertmanager " + base + "/api/v2/alerts answered HTTP "
            + r.statusCode() + ": " + r.body());
      }
      return body;
    } catch (IOException e) {
      throw new IllegalStateException("Alertmanager unreachable at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
