package io.durobs.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.dashboards.Provisioning;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.engine.testing.TestDatabase;
import io.durobs.engine.testing.TestPostgres;
import io.durobs.harness.report.RunReport;
import io.durobs.harness.stack.LocalStack;
import io.durobs.harness.stack.StackLauncher;
import io.durobs.harness.stack.Tools;
import io.durobs.rules.EngineRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole setup end to end on this machine's processes: the local stack from the rendered files
 * (collector built by ocb, Prometheus, Alertmanager, the rules at the harness time scale), the
 * engine's catalogue workload on a throwaway PostgreSQL exporting over OTLP, every dashboard
 * panel and log panel, every alert through its fault scenario to the webhook, and the catalogue
 * through the pipeline. The report lands in {@code it/target/full-stack-report}.
 */
class FullStackIT {

  @Test
  void everyPanelHasDataEveryAlertFiresAndTheCatalogueArrives() throws Exception {
    Path root = Tools.checkoutRoot();
    Path reportDir = root.resolve("it/target/full-stack-report");
    Instant t0 = Instant.now();
    RunReport report;
    Path runDir;
    try (LocalStack stack = LocalStack.builder(Tools.of(root)).database(FullStackIT::database).build();
        EngineWorkload workload = EngineWorkload.create()) {
      stack.start();
      runDir = stack.runDirectory();
      report = ValidationRun.builder(stack, workload, stack.webhook())
          .dashboards(root.resolve("generated").resolve(Provisioning.DASHBOARDS_DIR))
          .datasourceScrapeInterval(Provisioning.DATA_INTERVAL)
          .reportDir(reportDir)
          .progress(line -> System.err.printf("[%4d s] %s%n", Duration.between(t0, Instant.now()).toSeconds(), line))
          .build().run();
    }
    System.err.println("full-stack run took " + Duration.between(t0, Instant.now()).toSeconds() + " s");

    assertThat(runDir).doesNotExist();
    assertThat(reportDir.resolve("report.html")).isNotEmptyFile();
    assertThat(Files.readString(reportDir.resolve("report.json"))).contains("\"summary\"");
    String failing = report.failingPanels().stream().map(p -> p.title() + ": " + p.targets().stream()
        .filter(t -> t.diagnosis() != null).map(t -> t.refId() + " " + t.diagnosis().headline())
        .collect(Collectors.joining("; "))).collect(Collectors.joining("\n"));
    assertThat(report.failingPanels()).as(failing).isEmpty();
    assertThat(report.activeWhenHealthy()).as("alerts active under healthy load").isEmpty();
    assertThat(report.alerts()).as(report.alerts().toString()).allMatch(a -> a.passed());
    assertThat(report.scenarios()).as(report.scenarios().toString()).allMatch(s -> s.passed());
    assertThat(report.passed()).isTrue();
    long panels = report.panels();
    int values = MetricCatalogue.enumeratedValueCount();
    int alerts = EngineRules.alerts().size();
    int metrics = MetricCatalogue.all().size();
    assertThat(report.summaryLine()).isEqualTo("panels " + panels + "/" + panels + " with data · alerts "
        + alerts + "/" + alerts + " fired · metrics " + metrics + "/" + metrics + " · label values "
        + values + "/" + values);
    assertThat(report.summaryLine()).isEqualTo("panels 104/104 with data · alerts 17/17 fired · metrics 30/30"
        + " · label values 98/98");
  }

  private static StackLauncher.Database database() {
    TestDatabase db = TestPostgres.freshDatabase();
    return new StackLauncher.Database(db.jdbcUrl(), db.user(), db.password());
  }
}
