package io.durobs.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogueWorkloadMainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return CatalogueWorkloadMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static final String HINT = "Try 'catalogue-workload --help' for more information.";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--scale|0|Invalid value for option '--scale': '0' is not a positive integer",
      "--scale|many|Invalid value for option '--scale': 'many' is not a positive integer",
      "--duration|soon|Invalid value for option '--duration': 'soon' is not a positive duration such as 500ms, 30s or 2m",
      "--duration|0s|Invalid value for option '--duration': '0s' is not a positive duration such as 500ms, 30s or 2m",
      "--phases|healthy,meltdown|--phases: unknown phase 'meltdown'",
      "--gauge-interval|1m|--gauge-interval must be at most 15s, got 1m",
      "--database-url|mysql://x/y|Invalid value for option '--database-url': database URL must start with jdbc:postgresql:",
      "--color|red|Unknown options: '--color', 'red'",
  })
  void badArgumentsExitWithCode2AndOneLineNamingThem(String option, String value, String message) {
    int code = run("--database-url", "jdbc:postgresql://127.0.0.1:1/none", option, value);
    assertThat(code).isEqualTo(2);
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("catalogue-workload: " + message);
    assertThat(lines.get(1)).isEqualTo(HINT);
    assertThat(out.size()).isZero();
  }

  @Test
  void aMissingValueIsNamed() {
    assertThat(run("--scale")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
        "catalogue-workload: Missing required parameter for option '--scale' (N)"
            + System.lineSeparator() + HINT + System.lineSeparator());
  }

  @Test
  void aValueThatIsAnOptionIsNotTakenAsTheValue() {
    assertThat(run("--scale", "--duration", "1s")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
        "catalogue-workload: Expected parameter for option '--scale' but found '--duration'");
  }

  @Test
  void helpListsEveryOptionAndTheExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("Usage: catalogue-workload [-h] [--database-url=URL] [--scale=N]")
        .contains("--gauge-interval=DURATION", "--phases=PHASES", "-h, --help", "Exit codes:",
            "2   bad arguments");
    assertThat(err.size()).isZero();
  }

  @Test
  void durationsTakePrometheusAndIsoSyntax() {
    CatalogueWorkloadMain.PositiveDuration d = new CatalogueWorkloadMain.PositiveDuration();
    assertThat(d.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(d.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(d.convert("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void noDatabaseIsBadInput() {
    // DATABASE_URL may be set where the tests run: an empty --database-url stands for "none"
    assertThat(run("--database-url", "", "--phases", "healthy")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines().findFirst()).contains(
        "catalogue-workload: no database: pass --database-url or set DATABASE_URL");
  }

  @Test
  void runsThePhasesAndPrintsTheCoverageOfItsOwnRun() {
    TestDatabase db = TestPostgres.freshDatabase();
    String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "user=" + db.user()
        + (db.password() == null || db.password().isEmpty() ? "" : "&password=" + db.password());
    // no collector in this test: the standard settings, as system properties, turn export off
    List<String> keys = List.of("otel.metrics.exporter", "otel.logs.exporter");
    keys.forEach(k -> System.setProperty(k, "none"));
    try {
      assertThat(run("--database-url", url, "--phases", "healthy", "--duration", "500ms",
          "--gauge-interval", "200ms")).as(err.toString(StandardCharsets.UTF_8)).isZero();
    } finally {
      keys.forEach(System::clearProperty);
    }
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0)).matches("phase healthy: \\d+ ms, \\d+ started, \\d+ ended, [0-9.]+ ended/s");
    assertThat(lines.get(1)).matches("catalogue: \\d+/31 metrics, \\d+/98 label values");
    assertThat(lines.get(2)).startsWith("no data: ");
  }
}
