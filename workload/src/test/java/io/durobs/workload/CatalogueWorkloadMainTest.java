package io.durobs.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--scale|0|--scale must be a positive integer, got '0'",
      "--duration|soon|--duration must be a positive duration such as 500ms, 30s or 2m, got 'soon'",
      "--phases|healthy,meltdown|unknown phase 'meltdown'",
      "--gauge-interval|1m|--gauge-interval must be at most 15s, got PT1M",
      "--database-url|mysql://x/y|database URL must start with jdbc:postgresql:",
      "--color|red|unknown option '--color'",
  })
  void badArgumentsExitWithCode2AndOneLineNamingThem(String option, String value, String message) {
    int code = run("--database-url", "jdbc:postgresql://127.0.0.1:1/none", option, value);
    assertThat(code).isEqualTo(2);
    String e = err.toString(StandardCharsets.UTF_8);
    assertThat(e.lines()).hasSize(1);
    assertThat(e).startsWith("catalogue-workload: ").contains(message);
    assertThat(out.size()).isZero();
  }

  @Test
  void aMissingValueIsNamed() {
    assertThat(run("--scale")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
        "catalogue-workload: --scale needs a value" + System.lineSeparator());
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
    assertThat(lines.get(1)).matches("catalogue: \\d+/30 metrics, \\d+/98 label values");
    assertThat(lines.get(2)).startsWith("no data: ");
  }
}
