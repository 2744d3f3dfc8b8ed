package com.example.toygres.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.extension.ExtendedContent;
import io.durobs.dashboards.extension.UserContent;
import io.durobs.dashboards.rules.RuleFiles;
import io.durobs.dashboards.rules.RuleTiming;
import io.durobs.engine.api.Registry;
import io.durobs.engine.runtime.DurableRuntime;
import io.durobs.engine.telemetry.Telemetry;
import io.durobs.it.cli.ValidateDashboards;
import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.stack.LocalStack;
import io.durobs.it.stack.StackLauncher;
import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import io.durobs.toolkit.tools.Tools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The proof with the harness: the real stack (collector, Prometheus, Alertmanager, PostgreSQL;
 * {@code LocalStack}), Toygres' engine and metrics exporting OTLP to it, then every panel of the
 * rendered Toygres dashboard has data (the harness' {@code validate-dashboards}, as Grafana would
 * run each target) and {@code ToygresProvisioningSlow} fires for the slow region only. The rules
 * load at the harness' time scale (every hold and range divided by 60, as the repository's own
 * full-stack run does); promtool proves the production timing in this build's promtool goal.
 */
class ToygresLiveIT {

  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private static final Path RENDERED = Path.of("target/durobs");

  @Test
  void everyPanelHasDataAndTheAlertFiresForTheSlowRegion() throws Exception {
    String checkout = System.getProperty("durobs.checkout");
    assertTrue(checkout != null && !checkout.isBlank(),
        "set -Ddurobs.checkout=DIR (a durobs checkout: its tools/install-tools.sh provides the "
            + "stack's binaries)");
    ExtendedContent content = ExtendedContent.of(ContentConfig.defaults(),
        List.of(new ToygresObservability()));
    UserContent toygres = content.contents().get(0);
    String rules = RuleFiles.rules(toygres.ruleGroups(), content.config().runbookBaseUrl(),
        RuleTiming.scaled(60, Duration.ofSeconds(20)));

    try (LocalStack stack = LocalStack.builder(Tools.inCheckout(Path.of(checkout)))
        .database(ToygresLiveIT::database).rules(Map.of("toygres.yaml", rules)).build()) {
      stack.start();
      StackLauncher.Database db = stack.database();
      ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
      try (Telemetry telemetry = Telemetry.builder()
              .setting("otel.exporter.otlp.endpoint", stack.otlpEndpoint())
              .setting("otel.exporter.otlp.protocol", "http/protobuf")
              .setting("otel.metric.export.interval", "1000")
              .setting("otel.service.name", ToygresObservability.JOB)
              .installLogAppender(false).build();
          DurableRuntime engine = DurableRuntime.builder()
              .postgres(io.durobs.engine.store.postgres.PostgresStore.builder()
                  .jdbcUrl(db.jdbcUrl()).user(db.user()).password(db.password()))
              .registry(Registry.builder().build())
              .openTelemetry(telemetry.openTelemetry()).build().start()) {
        ToygresMetrics metrics = new ToygresMetrics(telemetry.openTelemetry());
        // eu-west provisions in about four minutes (slow), us-east in seconds
        traffic.scheduleAtFixedRate(() -> {
          metrics.created("eu-west", 250);
          metrics.created("us-east", 4);
          metrics.deleted("us-east");
        }, 0, 500, TimeUnit.MILLISECONDS);

        PrometheusClient prometheus = PrometheusClient.of(stack.prometheusUrl());
        String firing = "ALERTS{alertname=\"ToygresProvisioningSlow\", alertstate=\"firing\"}";
        awaitPanelsWithData(stack.prometheusUrl());
        List<Map<String, String>> alerts = await("ToygresProvisioningSlow firing", () -> {
          var r = prometheus.query(firing, Instant.now());
          return r.hasData() ? r.series().stream().map(s -> s.labels()).toList() : null;
        });
        assertEquals(List.of("eu-west"), alerts.stream().map(l -> l.get("region")).toList(),
            "the alert fires for the slow region only: " + alerts);
        assertEquals(ToygresObservability.JOB, alerts.get(0).get("job"));
      } finally {
        traffic.shutdownNow();
      }
    }
  }

  /** Runs the harness' dashboard check until every panel of the Toygres dashboard has data. */
  private static void awaitPanelsWithData(String prometheusUrl) throws InterruptedException {
    String[] args = {"--prometheus", prometheusUrl,
        "--dashboard", RENDERED.resolve("grafana/dashboards/toygres.json").toString(),
        "--datasources", RENDERED.resolve(
            "grafana/provisioning/datasources/datasources.yaml").toString(),
        "--from", "now-5m", "--to", "now", "--quiet"};
    String last = await("every panel of the Toygres dashboard with data", () -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int code = ValidateDashboards.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(out, true, StandardCharsets.UTF_8));
      String text = out.toString(StandardCharsets.UTF_8);
      assertTrue(code != ValidateDashboards.BAD_INPUT, text);
      return code == ValidateDashboards.OK ? text : null;
    });
    System.out.println("toygres: " + last.strip().lines().reduce((a, b) -> b).orElse(""));
  }

  private interface Probe<T> {
    T get() throws Exception;
  }

  /** Polls until the probe returns a value; fails naming what did not happen by the deadline. */
  private static <T> T await(String what, Probe<T> probe) throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    Exception lastError = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        T value = probe.get();
        if (value != null) {
          return value;
        }
      } catch (AssertionError e) {
        throw e;
      } catch (Exception e) {
        lastError = e;
      }
      Thread.sleep(2000);
    }
    throw new AssertionError("no " + what + " within " + DEADLINE.toSeconds() + " s"
        + (lastError == null ? "" : " (last error: " + lastError + ")"));
  }

  private static StackLauncher.Database database() {
    TestDatabase db = TestPostgres.freshDatabase();
    return new StackLauncher.Database(db.jdbcUrl(), db.user(), db.password());
  }
}
