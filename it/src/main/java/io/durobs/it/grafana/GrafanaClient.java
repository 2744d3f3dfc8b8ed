package io.durobs.it.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durobs.toolkit.grafana.read.DashboardFile;
import io.durobs.toolkit.grafana.read.DashboardReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Grafana's HTTP API, the calls a server-side panel check needs: the provisioned dashboards
 * ({@code GET /api/search}, {@code GET /api/dashboards/uid/:uid}), data sources
 * ({@code GET /api/datasources}) and running a query through Grafana's own data source backend
 * ({@code POST /api/ds/query}).
 */
public final class GrafanaClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String auth;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param baseUrl e.g. {@code http://localhost:3000}
   * @param user a user allowed to read dashboards and query data sources
   * @param password its password
   */
  public GrafanaClient(String baseUrl, String user, String password) {
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The uids of every dashboard ({@code /api/search?type=dash-db}). */
  public List<String> dashboardUids() {
    List<String> out = new ArrayList<>();
    get("/api/search?type=dash-db&limit=5000").forEach(d -> out.add(d.path("uid").asText()));
    return out;
  }

  /** A dashboard as Grafana stores it ({@code /api/dashboards/uid/:uid}), read for checking. */
  public DashboardFile dashboard(String uid) {
    return DashboardReader.read(get("/api/dashboards/uid/" + uid), "grafana:" + uid);
  }

  /** The raw {@code /api/dashboards/uid/:uid} answer ({@code dashboard} and {@code meta}). */
  public JsonNode dashboardJson(String uid) {
    return get("/api/dashboards/uid/" + uid);
  }

  /** Every data source: {@code uid}, {@code name}, {@code type} per entry. */
  public JsonNode datasources() {
    return get("/api/datasources");
  }

  /**
   * {@code POST /api/ds/query}: answers with HTTP status and body (Grafana answers 400 with the
   * per-query error in the body when a query fails, so both are returned).
   */
  public HttpResponse<String> dsQuery(JsonNode body) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base + "/api/ds/query"))
          .timeout(Duration.ofSeconds(60)).header("Authorization", auth)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("Grafana unreachable at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
          .timeout(Duration.ofSeconds(30)).header("Authorization", auth).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("Grafana " + base + path + " answered HTTP " + r.statusCode() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("Grafana unreachable at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
