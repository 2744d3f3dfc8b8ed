package io.durobs.toolkit.tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Waits for something to become ready (a server's health endpoint, a series in Prometheus, a
 * line in a file), saying what it waited for when it gives up; and the checks servers are
 * awaited with.
 */
public final class Readiness {

  /** How often a condition is checked. */
  private static final Duration POLL = Duration.ofMillis(200);
  /** How many lines of a process' output a failure shows. */
  private static final int TAIL_LINES = 30;

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Readiness() {}

  /**
   * Checks {@code check} every 200 ms until it holds.
   *
   * @param what what is awaited, e.g. "Prometheus /-/ready at http://127.0.0.1:9090"
   * @param timeout how long to wait
   * @param process the process that should become ready (its exit ends the wait early), or null
   * @param check the condition
   * @throws NotReadyException naming what was awaited, with the process' last output lines
   */
  public static void await(String what, Duration timeout, ManagedProcess process, BooleanSupplier check) {
    Instant deadline = Instant.now().plus(timeout);
    while (!check.getAsBoolean()) {
      if (process != null && !process.isAlive()) {
        throw new NotReadyException(process.name() + " exited with code " + process.exitCode()
            + " while waiting for " + what + "; its last output (" + process.log() + "):\n"
            + process.tail(TAIL_LINES), null);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new NotReadyException("gave up after " + timeout.toSeconds() + " s waiting for "
            + what + (process == null ? "" : "; last output of " + process.name() + " ("
            + process.log() + "):\n" + process.tail(TAIL_LINES)), null);
      }
      pause(POLL.toMillis());
    }
  }

  /**
   * Sleeps, turning an interrupt into an exception (with the flag kept) so polling loops end.
   *
   * @param millis how long
   * @throws IllegalStateException if interrupted
   */
  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Whether a GET of the URL answers 200 within 2 s.
   *
   * @param url an http URL
   * @return true on 200; false on any other status or no answer
   */
  public static boolean httpOk(String url) {
    try {
      HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Whether a TCP connection to the address is accepted within 200 ms.
   *
   * @param host the host
   * @param port the port
   * @return true when something listens there
   */
  public static boolean accepts(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
