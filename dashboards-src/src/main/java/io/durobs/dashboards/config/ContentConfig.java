package io.durobs.dashboards.config;

import io.durobs.engine.telemetry.Telemetry;
import io.durobs.toolkit.promql.PromDuration;
import io.durobs.toolkit.promql.Selector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every knob of the engine's content in one place, in the manner of a monitoring mixin's
 * {@code _config}: the rules ({@code io.durobs.dashboards.rules}), their promtool tests, the
 * runbook page, the dashboards and Grafana's provisioning all read their policy numbers, names
 * and selectors from one instance, so a deployment changes a threshold once and every alert,
 * panel threshold and description that states it follows.
 *
 * <p>{@link #defaults()} is what {@code generated/} is rendered from. Another configuration is
 * built from it:
 *
 * <pre>{@code
 * ContentConfig config = ContentConfig.defaults().toBuilder()
 *     .successObjective(new BigDecimal("0.99"))
 *     .runbookBaseUrl("https://runbooks.example.com/durobs.md")
 *     .build();
 * }</pre>
 *
 * <p>The promtool tests' input series are tuned to the default thresholds; they render with
 * another configuration's job and wording, but only promtool can tell whether their firing and
 * quiet cases still hold under other thresholds.
 */
public final class ContentConfig {

  /**
   * One window pair of a multi-window burn-rate alert (SRE workbook, chapter 5): the alert
   * holds while the failure ratio over both windows is above {@code factor} times the error
   * budget. The workbook's factors assume a 30-day budget.
   *
   * @param longWindow the window that makes the alert significant ({@code 1h})
   * @param shortWindow the window that makes it stop soon after the failures stop ({@code 5m})
   * @param factor the burn rate: multiples of the error budget
   * @param holdFor how long both windows must stay above it before the alert fires (the
   *     workbook's and kubernetes-mixin's: 2m, 15m, 1h, 3h for the four default pairs)
   */
  public record BurnRate(String longWindow, String shortWindow, BigDecimal factor,
      String holdFor) {

    /**
     * @throws IllegalArgumentException when a window is not a Prometheus duration or the factor
     *     is not positive
     */
    public BurnRate {
      PromDuration.parse(Objects.requireNonNull(longWindow, "longWindow"));
      PromDuration.parse(Objects.requireNonNull(shortWindow, "shortWindow"));
      PromDuration.parse(Objects.requireNonNull(holdFor, "holdFor"));
      if (Objects.requireNonNull(factor, "factor").signum() <= 0) {
        throw new IllegalArgumentException("burn rate factor must be positive, got " + factor);
      }
    }

    /** {@code new BurnRate(longWindow, shortWindow, new BigDecimal(factor), holdFor)}. */
    public static BurnRate of(String longWindow, String shortWindow, String factor,
        String holdFor) {
      return new BurnRate(longWindow, shortWindow, new BigDecimal(factor), holdFor);
    }

    /**
     * How many days a 30-day error budget lasts at this burn rate, as alert texts state it.
     *
     * @return e.g. {@code 2.1} for a factor of 14.4
     */
    public String budgetLastsDays() {
      return BigDecimal.valueOf(30).divide(factor, 1, RoundingMode.HALF_UP).stripTrailingZeros()
          .toPlainString();
    }
  }

  private static final Set<String> MATCHER_OPS = Set.of("=", "!=", "=~", "!~");

  private static final ContentConfig DEFAULTS = new Builder().build();

  private final BigDecimal successObjective;
  private final BigDecimal successHealthy;
  private final List<BurnRate> pageBurnRates;
  private final List<BurnRate> ticketBurnRates;
  private final String runbookBaseUrl;
  private final String dashboardUidPrefix;
  private final String grafanaFolder;
  private final String grafanaFolderUid;
  private final String prometheusDatasourceUid;
  private final String lokiDatasourceUid;
  private final String engineJob;
  private final List<Selector.Matcher> jobSelector;
  private final String ruleRateWindow;
  private final BigDecimal failureRatioThreshold;
  private final Duration activityP99Threshold;
  private final Duration storeP95Threshold;
  private final int infrastructureErrorsPerMinute;
  private final int queueBacklogThreshold;
  private final int failureRateMinimumPerMinute;
  private final Duration queueWaitP95Threshold;
  private final String longWindowInterval;
  private final String errorBudgetWindow;

  private ContentConfig(Builder b) {
    this.successObjective = b.successObjective;
    this.successHealthy = b.successHealthy;
    this.pageBurnRates = List.copyOf(b.pageBurnRates);
    this.ticketBurnRates = List.copyOf(b.ticketBurnRates);
    this.runbookBaseUrl = b.runbookBaseUrl;
    this.dashboardUidPrefix = b.dashboardUidPrefix;
    this.grafanaFolder = b.grafanaFolder;
    this.grafanaFolderUid = b.grafanaFolderUid;
    this.prometheusDatasourceUid = b.prometheusDatasourceUid;
    this.lokiDatasourceUid = b.lokiDatasourceUid;
    this.engineJob = b.engineJob;
    this.jobSelector = List.copyOf(b.jobSelector);
    this.ruleRateWindow = b.ruleRateWindow;
    this.failureRatioThreshold = b.failureRatioThreshold;
    this.activityP99Threshold = b.activityP99Threshold;
    this.storeP95Threshold = b.storeP95Threshold;
    this.infrastructureErrorsPerMinute = b.infrastructureErrorsPerMinute;
    this.queueBacklogThreshold = b.queueBacklogThreshold;
    this.failureRateMinimumPerMinute = b.failureRateMinimumPerMinute;
    this.queueWaitP95Threshold = b.queueWaitP95Threshold;
    this.longWindowInterval = b.longWindowInterval;
    this.errorBudgetWindow = b.errorBudgetWindow;
  }

  /** The configuration {@code generated/} is rendered from. */
  public static ContentConfig defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  // ---- the SLO -----------------------------------------------------------------------------

  /** The orchestration success objective: the share of finished executions that succeed. */
  public BigDecimal successObjective() {
    return successObjective;
  }

  /** The error budget: 1 − the objective. */
  public BigDecimal errorBudget() {
    return BigDecimal.ONE.subtract(successObjective);
  }

  /** The success ratio from which panels show green (between the objective and it: yellow). */
  public BigDecimal successHealthy() {
    return successHealthy;
  }

  /**
   * The period the error budget is counted over ({@code 30d}): its failure ratio is recorded
   * (in the long-window group) and the budget-remaining panel reads it. The burn-rate factors
   * ({@link BurnRate}) assume a 30-day budget, as the SRE workbook's do.
   */
  public String errorBudgetWindow() {
    return errorBudgetWindow;
  }

  /** The window pairs of the paging burn-rate alert. */
  public List<BurnRate> pageBurnRates() {
    return pageBurnRates;
  }

  /** The window pairs of the ticketing burn-rate alert. */
  public List<BurnRate> ticketBurnRates() {
    return ticketBurnRates;
  }

  /** Every window of the burn-rate alerts, shortest first: the failure ratios that are recorded. */
  public List<String> sloWindows() {
    List<String> windows = new ArrayList<>();
    for (List<BurnRate> rates : List.of(pageBurnRates, ticketBurnRates)) {
      for (BurnRate r : rates) {
        for (String w : List.of(r.longWindow(), r.shortWindow())) {
          if (!windows.contains(w)) {
            windows.add(w);
          }
        }
      }
    }
    windows.sort(Comparator.comparing(PromDuration::parse));
    return List.copyOf(windows);
  }

  // ---- names and selectors -------------------------------------------------------------------

  /** Where the runbook page is published; each alert links to its section. */
  public String runbookBaseUrl() {
    return runbookBaseUrl;
  }

  /** The prefix of the dashboards' uids (and the part their file names leave out). */
  public String dashboardUidPrefix() {
    return dashboardUidPrefix;
  }

  /** The Grafana folder the dashboards are provisioned into ({@code Durable engine}). */
  public String grafanaFolder() {
    return grafanaFolder;
  }

  /** The uid of that folder ({@code durobs}). */
  public String grafanaFolderUid() {
    return grafanaFolderUid;
  }

  /** The Overview dashboard's uid. */
  public String overviewUid() {
    return dashboardUidPrefix + "overview";
  }

  /** The Production dashboard's uid. */
  public String productionUid() {
    return dashboardUidPrefix + "production";
  }

  /** The Logs dashboard's uid. */
  public String logsUid() {
    return dashboardUidPrefix + "logs";
  }

  /** The Complete (every catalogue metric) dashboard's uid. */
  public String completeUid() {
    return dashboardUidPrefix + "complete";
  }

  /** Uid of the Telemetry pipeline dashboard (the collector's own metrics). */
  public String pipelineUid() {
    return dashboardUidPrefix + "pipeline";
  }

  /** Uid of the provisioned Prometheus data source. */
  public String prometheusDatasourceUid() {
    return prometheusDatasourceUid;
  }

  /** Uid of the provisioned Loki data source. */
  public String lokiDatasourceUid() {
    return lokiDatasourceUid;
  }

  /**
   * The {@code job} (the engine's OpenTelemetry {@code service.name}) whose silence pages, and
   * the job the promtool tests' series carry.
   */
  public String engineJob() {
    return engineJob;
  }

  /**
   * Matchers on {@code job} that every engine series the rules and dashboards read carries, for
   * a Prometheus that holds other jobs with the engine's metric names. Empty (the default):
   * every job is an engine deployment, and the rules aggregate {@code by (job)}.
   */
  public List<Selector.Matcher> jobSelector() {
    return jobSelector;
  }

  // ---- policy --------------------------------------------------------------------------------

  /** The rules' rate window: of the recorded bucket rates, the failure-rate and error alerts. */
  public String ruleRateWindow() {
    return ruleRateWindow;
  }

  /** The failure ratio of one orchestration above which its failure-rate alert fires. */
  public BigDecimal failureRatioThreshold() {
    return failureRatioThreshold;
  }

  /** The p99 activity duration above which the slow-activity alert fires and panels turn red. */
  public Duration activityP99Threshold() {
    return activityP99Threshold;
  }

  /** The p95 store call latency above which the store-latency alert fires and panels turn red. */
  public Duration storeP95Threshold() {
    return storeP95Threshold;
  }

  /** Infrastructure errors (turns, activities, store calls) a minute above which they alert. */
  public int infrastructureErrorsPerMinute() {
    return infrastructureErrorsPerMinute;
  }

  /** The queue depth above which a growing backlog alerts and queue panels turn yellow. */
  public int queueBacklogThreshold() {
    return queueBacklogThreshold;
  }

  /**
   * The traffic below which the failure-rate alert stays quiet: finished executions a minute of
   * one orchestration (over the rule window). One failure in two executions is no signal.
   */
  public int failureRateMinimumPerMinute() {
    return failureRateMinimumPerMinute;
  }

  /**
   * The p95 queue wait (schedule-to-start time) above which the queue-wait alert fires: the
   * capacity signal that stays true while a saturated backlog no longer grows.
   */
  public Duration queueWaitP95Threshold() {
    return queueWaitP95Threshold;
  }

  /**
   * The evaluation interval of the recording group over the long SLO windows (an hour and
   * more): a ratio over a day moves little in a minute, and evaluating it at the scrape interval
   * costs the most of all rules.
   */
  public String longWindowInterval() {
    return longWindowInterval;
  }

  /**
   * Builds a {@link ContentConfig}; starts from the defaults, and {@link #build()} checks the
   * whole.
   */
  public static final class Builder {

    private BigDecimal successObjective = new BigDecimal("0.95");
    private BigDecimal successHealthy = new BigDecimal("0.99");
    private List<BurnRate> pageBurnRates = List.of(BurnRate.of("1h", "5m", "14.4", "2m"),
        BurnRate.of("6h", "30m", "6", "15m"));
    private List<BurnRate> ticketBurnRates = List.of(BurnRate.of("1d", "2h", "3", "1h"),
        BurnRate.of("3d", "6h", "1", "3h"));
    private String runbookBaseUrl =
        "https://github.com/durobs/durobs/blob/main/generated/docs/runbooks.md";
    private String dashboardUidPrefix = "durobs-";
    private String grafanaFolder = "Durable engine";
    private String grafanaFolderUid = "durobs";
    private String prometheusDatasourceUid = "prometheus";
    private String lokiDatasourceUid = "loki";
    private String engineJob = Telemetry.DEFAULT_SERVICE_NAME;
    private List<Selector.Matcher> jobSelector = List.of();
    private String ruleRateWindow = "5m";
    private BigDecimal failureRatioThreshold = new BigDecimal("0.05");
    private Duration activityP99Threshold = Duration.ofSeconds(60);
    private Duration storeP95Threshold = Duration.ofMillis(500);
    private int infrastructureErrorsPerMinute = 10;
    private int queueBacklogThreshold = 100;
    private int failureRateMinimumPerMinute = 2;
    private Duration queueWaitP95Threshold = Duration.ofSeconds(60);
    private String longWindowInterval = "1m";
    private String errorBudgetWindow = "30d";

    private Builder() {}

    private Builder(ContentConfig c) {
      successObjective = c.successObjective;
      successHealthy = c.successHealthy;
      pageBurnRates = c.pageBurnRates;
      ticketBurnRates = c.ticketBurnRates;
      runbookBaseUrl = c.runbookBaseUrl;
      dashboardUidPrefix = c.dashboardUidPrefix;
      grafanaFolder = c.grafanaFolder;
      grafanaFolderUid = c.grafanaFolderUid;
      prometheusDatasourceUid = c.prometheusDatasourceUid;
      lokiDatasourceUid = c.lokiDatasourceUid;
      engineJob = c.engineJob;
      jobSelector = c.jobSelector;
      ruleRateWindow = c.ruleRateWindow;
      failureRatioThreshold = c.failureRatioThreshold;
      activityP99Threshold = c.activityP99Threshold;
      storeP95Threshold = c.storeP95Threshold;
      infrastructureErrorsPerMinute = c.infrastructureErrorsPerMinute;
      queueBacklogThreshold = c.queueBacklogThreshold;
      failureRateMinimumPerMinute = c.failureRateMinimumPerMinute;
      queueWaitP95Threshold = c.queueWaitP95Threshold;
      longWindowInterval = c.longWindowInterval;
      errorBudgetWindow = c.errorBudgetWindow;
    }

    /** See {@link ContentConfig#successObjective()}; between 0 and 1, exclusive. */
    public Builder successObjective(BigDecimal objective) {
      this.successObjective = Objects.requireNonNull(objective, "successObjective");
      return this;
    }

    /** See {@link ContentConfig#successHealthy()}; from the objective to below 1. */
    public Builder successHealthy(BigDecimal healthy) {
      this.successHealthy = Objects.requireNonNull(healthy, "successHealthy");
      return this;
    }

    /** See {@link ContentConfig#pageBurnRates()}; at least one. */
    public Builder pageBurnRates(List<BurnRate> rates) {
      this.pageBurnRates = List.copyOf(rates);
      return this;
    }

    /** See {@link ContentConfig#ticketBurnRates()}; at least one. */
    public Builder ticketBurnRates(List<BurnRate> rates) {
      this.ticketBurnRates = List.copyOf(rates);
      return this;
    }

    /** See {@link ContentConfig#runbookBaseUrl()}. */
    public Builder runbookBaseUrl(String url) {
      this.runbookBaseUrl = Objects.requireNonNull(url, "runbookBaseUrl");
      return this;
    }

    /** See {@link ContentConfig#dashboardUidPrefix()}. */
    public Builder dashboardUidPrefix(String prefix) {
      this.dashboardUidPrefix = Objects.requireNonNull(prefix, "dashboardUidPrefix");
      return this;
    }

    /** See {@link ContentConfig#grafanaFolder()}. */
    public Builder grafanaFolder(String folder) {
      this.grafanaFolder = Objects.requireNonNull(folder, "grafanaFolder");
      return this;
    }

    /** See {@link ContentConfig#grafanaFolderUid()}. */
    public Builder grafanaFolderUid(String uid) {
      this.grafanaFolderUid = Objects.requireNonNull(uid, "grafanaFolderUid");
      return this;
    }

    /** See {@link ContentConfig#prometheusDatasourceUid()}. */
    public Builder prometheusDatasourceUid(String uid) {
      this.prometheusDatasourceUid = Objects.requireNonNull(uid, "prometheusDatasourceUid");
      return this;
    }

    /** See {@link ContentConfig#lokiDatasourceUid()}. */
    public Builder lokiDatasourceUid(String uid) {
      this.lokiDatasourceUid = Objects.requireNonNull(uid, "lokiDatasourceUid");
      return this;
    }

    /** See {@link ContentConfig#engineJob()}; the job selector must select it. */
    public Builder engineJob(String job) {
      this.engineJob = Objects.requireNonNull(job, "engineJob");
      return this;
    }

    /** See {@link ContentConfig#jobSelector()}; matchers on {@code job} only. */
    public Builder jobSelector(Selector.Matcher... matchers) {
      this.jobSelector = List.of(matchers);
      return this;
    }

    /** See {@link ContentConfig#ruleRateWindow()}; a Prometheus duration. */
    public Builder ruleRateWindow(String window) {
      this.ruleRateWindow = Objects.requireNonNull(window, "ruleRateWindow");
      return this;
    }

    /** See {@link ContentConfig#failureRatioThreshold()}; between 0 and 1, exclusive. */
    public Builder failureRatioThreshold(BigDecimal threshold) {
      this.failureRatioThreshold = Objects.requireNonNull(threshold, "failureRatioThreshold");
      return this;
    }

    /** See {@link ContentConfig#activityP99Threshold()}; positive. */
    public Builder activityP99Threshold(Duration threshold) {
      this.activityP99Threshold = Objects.requireNonNull(threshold, "activityP99Threshold");
      return this;
    }

    /** See {@link ContentConfig#storeP95Threshold()}; positive. */
    public Builder storeP95Threshold(Duration threshold) {
      this.storeP95Threshold = Objects.requireNonNull(threshold, "storeP95Threshold");
      return this;
    }

    /** See {@link ContentConfig#infrastructureErrorsPerMinute()}; positive. */
    public Builder infrastructureErrorsPerMinute(int perMinute) {
      this.infrastructureErrorsPerMinute = perMinute;
      return this;
    }

    /** See {@link ContentConfig#queueBacklogThreshold()}; positive. */
    public Builder queueBacklogThreshold(int depth) {
      this.queueBacklogThreshold = depth;
      return this;
    }

    /** See {@link ContentConfig#failureRateMinimumPerMinute()}; zero or more. */
    public Builder failureRateMinimumPerMinute(int perMinute) {
      this.failureRateMinimumPerMinute = perMinute;
      return this;
    }

    /** See {@link ContentConfig#queueWaitP95Threshold()}; positive. */
    public Builder queueWaitP95Threshold(Duration threshold) {
      this.queueWaitP95Threshold = Objects.requireNonNull(threshold, "queueWaitP95Threshold");
      return this;
    }

    /**
     * See {@link ContentConfig#errorBudgetWindow()}; a Prometheus duration at least as long as
     * every burn-rate window.
     */
    public Builder errorBudgetWindow(String window) {
      this.errorBudgetWindow = Objects.requireNonNull(window, "errorBudgetWindow");
      return this;
    }

    /** See {@link ContentConfig#longWindowInterval()}; a Prometheus duration. */
    public Builder longWindowInterval(String interval) {
      this.longWindowInterval = Objects.requireNonNull(interval, "longWindowInterval");
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException naming the first knob whose value is out of range
     */
    public ContentConfig build() {
      requireRatio("successObjective", successObjective);
      requireRatio("failureRatioThreshold", failureRatioThreshold);
      if (successHealthy.compareTo(successObjective) < 0
          || successHealthy.compareTo(BigDecimal.ONE) >= 0) {
        throw new IllegalArgumentException("successHealthy must be from the objective "
            + successObjective + " to below 1, got " + successHealthy);
      }
      if (pageBurnRates.isEmpty() || ticketBurnRates.isEmpty()) {
        throw new IllegalArgumentException("pageBurnRates and ticketBurnRates need at least one "
            + "window pair each");
      }
      requireText("runbookBaseUrl", runbookBaseUrl);
      requireText("prometheusDatasourceUid", prometheusDatasourceUid);
      requireText("grafanaFolder", grafanaFolder);
      requireText("grafanaFolderUid", grafanaFolderUid);
      requireText("lokiDatasourceUid", lokiDatasourceUid);
      requireText("engineJob", engineJob);
      PromDuration.parse(ruleRateWindow);
      requirePositive("activityP99Threshold", activityP99Threshold.toMillis());
      requirePositive("storeP95Threshold", storeP95Threshold.toMillis());
      requirePositive("infrastructureErrorsPerMinute", infrastructureErrorsPerMinute);
      requirePositive("queueBacklogThreshold", queueBacklogThreshold);
      requirePositive("queueWaitP95Threshold", queueWaitP95Threshold.toMillis());
      if (failureRateMinimumPerMinute < 0) {
        throw new IllegalArgumentException("failureRateMinimumPerMinute must not be negative, got "
            + failureRateMinimumPerMinute);
      }
      PromDuration.parse(longWindowInterval);
      Duration budget = PromDuration.parse(errorBudgetWindow);
      for (List<BurnRate> rates : List.of(pageBurnRates, ticketBurnRates)) {
        for (BurnRate r : rates) {
          if (PromDuration.parse(r.longWindow()).compareTo(budget) > 0) {
            throw new IllegalArgumentException("errorBudgetWindow " + errorBudgetWindow
                + " must be at least the burn-rate window " + r.longWindow());
          }
        }
      }
      for (Selector.Matcher m : jobSelector) {
        requireSelects(m, engineJob);
      }
      return new ContentConfig(this);
    }

    private static void requireRatio(String knob, BigDecimal value) {
      if (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) >= 0) {
        throw new IllegalArgumentException(knob + " must be between 0 and 1, got " + value);
      }
    }

    private static void requireText(String knob, String value) {
      if (value.isBlank()) {
        throw new IllegalArgumentException(knob + " must not be blank");
      }
    }

    private static void requirePositive(String knob, long value) {
      if (value <= 0) {
        throw new IllegalArgumentException(knob + " must be positive, got " + value);
      }
    }

    /** The matcher is on {@code job}, well formed, and keeps the engine job's series. */
    private static void requireSelects(Selector.Matcher m, String job) {
      String shown = m.label() + m.op() + "\"" + m.value() + "\"";
      if (!m.label().equals("job") || !MATCHER_OPS.contains(m.op())) {
        throw new IllegalArgumentException("job selector " + shown + ": only matchers on job "
            + "with = != =~ !~ are allowed");
      }
      boolean regex = m.op().endsWith("~");
      boolean equal;
      try {
        // Prometheus anchors label regexes, as Pattern.matches does
        equal = regex ? Pattern.matches(m.value(), job) : m.value().equals(job);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("job selector " + shown + ": bad regex: "
            + e.getDescription());
      }
      if (equal == m.op().startsWith("!")) {
        throw new IllegalArgumentException("job selector " + shown + " does not select the "
            + "engine job '" + job + "'");
      }
    }
  }
}
