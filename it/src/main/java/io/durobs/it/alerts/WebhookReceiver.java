package io.durobs.it.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An Alertmanager webhook receiver run by the test (JDK HTTP server on a loopback port): it keeps
 * every notification Alertmanager posts, so a test can assert that an alert went all the way.
 */
public final class WebhookReceiver implements AutoCloseable {

  /**
   * One alert of a received notification.
   *
   * @param received when the notification arrived
   * @param status {@code firing} or {@code resolved}
   * @param labels the alert's labels ({@code alertname}, ...)
   */
  public record Notified(Instant received, String status, Map<String, String> labels) {

    /** The alert name. */
    public String alertname() {
      return labels.getOrDefault("alertname", "");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Notified> received = new CopyOnWriteArrayList<>();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts a receiver on a free port of {@code bindAddress}.
   *
   * @param bindAddress {@code 127.0.0.1} for local processes, {@code 0.0.0.0} when a container
   *     must reach it
   */
  public static WebhookReceiver start(String bindAddress) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), 0), 16);
      WebhookReceiver r = new WebhookReceiver(server);
      server.createContext("/alerts", exchange -> {
        try (InputStream in = exchange.getRequestBody()) {
          r.accept(JSON.readTree(in));
          exchange.sendResponseHeaders(200, -1);
        } catch (IOException e) {
          exchange.sendResponseHeaders(400, -1);
        } finally {
          exchange.close();
        }
      });
      server.start();
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the webhook receiver", e);
    }
  }

  private void accept(JsonNode body) {
    Instant now = Instant.now();
    for (JsonNode a : body.path("alerts")) {
      Map<String, String> labels = new java.util.TreeMap<>();
      a.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      received.add(new Notified(now, a.path("status").asText(body.path("status").asText()), labels));
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The URL to give Alertmanager, with the host the sender reaches this machine by. */
  public URI url(String host) {
    return URI.create("http://" + host + ":" + port() + "/alerts");
  }

  /** Every alert notified so far, oldest first. */
  public List<Notified> received() {
    return new ArrayList<>(received);
  }

  /** The first firing notification of an alert, or null. */
  public Notified firstFiring(String alertname) {
    return firstFiring(alertname, Instant.EPOCH);
  }

  /** The first firing notification of an alert received at or after {@code since}, or null. */
  public Notified firstFiring(String alertname, Instant since) {
    return firstFiring(alertname, null, since);
  }

  /**
   * The first firing notification of an alert for {@code job} (any job when null; empty for an
   * alert without a job label) received at
   * or after {@code since}, or null.
   */
  public Notified firstFiring(String alertname, String job, Instant since) {
    return received.stream().filter(n -> n.alertname().equals(alertname) && n.status().equals("firing")
        && (job == null || job.equals(n.labels().getOrDefault("job", ""))) && !n.received().isBefore(since))
        .findFirst().orElse(null);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
