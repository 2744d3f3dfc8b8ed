package io.durobs.it.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for a part of the stack to become ready, saying what it waits for when it gives up. */
public final class Readiness {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Readiness() {}

  /**
   * Polls {@code check} every 200 ms until it holds.
   *
   * @param what what is awaited, e.g. "Prometheus /-/ready at http://127.0.0.1:9090"
   * @param timeout how long to wait
   * @param process the process that should become ready (its exit ends the wait early), or null
   * @throws StackStartException naming what was awaited, with the process' last output lines
   */
  public static void await(String what, Duration timeout, ManagedProcess process, BooleanSupplier check) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (check.getAsBoolean()) {
        return;
      }
      if (process != null && !process.isAlive()) {
        throw new StackStartException(process.name() + " exited with code " + process.exitCode()
            + " while waiting for " + what + "; its last output (" + process.log() + "):\n"
            + process.tail(30), null);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new StackStartException("gave up after " + timeout.toSeconds() + " s waiting for "
            + what + (process == null ? "" : "; last output of " + process.name() + " ("
            + process.log() + "):\n" + process.tail(30)), null);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackStartException("interrupted while waiting for " + what, e);
      }
    }
  }

  /** Sleeps, turning an interrupt into an exception (with the flag kept) so polling loops end. */
  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** True when a GET of the URL answers 200. */
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
}
