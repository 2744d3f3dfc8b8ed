package io.durobs.workload;

import io.durobs.engine.telemetry.Telemetry;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The catalogue workload as a program. Telemetry is configured by the standard {@code OTEL_*}
 * environment variables (see {@link Telemetry}); the database by {@code --database-url} or
 * {@code DATABASE_URL}.
 *
 * <pre>
 * java -cp ... io.durobs.workload.CatalogueWorkloadMain \
 *     [--database-url URL] [--scale N] [--duration 30s] [--gauge-interval 1s] \
 *     [--phases catalogue|paths,store-faults,healthy,failures,store-errors,poison,backlog]
 * </pre>
 *
 * <p>Prints one line per phase and, last, {@code catalogue: M/30 metrics, L/98 label values} for
 * what this process recorded. Exit codes: 0 done, 1 the workload failed, 2 bad arguments (one
 * line on stderr naming the argument).
 */
public final class CatalogueWorkloadMain {

  private CatalogueWorkloadMain() {}

  /** Runs the program; see the class documentation. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("catalogue-workload: " + e.getMessage());
      return 2;
    }
    CoverageReader coverage = new CoverageReader();
    Telemetry telemetry;
    try {
      telemetry = Telemetry.builder().addMetricReader(coverage).shutdownHook(true).build();
    } catch (ConfigurationException e) {
      err.println("catalogue-workload: invalid OpenTelemetry setting: " + e.getMessage());
      return 2;
    }
    try (telemetry;
        CatalogueWorkload w = CatalogueWorkload.builder().databaseUrl(o.databaseUrl)
            .openTelemetry(telemetry.openTelemetry()).scale(o.scale).duration(o.duration)
            .gaugeRefreshInterval(o.gaugeInterval).start()) {
      for (PhaseResult r : w.run(o.phases)) {
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
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("catalogue-workload: interrupted");
      return 1;
    } catch (RuntimeException e) {
      err.println("catalogue-workload: " + e.getMessage());
      return 1;
    }
  }

  /** Parsed command line. */
  private record Options(String databaseUrl, int scale, Duration duration, Duration gaugeInterval,
      List<Phase> phases) {

    static Options parse(String[] args) {
      String url = System.getenv("DATABASE_URL");
      int scale = 1;
      Duration duration = Duration.ofSeconds(30);
      Duration gauge = Duration.ofSeconds(1);
      String phases = "catalogue";
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(a.startsWith("--") ? a + " needs a value"
              : "unexpected argument '" + a + "'");
        }
        String v = args[++i];
        switch (a) {
          case "--database-url" -> url = v;
          case "--scale" -> scale = positiveInt(a, v);
          case "--duration" -> duration = duration(a, v);
          case "--gauge-interval" -> gauge = duration(a, v);
          case "--phases" -> phases = v;
          default -> throw new IllegalArgumentException("unknown option '" + a + "'");
        }
      }
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("no database: pass --database-url or set DATABASE_URL");
      }
      io.durobs.engine.store.postgres.DatabaseUrl.parse(url);
      if (gauge.compareTo(Duration.ofSeconds(15)) > 0) {
        throw new IllegalArgumentException("--gauge-interval must be at most 15s, got " + gauge);
      }
      return new Options(url, scale, duration, gauge, Phases.parse(phases, duration));
    }

    private static int positiveInt(String option, String v) {
      try {
        int n = Integer.parseInt(v);
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(option + " must be a positive integer, got '" + v + "'");
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m} or ISO-8601 ({@code PT30S}). */
    static Duration duration(String option, String v) {
      try {
        Duration d;
        if (v.matches("\\d+ms")) {
          d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        } else if (v.matches("\\d+s")) {
          d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
        } else if (v.matches("\\d+m")) {
          d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
        } else {
          d = Duration.parse(v);
        }
        if (!d.isNegative() && !d.isZero()) {
          return d;
        }
      } catch (DateTimeParseException | NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(option + " must be a positive duration such as 500ms,"
          + " 30s or 2m, got '" + v + "'");
    }
  }
}
