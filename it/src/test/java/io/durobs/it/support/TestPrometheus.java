package io.durobs.it.support;

import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.prometheus.QueryResult;
import io.durobs.it.stack.LocalPrometheus;
import io.durobs.it.stack.RunDirectory;
import io.durobs.toolkit.tools.Checkout;
import java.time.Duration;
import java.time.Instant;

/**
 * One real Prometheus per test JVM, scraping itself every 2 s, so {@code prometheus_*} metrics
 * have data without the rest of the stack. Started on first use; stopped and its directory
 * removed when the JVM exits.
 */
public final class TestPrometheus {

  /** The scrape interval of the shared server. */
  public static final Duration SCRAPE = Duration.ofSeconds(2);

  private static LocalPrometheus server;

  private TestPrometheus() {}

  /** The shared server, started (and given six scrapes of data) on first use. */
  public static synchronized LocalPrometheus shared() {
    if (server == null) {
      RunDirectory dir = RunDirectory.create("test-prometheus");
      LocalPrometheus p = LocalPrometheus.selfScraping(Checkout.tools().prometheus(), dir.path(), SCRAPE);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        p.close();
        dir.close();
      }));
      awaitSamples(p.client(), 6);
      server = p;
    }
    return server;
  }

  private static void awaitSamples(PrometheusClient c, int samples) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      QueryResult r = c.query("count_over_time(prometheus_http_requests_total{handler=\"/metrics\"}[5m])", Instant.now());
      if (r.hasData() && r.series().get(0).samples().get(0).value() >= samples) {
        return;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("the test Prometheus did not scrape itself " + samples + " times in 60 s");
  }
}
