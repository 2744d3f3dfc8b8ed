package io.durobs.workload;

import io.durobs.engine.store.postgres.DatabaseUrl;
import io.durobs.engine.telemetry.Telemetry;
import io.durobs.toolkit.cli.CommandLines;
import io.durobs.toolkit.cli.Converter;
import io.durobs.toolkit.promql.PromDuration;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The catalogue workload as a program. Telemetry is configured by the standard {@code OTEL_*}
 * environment variables (see {@link Telemetry}); the database by {@code --database-url} or
 * {@code DATABASE_URL}.
 *
 * <pre>
 * java -cp ... io.durobs.workload.CatalogueWorkloadMain \
 *     [--database-url URL] [--scale N] [--duration 30s] [--gauge-interval 1s] \
 *     [--phases catalogue|paths,store-faults,healthy,failures,store-errors,poison,backlog] [--help]
 * </pre>
 *
 * <p>Prints one line per phase and, last, {@code catalogue: M/31 metrics, L/98 label values} for
 * what this process recorded. Exit codes: 0 done, 1 the workload failed, 2 bad arguments (one
 * line on stderr naming the argument, then a hint to {@code --help}; see {@link CommandLines}).
 */
@Command(name = CatalogueWorkloadMain.NAME, sortOptions = false, sortSynopsis = false,
    description = "Runs the catalogue workload against PostgreSQL and prints, per phase, how many "
        + "orchestrations started and ended, then the catalogue coverage of this run. Telemetry is "
        + "configured by the standard OTEL_* environment variables.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the workload failed", "2:bad arguments"})
public final class CatalogueWorkloadMain implements Callable<Integer> {

  static final String NAME = "catalogue-workload";

  private static final Duration MAX_GAUGE_INTERVAL = Duration.ofSeconds(15);

  @Spec private CommandSpec spec;

  @Option(names = "--database-url", paramLabel = "URL", defaultValue = "${env:DATABASE_URL}",
      converter = DatabaseUrlText.class,
      description = "jdbc:postgresql:// URL of the database (default: $DATABASE_URL)")
  private String databaseUrl;

  @Option(names = "--scale", paramLabel = "N", converter = PositiveInt.class,
      description = "how many clients and workers per phase (default: ${DEFAULT-VALUE})")
  private int scale = 1;

  @Option(names = "--duration", paramLabel = "DURATION", converter = PositiveDuration.class,
      description = "how long each timed phase runs: 500ms, 30s, 2m or ISO-8601 (default: 30s)")
  private Duration duration = Duration.ofSeconds(30);

  @Option(names = "--gauge-interval", paramLabel = "DURATION", converter = PositiveDuration.class,
      description = "how often the engine's gauges are refreshed, at most 15s (default: 1s)")
  private Duration gaugeInterval = Duration.ofSeconds(1);

  @Option(names = "--phases", paramLabel = "PHASES",
      description = "catalogue, or a comma-separated list of paths, store-faults, healthy, "
          + "failures, store-errors, poison, backlog (default: ${DEFAULT-VALUE})")
  private String phases = "catalogue";

  @Mixin private CommandLines.Help help;

  private final PrintStream out;
  private final PrintStream err;

  private CatalogueWorkloadMain(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the program; see the class documentation. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    return CommandLines.execute(new CatalogueWorkloadMain(out, err), args, out, err);
  }

  @Override
  public Integer call() {
    List<Phase> phaseList = validPhases();
    CoverageReader coverage = new CoverageReader();
    Telemetry telemetry;
    try {
      telemetry = Telemetry.builder().addMetricReader(coverage).shutdownHook(true).build();
    } catch (ConfigurationException e) {
      err.println(NAME + ": invalid OpenTelemetry setting: " + e.getMessage());
      return CommandLines.BAD_INPUT;
    }
    try (telemetry;
        CatalogueWorkload w = CatalogueWorkload.builder().databaseUrl(databaseUrl)
            .openTelemetry(telemetry.openTelemetry()).scale(scale).duration(duration)
            .gaugeRefreshInterval(gaugeInterval).haltOnFatalError(true).start()) {
      for (PhaseResult r : w.run(phaseList)) {
        out.printf(Locale.ROOT, "phase %s: %d ms, %d started, %d ended, %.1f ended/s%n",
            r.name(), r.elapsed().toMillis(), r.clientStarts(), r.completed(),
            r.completionsPerSecond());
      }
      CatalogueCoverage c = coverage.coverage();
      out.println(c.summary());
      if (!c.isComplete()) {
        out.println("no data: " + String.join(", ", c.missing()));
      }
      telemetry.flush(Duration.ofSeconds(10));
      return CommandLines.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(NAME + ": interrupted");
      return CommandLines.FAILED;
    } catch (RuntimeException e) {
      err.println(NAME + ": " + e.getMessage());
      return CommandLines.FAILED;
    }
  }

  /** The checks across options, before anything starts. */
  private List<Phase> validPhases() {
    if (databaseUrl == null || databaseUrl.isBlank()) {
      throw new ParameterException(spec.commandLine(),
          "no database: pass --database-url or set DATABASE_URL");
    }
    if (gaugeInterval.compareTo(MAX_GAUGE_INTERVAL) > 0) {
      throw new ParameterException(spec.commandLine(), "--gauge-interval must be at most "
          + PromDuration.format(MAX_GAUGE_INTERVAL) + ", got " + PromDuration.format(gaugeInterval));
    }
    try {
      return Phases.parse(phases, duration);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--phases: " + e.getMessage());
    }
  }

  /**
   * A database URL {@link DatabaseUrl} accepts, kept as text for the workload's builder; blank
   * (an empty {@code DATABASE_URL}) means none, which the command reports.
   */
  static final class DatabaseUrlText extends Converter<String> {
    DatabaseUrlText() {
      super(v -> {
        if (!v.isBlank()) {
          DatabaseUrl.parse(v);
        }
        return v;
      });
    }
  }

  /** An integer of at least 1. */
  static final class PositiveInt extends Converter<Integer> {
    PositiveInt() {
      super(CatalogueWorkloadMain::positiveInt);
    }
  }

  /** A positive duration: Prometheus' syntax ({@code 500ms}, {@code 30s}, {@code 2m}) or ISO-8601 ({@code PT30S}). */
  static final class PositiveDuration extends Converter<Duration> {
    PositiveDuration() {
      super(CatalogueWorkloadMain::positiveDuration);
    }
  }

  private static int positiveInt(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("'" + value + "' is not a positive integer");
  }

  private static Duration positiveDuration(String value) {
    try {
      Duration d = value.startsWith("P") ? Duration.parse(value) : PromDuration.parse(value);
      if (!d.isNegative() && !d.isZero()) {
        return d;
      }
    } catch (DateTimeParseException | IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException("'" + value + "' is not a positive duration such as 500ms, "
        + "30s or 2m");
  }
}
