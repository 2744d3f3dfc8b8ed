package io.durobs.it.cli;

import io.durobs.it.check.CheckOptions;
import io.durobs.it.check.DashboardChecker;
import io.durobs.it.check.DashboardResult;
import io.durobs.it.check.PanelResult;
import io.durobs.it.check.PrometheusBackend;
import io.durobs.it.check.ProgressListener;
import io.durobs.it.check.TargetResult;
import io.durobs.it.check.TargetStatus;
import io.durobs.it.grafana.Dashboard;
import io.durobs.it.grafana.DashboardFormatException;
import io.durobs.it.grafana.DashboardReader;
import io.durobs.it.grafana.GrafanaIntervals;
import io.durobs.toolkit.promql.PromDuration;
import io.durobs.it.prometheus.PrometheusClient;
import io.durobs.it.prometheus.PrometheusException;
import io.durobs.it.report.ReportWriter;
import io.durobs.it.report.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Validates Grafana dashboard JSON (any dashboard, not only this project's) against a running
 * Prometheus: every Prometheus panel target is run the way Grafana runs it, and every empty or
 * failing one is diagnosed.
 *
 * <pre>
 * validate-dashboards --prometheus URL --dashboard FILE|DIR [--dashboard ...]
 *                     [--from now-1h] [--to now] [--scrape-interval 15s] [--lookback 7d]
 *                     [--report DIR] [--quiet]
 * </pre>
 *
 * <p>Exit code 0: every checked panel has data; 1: some panel is empty or failing; 2: bad input
 * (unknown option, unreadable file, not a dashboard, Prometheus unreachable), with one line on
 * standard error saying what and where.
 */
public final class ValidateDashboards {

  /** Exit code: every checked panel has data. */
  public static final int OK = 0;
  /** Exit code: some panel is empty or failing. */
  public static final int EMPTY_PANELS = 1;
  /** Exit code: bad input. */
  public static final int BAD_INPUT = 2;

  static final String USAGE = "usage: validate-dashboards --prometheus URL --dashboard FILE|DIR "
      + "[--dashboard ...] [--from now-1h] [--to now] [--scrape-interval 15s] [--lookback 7d] "
      + "[--report DIR] [--quiet]";

  private ValidateDashboards() {}

  /** Runs the CLI and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the CLI.
   *
   * @param args the command line
   * @param out where results go
   * @param err where progress and errors go
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Args a;
    try {
      a = Args.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("validate-dashboards: " + e.getMessage());
      err.println(USAGE);
      return BAD_INPUT;
    }
    List<Dashboard> dashboards = new ArrayList<>();
    try {
      for (Path p : expand(a.dashboards)) {
        dashboards.add(DashboardReader.read(p));
      }
    } catch (DashboardFormatException e) {
      err.println("validate-dashboards: " + e.getMessage());
      return BAD_INPUT;
    }
    PrometheusClient prometheus = new PrometheusClient(a.prometheus, Duration.ofSeconds(60));
    String scrape = a.scrapeInterval;
    try {
      if (scrape == null) {
        // a well-configured data source has the server's scrape interval as its own
        scrape = GrafanaIntervals.format(prometheus.globalScrapeInterval());
      }
    } catch (PrometheusException e) {
      err.println("validate-dashboards: " + e.getMessage());
      return BAD_INPUT;
    }
    ProgressListener progress = a.quiet ? ProgressListener.SILENT : line -> err.println(line);
    CheckOptions options = CheckOptions.builder().now(Instant.now()).range(a.from, a.to)
        .scrapeInterval(scrape).lookback(a.lookback).build();
    DashboardChecker checker = new DashboardChecker(prometheus,
        Map.of("prometheus", new PrometheusBackend(prometheus)), options, progress);
    Instant started = Instant.now();
    List<DashboardResult> results = new ArrayList<>();
    try {
      for (Dashboard d : dashboards) {
        results.add(checker.check(d));
      }
    } catch (DashboardFormatException e) {
      err.println("validate-dashboards: " + e.getMessage());
      return BAD_INPUT;
    } catch (PrometheusException e) {
      err.println("validate-dashboards: " + e.getMessage());
      return BAD_INPUT;
    }
    RunReport report = RunReport.dashboardsOnly("Dashboards against " + prometheus.baseUrl(), started,
        Duration.between(started, Instant.now()).toSeconds(), results, List.of());
    for (DashboardResult d : results) {
      for (PanelResult p : d.panels()) {
        if (p.status() == TargetStatus.EMPTY || p.status() == TargetStatus.ERROR) {
          for (TargetResult t : p.targets()) {
            if (t.diagnosis() != null) {
              out.println(d.title() + " / " + p.title() + " / " + t.refId() + ": " + p.status()
                  + " - " + t.diagnosis().headline());
            }
          }
        }
      }
    }
    if (a.report != null) {
      Path html = ReportWriter.write(report, a.report);
      out.println("report: " + html);
    }
    long skipped = report.panelsSkipped();
    out.println(report.summaryLine() + (skipped == 0 ? "" : " (" + skipped + " skipped: not Prometheus or hidden)"));
    return report.failingPanels().isEmpty() ? OK : EMPTY_PANELS;
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

  /** The parsed command line. */
  private static final class Args {
    URI prometheus;
    final List<Path> dashboards = new ArrayList<>();
    String from;
    String to;
    String scrapeInterval;
    Duration lookback = Duration.ofDays(7);
    Path report;
    boolean quiet;

    static Args parse(String[] args) {
      Args a = new Args();
      for (int i = 0; i < args.length; i++) {
        String opt = args[i];
        if (opt.equals("--quiet")) {
          a.quiet = true;
          continue;
        }
        if (!opt.startsWith("--")) {
          a.dashboards.add(Paths.get(opt));
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(opt + " needs a value");
        }
        String v = args[++i];
        switch (opt) {
          case "--prometheus" -> {
            try {
              a.prometheus = URI.create(v);
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("--prometheus " + v + " is not a URL");
            }
            if (a.prometheus.getScheme() == null || !a.prometheus.getScheme().startsWith("http")) {
              throw new IllegalArgumentException("--prometheus " + v + " is not an http(s) URL");
            }
          }
          case "--dashboard" -> a.dashboards.add(Paths.get(v));
          case "--from" -> a.from = v;
          case "--to" -> a.to = v;
          case "--scrape-interval" -> {
            try {
              GrafanaIntervals.parse(v);
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("--scrape-interval: " + e.getMessage());
            }
            a.scrapeInterval = v;
          }
          case "--lookback" -> {
            try {
              a.lookback = PromDuration.parse(v);
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("--lookback: " + e.getMessage());
            }
          }
          case "--report" -> a.report = Paths.get(v);
          default -> throw new IllegalArgumentException("unknown option " + opt);
        }
      }
      if (a.prometheus == null) {
        throw new IllegalArgumentException("--prometheus is required");
      }
      if (a.dashboards.isEmpty()) {
        throw new IllegalArgumentException("no dashboard given (--dashboard FILE)");
      }
      return a;
    }
  }
}
