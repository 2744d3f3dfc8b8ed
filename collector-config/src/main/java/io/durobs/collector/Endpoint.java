package io.durobs.collector;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where one service of the stack is reached from the others: a host name (a Compose service name
 * in containers, {@code 127.0.0.1} for local processes) and a TCP port.
 *
 * @param host the host name or IP address
 * @param port the TCP port, 1 to 65535
 */
public record Endpoint(String host, int port) {

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");

  /**
   * Validates the parts.
   *
   * @throws IllegalArgumentException if the host is not a plain host name or IPv4 address, or the
   *     port is out of range
   */
  public Endpoint {
    Objects.requireNonNull(host, "host");
    if (!HOST.matcher(host).matches()) {
      throw new IllegalArgumentException("endpoint host '" + host + "' is not a host name or IPv4 address");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("endpoint " + host + ": port " + port + " is not in 1..65535");
    }
  }

  /**
   * {@code host:port}, as Prometheus targets and collector endpoints are written.
   *
   * @return e.g. {@code collector:8889}
   */
  public String hostPort() {
    return host + ":" + port;
  }

  /**
   * An {@code http://} URL on this endpoint.
   *
   * @param path the path, starting with {@code /} (or empty)
   * @return e.g. {@code http://loki:3100/otlp}
   */
  public URI http(String path) {
    if (!path.isEmpty() && !path.startsWith("/")) {
      throw new IllegalArgumentException("URL path '" + path + "' must start with '/'");
    }
    return URI.create("http://" + hostPort() + path);
  }

  /**
   * The same host on another port.
   *
   * @param newPort the port
   * @return a new endpoint
   */
  public Endpoint withPort(int newPort) {
    return new Endpoint(host, newPort);
  }

  /**
   * The same port on another host.
   *
   * @param newHost the host
   * @return a new endpoint
   */
  public Endpoint withHost(String newHost) {
    return new Endpoint(newHost, port);
  }
}
