package io.durobs.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.it.stack.LocalPrometheus;
import io.durobs.it.stack.RunDirectory;
import io.durobs.toolkit.tools.Checkout;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code validate} goal against a real Prometheus (one that scrapes only itself): a panel
 * over a series it holds passes, the engine's dashboards, whose series it lacks, fail the build
 * naming the report, and a Prometheus that is not there is one line of bad configuration.
 */
class ValidateMojoTest {

  private static RunDirectory dir;
  private static LocalPrometheus prometheus;

  @BeforeAll
  static void startPrometheus() throws Exception {
    dir = RunDirectory.create("validate-goal");
    prometheus = LocalPrometheus.selfScraping(Checkout.tools().prometheus(), dir.path(),
        Duration.ofSeconds(1));
    // the panels are checked once: wait until the series they read has a sample
    Instant deadline = Instant.now().plusSeconds(60);
    while (!prometheus.client().query("prometheus_http_requests_total", Instant.now()).hasData()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Prometheus scraped nothing in 60 s");
      }
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stopPrometheus() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (dir != null) {
      dir.close();
    }
  }

  /** An output folder holding this dashboard JSON and the rendered data sources. */
  private static File outputWith(Path root, String dashboardJson) throws Exception {
    Path out = root.resolve("durobs");
    Path dashboards = Files.createDirectories(out.resolve("grafana/dashboards"));
    Files.writeString(dashboards.resolve("d.json"), dashboardJson);
    Path datasources = out.resolve("grafana/provisioning/datasources/datasources.yaml");
    Files.createDirectories(datasources.getParent());
    Files.copy(Checkout.root().resolve("generated/grafana/provisioning/datasources/datasources.yaml"),
        datasources);
    return out.toFile();
  }

  private static ValidateMojo validate(File output, File report, String url) {
    ValidateMojo m = new ValidateMojo();
    m.outputDirectory = output;
    m.reportDirectory = report;
    m.prometheusUrl = url;
    return m;
  }

  @Test
  void panelsWithDataPassAndTheReportIsWritten(@TempDir Path tmp) throws Exception {
    File out = outputWith(tmp, """
        {"uid": "self", "title": "Prometheus itself", "schemaVersion": 39,
         "time": {"from": "now-5m", "to": "now"},
         "panels": [{"id": 1, "type": "timeseries", "title": "HTTP requests",
           "datasource": {"type": "prometheus", "uid": "prometheus"},
           "targets": [{"refId": "A", "expr": "sum(prometheus_http_requests_total)"}]}]}
        """);
    File report = tmp.resolve("report").toFile();

    validate(out, report, prometheus.url()).execute();

    assertThat(report.toPath().resolve("report.json")).content().contains("\"HTTP requests\"");
  }

  @Test
  void theEnginesDashboardsWithoutTheEngineFailTheBuildNamingTheReport(@TempDir Path tmp)
      throws Exception {
    File out = outputWith(tmp, Files.readString(Checkout.root()
        .resolve("generated/grafana/dashboards/overview.json")));
    File report = tmp.resolve("report").toFile();

    assertThatThrownBy(() -> validate(out, report, prometheus.url()).execute())
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("durobs: validate: some panels have no data against " + prometheus.url()
            + " (report: " + report + "/report.html)");
    assertThat(report.toPath().resolve("report.html")).exists();
  }

  @Test
  void aPrometheusThatIsNotThereIsOneLineOfBadConfiguration(@TempDir Path tmp) throws Exception {
    File out = outputWith(tmp, "{\"uid\": \"x\", \"title\": \"X\", \"panels\": []}");
    String nobody = "http://127.0.0.1:" + io.durobs.toolkit.tools.Ports.free();

    assertThatThrownBy(() -> validate(out, tmp.resolve("r").toFile(), nobody).execute())
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("durobs: validate: validate-dashboards: Prometheus unreachable at "
            + nobody)
        .hasMessageNotContaining("\n");
  }
}
