package io.durobs.it.prometheus;

import io.durobs.toolkit.promql.PromDuration;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The base URL of an HTTP API the harness queries (Prometheus, Loki), with what every client of
 * one needs said the same way: credentials in the URL ({@code http://user:password@host}) sent as
 * basic authentication and shown with the password as {@code ***} (or {@link Credentials} from a
 * file or the environment, never shown), and why no answer came (a
 * refused connection, a host name that does not resolve, a timeout) in one line.
 */
public final class HttpEndpoint {

  private final URI base;
  private final String shown;
  private final String authorization;

  /** @param url the API's base URL; a path prefix is kept, user and password are taken out */
  public HttpEndpoint(URI url) {
    this(url, Credentials.none());
  }

  /**
   * @param url the API's base URL; a path prefix is kept
   * @param credentials how to authenticate, when the URL carries no user information
   * @throws IllegalArgumentException when both the URL and {@code credentials} say how
   */
  public HttpEndpoint(URI url, Credentials credentials) {
    String user = url.getRawUserInfo();
    if (user != null && !credentials.isNone()) {
      throw new IllegalArgumentException("credentials given twice: in the URL and as "
          + credentials + "; give them once");
    }
    String plain = withUserInfo(url, null).toString();
    this.base = URI.create(plain.endsWith("/") ? plain : plain + "/");
    this.shown = withoutSlash(user == null ? plain : withUserInfo(url, redacted(user)).toString());
    this.authorization = user == null ? credentials.authorization().orElse(null)
        : "Basic " + Base64.getEncoder().encodeToString(
            URLDecoder.decode(user, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
  }

  /** A request to {@code path} (relative to the base), with the credentials if the URL had some. */
  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(resolve(path));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  /** The URL as messages show it: no trailing slash, the password as {@code ***}. */
  public String shown() {
    return shown;
  }

  /** {@code path} resolved against the base, without credentials. */
  public URI resolve(String path) {
    return base.resolve(path);
  }

  /**
   * Why no answer came, telling a refused connection, a failed DNS lookup and a timeout apart.
   *
   * @param e what the HTTP client threw
   * @param timeout the request timeout, named when it ran out
   */
  public String unreachableReason(IOException e, Duration timeout) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "the host name does not resolve (DNS lookup failed)";
      }
      if (t instanceof HttpConnectTimeoutException) {
        return "connecting timed out (host down or a firewall dropping packets?)";
      }
      if (t instanceof HttpTimeoutException) {
        return "no answer within " + PromDuration.format(timeout);
      }
      if (t instanceof ConnectException) {
        // the HTTP client reports a failed lookup as a bare ConnectException: look the name up to tell
        try {
          InetAddress.getByName(base.getHost());
        } catch (UnknownHostException dns) {
          return "the host name does not resolve (DNS lookup failed)";
        }
        return "connection refused (nothing listens on that port)";
      }
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().lines().findFirst().orElse("");
  }

  /** The start of a body that is not the API's, for "answered ... but not with X's API (...)". */
  public static String bodyStart(String body) {
    String b = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    if (b.isEmpty()) {
      return "empty body";
    }
    return "body starts '" + (b.length() > 60 ? b.substring(0, 60) + "…" : b) + "'";
  }

  private static String redacted(String userInfo) {
    String user = URLDecoder.decode(userInfo.split(":", 2)[0], StandardCharsets.UTF_8);
    return userInfo.contains(":") ? user + ":***" : user;
  }

  private static URI withUserInfo(URI u, String userInfo) {
    try {
      return new URI(u.getScheme(), userInfo, u.getHost(), u.getPort(), u.getPath(), null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + u + "' is not a URL", e);
    }
  }

  private static String withoutSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
