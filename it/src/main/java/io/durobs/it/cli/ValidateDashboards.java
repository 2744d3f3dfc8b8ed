package io.durobs.it.cli;

import io.durobs.dashboards.Provisioning;
import io.durobs.dashboards.config.ContentConfig;
import io.durobs.it.check.CheckOptions;
import io.durobs.it.check.DashboardChecker;
import io.durobs.it.check.DashboardResult;
import io.durobs.it.check.PanelResult;
import io.durobs.it.check.ParallelCheck;
import io.durobs.it.check.ProgressListener;
import io.durobs.it.check.PrometheusBackend;
import io.durobs.it.check.QueryBackend;
import io.durobs.it.check.TargetResult;
import io.durobs.it.check.TargetStatus;
import io.durobs.it.grafana.DatasourceTypes;
import io.durobs.it.grafana.GrafanaIntervals;
import io.durobs.it.logs.FileExporterRecords;
import io.durobs.it.logs.LogRecord;
import io.durobs.it.logs.LogRecordBackend;
import io.durobs.it.logs.LokiBackend;
import io.durobs.it.logs.LokiClient;
import io.durobs.it.logs.LokiException;
import io.durobs.it.prometheus.Credentials;
import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.prometheus.PrometheusException;
import io.durobs.it.report.ReportWriter;
import io.durobs.it.report.RunReport;
import io.durobs.toolkit.cli.CommandLines;
import io.durobs.toolkit.cli.Converter;
import io.durobs.toolkit.grafana.read.DashboardFile;
import io.durobs.toolkit.grafana.read.DashboardFormatException;
import io.durobs.toolkit.grafana.read.DashboardReader;
import io.durobs.toolkit.promql.PromDuration;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Validates Grafana dashboard JSON (any dashboard, not only this project's) against a running
 * Prometheus: every Prometheus panel target is run the way Grafana runs it, and every empty or
 * failing one is diagnosed; Loki targets likewise, against the collector's exported log records
 * ({@code --log-records}) or a Loki server ({@code --loki}), one or the other.
 *
 * <pre>
 * validate-dashboards --prometheus URL [--prometheus-credentials-file FILE]
 *                     --dashboard FILE|DIR [--dashboard ...]
 *                     [--from now-1h] [--to now] [--scrape-interval 15s] [--lookback 7d]
 *                     [--datasources FILE | --datasource NAME=TYPE ...]
 *                     [--log-records FILE | --loki URL [--loki-credentials-file FILE]]
 *                     [--strict] [--parallel 4] [--report DIR] [--quiet] [--help]
 * </pre>
 *
 * <p>Credentials never go on the command line: a file option or the environment variable
 * ({@value #PROMETHEUS_CREDENTIALS_ENV}, {@value #LOKI_CREDENTIALS_ENV}) holds {@code USER:PASSWORD}
 * or {@code Bearer TOKEN}; a URL's own {@code user:password@} still works and is redacted.
 *
 * <p>Exit code 0: every checked panel has data; 1: some panel is empty or failing; 2: bad input
 * (unknown option, unreadable file, not a dashboard, Prometheus or Loki unreachable), with one line on
 * standard error saying what and where (bad options: and a hint to {@code --help}, see
 * {@link CommandLines}).
 */
@Command(name = ValidateDashboards.NAME, sortOptions = false, sortSynopsis = false,
    description = "Runs every Prometheus panel target of Grafana dashboards the way Grafana runs it "
        + "and diagnoses each empty or failing one.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every checked panel has data", "1:some panel is empty or failing",
        "2:bad input (options, unreadable file, not a dashboard, Prometheus or Loki unreachable "
            + "or not what they claim, report directory not writable)"})
public final class ValidateDashboards implements Callable<Integer> {

  /** Exit code: every checked panel has data. */
  public static final int OK = CommandLines.OK;
  /** Exit code: some panel is empty or failing. */
  public static final int EMPTY_PANELS = CommandLines.FAILED;
  /** Exit code: bad input. */
  public static final int BAD_INPUT = CommandLines.BAD_INPUT;

  static final String NAME = "validate-dashboards";

  /** The environment variable holding Prometheus' credentials when no file is given. */
  public static final String PROMETHEUS_CREDENTIALS_ENV = "DUROBS_PROMETHEUS_CREDENTIALS";
  /** The environment variable holding Loki's credentials when no file is given. */
  public static final String LOKI_CREDENTIALS_ENV = "DUROBS_LOKI_CREDENTIALS";

  /** The largest answer read from Loki (a log query asks for at most 1,000 lines). */
  static final long LOKI_MAX_RESPONSE_BYTES = 32L * 1024 * 1024;

  @Spec private CommandSpec spec;

  @Option(names = "--prometheus", required = true, paramLabel = "URL", converter = HttpUrl.class,
      description = "the Prometheus to query, e.g. http://localhost:9090")
  private URI prometheus;

  @Option(names = "--prometheus-credentials-file", paramLabel = "FILE",
      description = "Prometheus' credentials: the file's first line is USER:PASSWORD or 'Bearer "
          + "TOKEN' (default: the environment variable " + PROMETHEUS_CREDENTIALS_ENV + ", same form)")
  private Path prometheusCredentialsFile;

  @Option(names = "--dashboard", paramLabel = "FILE|DIR",
      description = "a dashboard JSON file, or a directory of them; repeatable")
  private List<Path> dashboardOptions = new ArrayList<>();

  @Parameters(paramLabel = "FILE|DIR", description = "more dashboards, as with --dashboard")
  private List<Path> dashboardParameters = new ArrayList<>();

  @Option(names = "--from", paramLabel = "TIME",
      description = "start of the range, e.g. now-1h (default: each dashboard's own)")
  private String from;

  @Option(names = "--to", paramLabel = "TIME",
      description = "end of the range, e.g. now (default: each dashboard's own)")
  private String to;

  @Option(names = "--scrape-interval", paramLabel = "INTERVAL", converter = GrafanaInterval.class,
      description = "the data source's scrape interval, e.g. 15s (default: Prometheus' global "
          + "scrape_interval)")
  private String scrapeInterval;

  @Option(names = "--lookback", paramLabel = "DURATION", converter = PrometheusDuration.class,
      description = "how far back \"ever present\" looks (default: 7d)")
  private Duration lookback = Duration.ofDays(7);

  @Option(names = "--datasources", paramLabel = "FILE",
      description = "Grafana's data source provisioning file the dashboards' references resolve "
          + "against (default: this project's, Prometheus uid prometheus and Loki uid loki)")
  private Path datasourcesFile;

  @Option(names = "--datasource", paramLabel = "NAME=TYPE",
      description = "a data source (name and uid NAME, plugin TYPE) instead of a provisioning file; "
          + "repeatable, the first is the default")
  private List<String> datasourceOptions = new ArrayList<>();

  @Option(names = "--log-records", paramLabel = "FILE",
      description = "check Loki targets against these log records: the collector's file exporter "
          + "output (OTLP JSON lines)")
  private Path logRecords;

  @Option(names = "--loki", paramLabel = "URL", converter = HttpUrl.class,
      description = "check Loki targets against this Loki, e.g. http://localhost:3100 (user and "
          + "password in the URL become basic authentication and are never printed); not with "
          + "--log-records")
  private URI loki;

  @Option(names = "--loki-credentials-file", paramLabel = "FILE",
      description = "Loki's credentials, as --prometheus-credentials-file (default: the environment "
          + "variable " + LOKI_CREDENTIALS_ENV + ")")
  private Path lokiCredentialsFile;

  @Option(names = "--strict",
      description = "fail targets on Prometheus' warnings and infos and on legend labels the "
          + "series lack (default: warnings)")
  private boolean strict;

  @Option(names = "--parallel", paramLabel = "N",
      description = "dashboards checked at once (default: 4)")
  private int parallel = 4;

  @Option(names = "--report", paramLabel = "DIR",
      description = "write the report into DIR: report.json, and report.html with a chart per "
          + "target")
  private Path report;

  @Option(names = "--quiet", description = "no progress lines on standard error")
  private boolean quiet;

  @Mixin private CommandLines.Help help;

  private final PrintStream out;
  private final PrintStream err;

  private final Map<String, String> env;

  private ValidateDashboards(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  /** Runs the CLI and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the CLI.
   *
   * @param args the command line
   * @param out where results (and {@code --help}) go
   * @param err where progress and errors go
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv());
  }

  /** {@link #run(String[], PrintStream, PrintStream)} with this environment (for the credentials). */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    return CommandLines.execute(new ValidateDashboards(out, err, env), args, out, err);
  }

  @Override
  public Integer call() {
    List<Path> inputs = new ArrayList<>(dashboardOptions);
    inputs.addAll(dashboardParameters);
    if (inputs.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "no dashboard given (--dashboard FILE)");
    }
    if (parallel < 1 || parallel > 64) {
      throw new ParameterException(spec.commandLine(), "--parallel must be 1 to 64, not " + parallel);
    }
    try {
      DatasourceTypes datasources = datasources();
      List<DashboardFile> dashboards = new ArrayList<>();
      for (Path p : expand(inputs)) {
        dashboards.add(DashboardReader.read(p));
      }
      if (lokiCredentialsFile != null && loki == null) {
        throw new ParameterException(spec.commandLine(), "--loki-credentials-file needs --loki URL");
      }
      if (logRecords != null && loki != null) {
        throw new ParameterException(spec.commandLine(), "give --log-records FILE or --loki URL, not both");
      }
      if (logRecords != null && !Files.isRegularFile(logRecords)) {
        throw new BadInput("--log-records " + logRecords + ": no such file");
      }
      if (report != null) {
        ReportWriter.checkWritable(report);
      }
      PrometheusClient client = new PrometheusClient(prometheus, Duration.ofSeconds(60),
          credentials(prometheus, prometheusCredentialsFile, "--prometheus-credentials-file",
              PROMETHEUS_CREDENTIALS_ENV));
      Instant started = Instant.now();
      List<DashboardResult> results = check(client, datasources, dashboards);
      RunReport runReport = RunReport.dashboardsOnly("Dashboards against " + client.baseUrl(), started,
          Duration.between(started, Instant.now()).toSeconds(), results, List.of());
      printFailingTargets(results);
      if (report != null) {
        out.println("report: " + ReportWriter.write(runReport, report));
      }
      long skipped = runReport.panelsSkipped();
      out.println(runReport.summaryLine()
          + (skipped == 0 ? "" : " (" + skipped + " skipped: not checked or hidden)"));
      return runReport.failingPanels().isEmpty() ? OK : EMPTY_PANELS;
    } catch (DashboardFormatException | PrometheusException | LokiException | BadInput e) {
      err.println(NAME + ": " + e.getMessage());
      return BAD_INPUT;
    } catch (java.io.UncheckedIOException e) {
      err.println(NAME + ": " + e.getMessage() + " (" + e.getCause().getMessage() + ")");
      return BAD_INPUT;
    }
  }

  /**
   * The credentials for {@code url}: from the file option, else from the environment variable
   * unless the URL carries its own (then the variable, meant as a default, is not used).
   */
  private Credentials credentials(URI url, Path file, String option, String variable) {
    try {
      if (file != null && url.getRawUserInfo() != null) {
        throw new BadInput("credentials given twice: in the URL and by " + option + "; give them once");
      }
      if (file != null) {
        return Credentials.fromFile(file, option);
      }
      String fromEnv = env.get(variable);
      if (fromEnv == null || fromEnv.isBlank() || url.getRawUserInfo() != null) {
        return Credentials.none();
      }
      return Credentials.parse(fromEnv, "the environment variable " + variable);
    } catch (IllegalArgumentException e) {
      throw new BadInput(e.getMessage());
    }
  }

  private DatasourceTypes datasources() {
    if (datasourcesFile != null && !datasourceOptions.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "give --datasources FILE or --datasource NAME=TYPE, not both");
    }
    if (!datasourceOptions.isEmpty()) {
      List<DatasourceTypes.Datasource> list = new ArrayList<>();
      for (String d : datasourceOptions) {
        String[] kv = d.split("=", 2);
        if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
          throw new ParameterException(spec.commandLine(), "Invalid value for option '--datasource': '"
              + d + "' is not NAME=TYPE (e.g. Loki=loki)");
        }
        list.add(new DatasourceTypes.Datasource(kv[0], kv[0], kv[1], list.isEmpty()));
      }
      return new DatasourceTypes(list);
    }
    try {
      if (datasourcesFile == null) {
        return DatasourceTypes.fromProvisioning(Provisioning.datasources(ContentConfig.defaults()),
            "the project's data sources");
      }
      return DatasourceTypes.fromProvisioning(Files.readString(datasourcesFile), datasourcesFile.toString());
    } catch (IOException e) {
      throw new BadInput("--datasources " + datasourcesFile + ": cannot read the file ("
          + e.getClass().getSimpleName() + ")");
    } catch (IllegalArgumentException e) {
      throw new BadInput("--datasources " + e.getMessage());
    }
  }

  private List<DashboardResult> check(PrometheusClient client, DatasourceTypes datasources,
      List<DashboardFile> dashboards) {
    // a well-configured data source has the server's scrape interval as its own; asking also
    // proves the URL is a Prometheus before any dashboard is checked
    Duration global = client.globalScrapeInterval();
    String scrape = scrapeInterval != null ? scrapeInterval : GrafanaIntervals.format(global);
    CheckOptions options = CheckOptions.builder().now(Instant.now()).range(from, to)
        .scrapeInterval(scrape).lookback(lookback).datasources(datasources).strict(strict).build();
    Map<String, QueryBackend> backends = new java.util.HashMap<>();
    backends.put("prometheus", new PrometheusBackend(client));
    if (logRecords != null) {
      List<LogRecord> records = FileExporterRecords.read(logRecords);
      backends.put("loki", new LogRecordBackend(() -> records));
    }
    if (loki != null) {
      LokiClient lokiClient = new LokiClient(loki, Duration.ofSeconds(60), LOKI_MAX_RESPONSE_BYTES,
          credentials(loki, lokiCredentialsFile, "--loki-credentials-file", LOKI_CREDENTIALS_ENV));
      // proves the URL is a Loki before any dashboard is checked
      lokiClient.labels(Instant.now().minus(Duration.ofHours(1)), Instant.now());
      backends.put("loki", new LokiBackend(lokiClient));
    }
    ProgressListener progress = quiet ? ProgressListener.SILENT : line -> {
      synchronized (err) {
        err.println(line);
      }
    };
    DashboardChecker checker = new DashboardChecker(client, backends, options, progress);
    return ParallelCheck.run(checker, dashboards, parallel, progress);
  }

  /** One line per empty or failing target, naming dashboard, panel and diagnosis. */
  private void printFailingTargets(List<DashboardResult> results) {
    for (DashboardResult d : results) {
      for (PanelResult p : d.panels()) {
        if (p.status() != TargetStatus.EMPTY && p.status() != TargetStatus.ERROR) {
          continue;
        }
        for (TargetResult t : p.targets()) {
          if (t.diagnosis() != null) {
            out.println(d.title() + " / " + p.title() + " / " + t.refId() + ": " + p.status()
                + " - " + t.diagnosis().headline());
          }
        }
      }
    }
  }

  private static List<Path> expand(List<Path> inputs) {
    List<Path> out = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          List<Path> jsons = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
          if (jsons.isEmpty()) {
            throw new DashboardFormatException(p + ": directory holds no .json file", null);
          }
          out.addAll(jsons);
        } catch (IOException e) {
          throw new DashboardFormatException(p + ": cannot list the directory (" + e.getMessage() + ")", e);
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** An http(s) URL. */
  static final class HttpUrl extends Converter<URI> {
    HttpUrl() {
      super(ValidateDashboards::httpUrl);
    }
  }

  /** A Grafana interval ({@code 15s}, {@code 1m}), kept as written. */
  static final class GrafanaInterval extends Converter<String> {
    GrafanaInterval() {
      super(v -> {
        GrafanaIntervals.parse(v);
        return v;
      });
    }
  }

  /** A Prometheus duration ({@code 7d}, {@code 1h30m}). */
  static final class PrometheusDuration extends Converter<Duration> {
    PrometheusDuration() {
      super(PromDuration::parse);
    }
  }

  private static URI httpUrl(String value) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException("'" + value + "' is not an http(s) URL");
  }
}
