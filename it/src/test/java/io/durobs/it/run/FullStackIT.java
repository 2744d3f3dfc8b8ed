package io.durobs.it.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.durobs.dashboards.Provisioning;
import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.rules.EngineRules;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.it.alerts.AlertCheck;
import io.durobs.it.alerts.ScenarioCheck;
import io.durobs.it.alerts.WebhookReceiver;
import io.durobs.it.report.RunReport;
import io.durobs.it.stack.ContainerStack;
import io.durobs.it.stack.LocalStack;
import io.durobs.it.stack.StackLauncher;
import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import io.durobs.toolkit.tools.Checkout;
import io.durobs.toolkit.tools.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The whole setup end to end: the stack from the rendered files (the rules at the harness time
 * scale), the engines of the catalogue workload exporting over OTLP (one per fault scenario,
 * each under its own {@code service.name}, the scenarios running at the same time), every
 * dashboard panel and log panel, every alert through its fault scenario to the webhook, and the
 * catalogue through the pipeline. On this machine kind the stack is local processes (collector built by ocb,
 * Prometheus, Alertmanager, PostgreSQL from the OS packages); where a Docker engine runs, the same
 * run also goes through the containers with Grafana and Loki. The reports land in
 * {@code it/target/full-stack-report} (and {@code it/target/container-stack-report}).
 */
class FullStackIT {

  private final Path root = Checkout.root();
  private final Instant t0 = Instant.now();

  @Test
  void onLocalProcessesEveryPanelHasDataEveryAlertFiresAndTheCatalogueArrives() {
    Path reportDir = root.resolve("it/target/full-stack-report");
    RunReport report;
    Path runDir;
    try (LocalStack stack = LocalStack.builder(Tools.inCheckout(root)).database(FullStackIT::database).build();
        EngineWorkload workload = EngineWorkload.create()) {
      stack.start();
      runDir = stack.runDirectory();
      report = run(stack, workload, stack.webhook(), reportDir);
    }
    assertThat(runDir).as("the stack's temp directory is removed").doesNotExist();
    assertPassed(report, reportDir);
  }

  @Test
  void inContainersEveryPanelHasDataEveryAlertFiresAndTheCatalogueArrives() {
    assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
        "no Docker engine here: the container launcher runs where one exists");
    Path reportDir = root.resolve("it/target/container-stack-report");
    RunReport report;
    try (WebhookReceiver webhook = WebhookReceiver.start("0.0.0.0");
        ContainerStack stack = new ContainerStack(root, webhook);
        EngineWorkload workload = EngineWorkload.create()) {
      stack.start();
      report = run(stack, workload, webhook, reportDir);
    }
    assertPassed(report, reportDir);
  }

  private RunReport run(StackLauncher stack, Workload workload, WebhookReceiver webhook, Path reportDir) {
    RunReport report = ValidationRun.builder(stack, workload, webhook)
        .dashboards(root.resolve("generated").resolve(Provisioning.DASHBOARDS_DIR))
        .datasourceScrapeInterval(Provisioning.DATA_INTERVAL)
        .reportDir(reportDir)
        .progress(line -> System.err.printf("[%4d s] %s%n", Duration.between(t0, Instant.now()).toSeconds(), line))
        .build().run();
    System.err.println("full-stack run took " + Duration.between(t0, Instant.now()).toSeconds() + " s");
    return report;
  }

  private static void assertPassed(RunReport report, Path reportDir) {
    assertThat(reportDir.resolve("report.html")).isNotEmptyFile();
    assertThat(reportDir.resolve("report.json")).isNotEmptyFile();
    String failing = report.failingPanels().stream().map(p -> p.title() + ": " + p.targets().stream()
        .filter(t -> t.diagnosis() != null).map(t -> t.refId() + " " + t.diagnosis().headline())
        .collect(Collectors.joining("; "))).collect(Collectors.joining("\n"));
    assertThat(report.failingPanels()).as(failing).isEmpty();
    assertThat(report.activeWhenHealthy()).as("alerts active under healthy load").isEmpty();
    assertThat(report.alerts()).as(report.alerts().toString()).allMatch(AlertCheck::passed);
    assertThat(report.scenarios()).as(report.scenarios().toString()).allMatch(ScenarioCheck::passed);
    assertThat(report.passed()).isTrue();

    long panels = report.panels();
    int values = MetricCatalogue.enumeratedValueCount();
    int rules = EngineRules.of(ContentConfig.defaults()).alerts().size();
    int notLive = EngineWorkload.notDrivenLive().size();
    int alerts = rules - notLive;
    int metrics = MetricCatalogue.all().size();
    assertThat(report.alertsNotDrivenLive()).as("alerts reported apart, each with its reason")
        .containsExactlyInAnyOrderElementsOf(EngineWorkload.notDrivenLive().keySet());
    // every dashboard's two annotations have events: engine starts (the engine started within
    // the dashboards' hour) and firing alerts (the Watchdog always fires)
    long annotations = report.annotations().size();
    assertThat(report.failingAnnotations()).as("annotations without events").isEmpty();
    assertThat(notLive).as("every alert is driven live").isZero();
    assertThat(report.summaryLine()).isEqualTo("panels " + panels + "/" + panels + " with data · "
        + "annotations " + annotations + "/" + annotations + " with events · alerts "
        + alerts + "/" + alerts + " fired · metrics "
        + metrics + "/" + metrics + " · label values " + values + "/" + values);
    assertThat(report.summaryLine()).isEqualTo("panels 137/137 with data · annotations 10/10 with"
        + " events · alerts 24/24 fired · metrics 31/31 · label values 98/98");
    try {
      assertThat(Files.readString(reportDir.resolve("report.json"))).contains(report.summaryLine());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static StackLauncher.Database database() {
    TestDatabase db = TestPostgres.freshDatabase();
    return new StackLauncher.Database(db.jdbcUrl(), db.user(), db.password());
  }
}
