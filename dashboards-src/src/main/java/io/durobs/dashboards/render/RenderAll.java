package io.durobs.dashboards.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durobs.dashboards.Dashboards;
import io.durobs.dashboards.Panels;
import io.durobs.dashboards.Provisioning;
import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.extension.UserContent;
import io.durobs.dashboards.rules.AlertMatrix;
import io.durobs.dashboards.rules.AlertRule;
import io.durobs.dashboards.rules.EngineRuleTests;
import io.durobs.dashboards.rules.EngineRules;
import io.durobs.dashboards.rules.RecordingRule;
import io.durobs.dashboards.rules.RuleFiles;
import io.durobs.dashboards.rules.RuleGroup;
import io.durobs.dashboards.rules.RuleTest;
import io.durobs.dashboards.rules.Runbooks;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.toolkit.cli.CommandLines;
import io.durobs.toolkit.grafana.Dashboard;
import io.durobs.toolkit.grafana.DashboardBuilder;
import io.durobs.toolkit.grafana.GrafanaJson;
import io.durobs.toolkit.grafana.read.DashboardFile;
import io.durobs.toolkit.grafana.read.DashboardReader;
import io.durobs.toolkit.lint.Coverage;
import io.durobs.toolkit.lint.DashboardLint;
import io.durobs.toolkit.lint.Finding;
import io.durobs.toolkit.lint.MetricUniverse;
import io.durobs.toolkit.lint.RuleLint;
import io.durobs.toolkit.tools.Checkout;
import io.durobs.toolkit.yaml.YamlText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Renders {@code generated/}: every file from {@link FileSources}, checked (dashboard lint, rule
 * lint, rule test completeness, catalogue coverage both ways), plus the coverage table. Runs in
 * the Maven build ({@code package} phase) and as a command:
 *
 * <pre>
 *   RenderAll [--check] [ROOT] [--help]
 * </pre>
 *
 * <p>ROOT is the checkout (default: the working directory, or the nearest parent holding
 * {@code dashboards-src/}). {@code --check} renders and compares without writing. Exit codes:
 * 0 done (or current), 1 {@code --check} found {@code generated/} stale, 2 bad definitions
 * (one line per problem, nothing written) or bad arguments (see
 * {@link io.durobs.toolkit.cli.CommandLines}).
 */
public final class RenderAll {

  /** The coverage table, relative to {@code generated/}. */
  public static final String COVERAGE = "coverage.md";

  /**
   * A complete, checked rendering.
   *
   * @param files every file, by path relative to {@code generated/}
   * @param coverage the catalogue coverage
   * @param dashboards the dashboards
   * @param alerts the alerting rules
   * @param recordings the recording rules
   * @param ruleTests the promtool test groups
   * @param matrixLine the alert behaviour matrix's line ({@link AlertMatrix#sizeLine()})
   */
  public record Rendering(SortedMap<String, String> files, Coverage.Report coverage,
      List<Dashboard> dashboards, List<AlertRule> alerts, List<RecordingRule> recordings,
      List<RuleTest> ruleTests, String matrixLine) {

    /** The lines the build prints. */
    public List<String> summary() {
      int tests = ruleTests.stream().mapToInt(t -> t.alertCases().size() + t.exprCases().size()).sum();
      long kubernetesFiles = files.keySet().stream()
          .filter(p -> p.startsWith(io.durobs.kubernetes.KubernetesManifests.DIR + "/")).count();
      return List.of(
          coverage.summary(),
          String.format("rules: %d alerts, %d recording rules, %d promtool test groups (%d cases); "
              + "%d files", alerts.size(), recordings.size(), ruleTests.size(), tests, files.size()),
          matrixLine,
          String.format("kubernetes: base + %d overlays, %d files (validated by tools/kube-validate in "
              + "mvn verify)", io.durobs.kubernetes.Overlay.all().size(), kubernetesFiles));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private RenderAll() {}

  /**
   * This module's own files for a configuration: dashboards, provisioning, rules, rule tests and
   * runbooks.
   */
  public static Map<String, String> projectFiles(ContentConfig config) {
    return projectFiles(config, List.of());
  }

  /**
   * This module's own files plus the extensions' (their dashboards, rows on the engine's
   * dashboards, rule files, promtool tests and runbook sections) for a configuration.
   *
   * @throws RenderException when two parts render the same path, or an extension adds to a
   *     dashboard that does not exist
   */
  public static Map<String, String> projectFiles(ContentConfig config,
      List<UserContent> extensions) {
    EngineRules rules = EngineRules.of(config);
    Map<String, String> files = new LinkedHashMap<>();
    for (Dashboard d : dashboards(config, extensions)) {
      putOnce(files, Provisioning.DASHBOARDS_DIR + "/" + Dashboards.fileName(d, config),
          GrafanaJson.write(d), "dashboard " + d.uid());
    }
    files.put(Provisioning.DATASOURCES, Provisioning.datasources(config));
    files.put(Provisioning.DASHBOARD_PROVIDER, Provisioning.dashboardProvider(config));
    files.putAll(RuleFiles.render(rules));
    List<RuleGroup> alertGroups = new ArrayList<>(rules.alertGroups());
    for (UserContent u : extensions) {
      if (!u.ruleGroups().isEmpty()) {
        putOnce(files, u.rulesPath(), RuleFiles.rules(u.ruleGroups(), config.runbookBaseUrl()),
            "extension " + u.name());
      }
      if (!u.ruleTests().isEmpty()) {
        putOnce(files, u.testsPath(), RuleFiles.tests(
            List.of("../" + u.rulesPath().substring("prometheus/".length())),
            u.ruleGroups().stream().map(RuleGroup::name).toList(), u.ruleTests(),
            config.runbookBaseUrl()), "extension " + u.name());
      }
      u.ruleGroups().stream().filter(g -> !g.alerts().isEmpty()).forEach(alertGroups::add);
    }
    files.put(Runbooks.PATH, Runbooks.render(alertGroups, AlertMatrix.of(rules).delays()));
    return files;
  }

  /**
   * The engine's dashboards with the extensions' additions, then the extensions' dashboards.
   *
   * @throws RenderException when an extension adds to a dashboard uid that does not exist
   */
  public static List<Dashboard> dashboards(ContentConfig config, List<UserContent> extensions) {
    List<Dashboard> engine = new ArrayList<>(Dashboards.all(config));
    for (UserContent u : extensions) {
      for (var add : u.engineDashboardAdditions().entrySet()) {
        int i = indexOfUid(engine, add.getKey());
        if (i < 0) {
          throw new RenderException("extension " + u.name() + " adds to dashboard '"
              + add.getKey() + "', which does not exist (dashboards: "
              + String.join(", ", engine.stream().map(Dashboard::uid).toList()) + ")");
        }
        DashboardBuilder b = DashboardBuilder.extending(engine.get(i));
        add.getValue().forEach(rows -> rows.accept(b));
        engine.set(i, b.build());
      }
    }
    for (UserContent u : extensions) {
      engine.addAll(u.dashboards());
    }
    return engine;
  }

  private static int indexOfUid(List<Dashboard> dashboards, String uid) {
    for (int i = 0; i < dashboards.size(); i++) {
      if (dashboards.get(i).uid().equals(uid)) {
        return i;
      }
    }
    return -1;
  }

  private static void putOnce(Map<String, String> files, String path, String content,
      String what) {
    if (files.putIfAbsent(path, content) != null) {
      throw new RenderException(path + " is rendered twice (the second time for " + what + ")");
    }
  }

  /**
   * Renders and checks every file of {@code generated/} (the default configuration) in memory.
   *
   * @throws RenderException when a check fails; nothing has been written
   */
  public static Rendering render() {
    return render(FileSources.all());
  }

  /**
   * Renders and checks the files of these sources with the default configuration (tests pass
   * broken sources here).
   */
  public static Rendering render(Map<String, Supplier<Map<String, String>>> sources) {
    return render(ContentConfig.defaults(), sources);
  }

  /**
   * Renders and checks the files of these sources, which render the content of {@code config}
   * (its data source uids, dashboard uids and rules are what the checks hold them to).
   *
   * @throws RenderException when a check fails; nothing has been written
   */
  public static Rendering render(ContentConfig config,
      Map<String, Supplier<Map<String, String>>> sources) {
    return render(config, sources, List.of());
  }

  /**
   * Renders and checks the files of these sources, which render the content of {@code config}
   * plus these extensions' ({@link FileSources#all(ContentConfig, List)}): their metrics join
   * the catalogue for the checks (on no panel: a finding; the Complete dashboard is held to the
   * engine's catalogue only), their alerts need a firing and a quiet promtool case.
   *
   * @throws RenderException when a check fails; nothing has been written
   */
  public static Rendering render(ContentConfig config,
      Map<String, Supplier<Map<String, String>>> sources, List<UserContent> extensions) {
    EngineRules rules = EngineRules.of(config);
    SortedMap<String, String> files = collect(sources);
    Checks checks = check(config, files, extensions);
    if (!checks.findings().isEmpty()) {
      throw new RenderException(checks.findings());
    }
    Coverage.Report coverage = checks.coverage();
    files.put(COVERAGE, coverage.toMarkdown(RenderAll.class.getName()));
    List<AlertRule> alerts = new ArrayList<>(rules.alerts());
    List<RecordingRule> recordings = new ArrayList<>(rules.recordings());
    List<RuleTest> tests = allRuleTests(rules);
    for (UserContent u : extensions) {
      alerts.addAll(u.alerts());
      recordings.addAll(u.recordings());
      tests.addAll(u.ruleTests());
    }
    return new Rendering(files, coverage, dashboards(config, extensions), alerts, recordings,
        tests, AlertMatrix.of(rules).sizeLine() + " (promtool runs them in mvn verify)");
  }

  /**
   * Every file of these sources, normalized, without the checks (and so without the coverage
   * table): what a build that does not fail on findings still writes.
   *
   * @throws RenderException when two sources write the same path
   */
  public static SortedMap<String, String> collect(
      Map<String, Supplier<Map<String, String>>> sources) {
    SortedMap<String, String> files = new TreeMap<>();
    Map<String, String> owner = new LinkedHashMap<>();
    for (var source : sources.entrySet()) {
      for (var f : source.getValue().get().entrySet()) {
        String previous = owner.putIfAbsent(f.getKey(), source.getKey());
        if (previous != null) {
          throw new RenderException(f.getKey() + " is rendered by both " + previous + " and "
              + source.getKey());
        }
        files.put(f.getKey(), normalize(f.getValue()));
      }
    }
    return files;
  }

  /**
   * What the checks found in a set of files, and the coverage.
   *
   * @param findings one per problem, empty when the files pass
   * @param coverage the catalogue coverage (extension metrics included)
   */
  public record Checks(List<Finding> findings, Coverage.Report coverage) {}

  /**
   * The render's checks over files (by path relative to the output folder; dashboards under
   * {@code grafana/dashboards/}, rules under {@code prometheus/rules/}): dashboard and rule lint
   * against the catalogue plus the extensions' metrics, rule test completeness of the engine's
   * and the extensions' rules, and coverage both ways.
   *
   * @throws RenderException when a file is not valid JSON or an extension metric's name is taken
   */
  public static Checks check(ContentConfig config, Map<String, String> files,
      List<UserContent> extensions) {
    EngineRules rules = EngineRules.of(config);
    List<DashboardFile> dashboards = new ArrayList<>();
    List<JsonNode> ruleFiles = new ArrayList<>();
    Map<String, JsonNode> rulesByName = new LinkedHashMap<>();
    for (var f : files.entrySet()) {
      if (f.getKey().startsWith(Provisioning.DASHBOARDS_DIR + "/") && f.getKey().endsWith(".json")) {
        dashboards.add(DashboardReader.read(readJson(f.getKey(), f.getValue()), f.getKey()));
      } else if (f.getKey().startsWith("prometheus/rules/")) {
        JsonNode tree = JSON.valueToTree(YamlText.parse(f.getValue()));
        ruleFiles.add(tree);
        rulesByName.put(f.getKey(), tree);
      }
    }
    MetricUniverse universe = universe(ruleFiles, extensionMetrics(extensions));

    List<Finding> findings = new ArrayList<>();
    findings.addAll(DashboardLint.lint(dashboards, new DashboardLint.Settings(
        Provisioning.datasourceTypesByUid(config), Panels.clusterWideSeries(), java.util.Set.of()),
        universe));
    findings.addAll(RuleLint.lint(rulesByName, universe, Panels.clusterWideSeries()));
    findings.addAll(ruleTestGaps(rules, extensions));
    Coverage.Report coverage = Coverage.compute(dashboards, ruleFiles, universe,
        config.completeUid());
    for (MetricDefinition m : coverage.notOnAnyPanel()) {
      findings.add(new Finding("coverage", m.number() == 0 ? "extension metric " + m.otelName()
          : "catalogue metric #" + m.number(), m.prometheusName() + " is on no panel"));
    }
    for (MetricDefinition m : coverage.notOnReferenceDashboard()) {
      if (m.number() == 0) {
        continue; // the Complete dashboard shows the engine's catalogue, not a project's metrics
      }
      findings.add(new Finding("coverage", "catalogue metric #" + m.number(),
          m.prometheusName() + " is not on the " + config.completeUid() + " dashboard"));
    }
    return new Checks(List.copyOf(findings), coverage);
  }

  private static List<MetricDefinition> extensionMetrics(List<UserContent> extensions) {
    return extensions.stream().flatMap(u -> u.metrics().stream()).toList();
  }

  /**
   * What the checks know: the catalogue with its process group, the series outside it
   * ({@link EngineRules#externalSeries()}) and what the rule files record.
   */
  public static MetricUniverse universe(List<JsonNode> ruleFiles) {
    return universe(ruleFiles, List.of());
  }

  /**
   * {@link #universe(List)} with a project's own metrics beside the catalogue.
   *
   * @throws RenderException when one of them has a catalogue metric's Prometheus name, or two
   *     have the same
   */
  public static MetricUniverse universe(List<JsonNode> ruleFiles,
      List<MetricDefinition> extensionMetrics) {
    List<MetricDefinition> all = new ArrayList<>(MetricCatalogue.allWithProcess());
    java.util.Set<String> names = new java.util.HashSet<>();
    all.forEach(m -> names.add(m.prometheusName()));
    for (MetricDefinition m : extensionMetrics) {
      if (!names.add(m.prometheusName())) {
        throw new RenderException("extension metric " + m.otelName() + ": "
            + m.prometheusName() + " is already defined");
      }
      all.add(m);
    }
    MetricUniverse universe = MetricUniverse.of(all);
    for (var e : EngineRules.externalSeries().entrySet()) {
      universe = universe.withExternal(e.getKey(), MetricUniverse.SeriesKind.GAUGE, e.getValue());
    }
    return universe.withRecordingRules(ruleFiles);
  }

  private static List<RuleTest> allRuleTests(EngineRules rules) {
    EngineRuleTests ruleTests = EngineRuleTests.of(rules);
    List<RuleTest> all = new ArrayList<>(ruleTests.alertTests());
    all.addAll(ruleTests.recordingTests());
    return all;
  }

  /** Alerts without a firing or a quiet case, recording rules without expected samples. */
  static List<Finding> ruleTestGaps(EngineRules rules) {
    return ruleTestGaps(rules, List.of());
  }

  /** {@link #ruleTestGaps(EngineRules)} with the extensions' rules and tests. */
  static List<Finding> ruleTestGaps(EngineRules rules, List<UserContent> extensions) {
    List<Finding> gaps = new ArrayList<>();
    List<RuleTest> tests = allRuleTests(rules);
    List<AlertRule> alerts = new ArrayList<>(rules.alerts());
    List<RecordingRule> recordings = new ArrayList<>(rules.recordings());
    for (UserContent u : extensions) {
      tests.addAll(u.ruleTests());
      alerts.addAll(u.alerts());
      recordings.addAll(u.recordings());
    }
    for (AlertRule a : alerts) {
      boolean fires = tests.stream().flatMap(t -> t.alertCases().stream())
          .anyMatch(c -> c.alert().name().equals(a.name()) && !c.expected().isEmpty());
      boolean quiet = tests.stream().flatMap(t -> t.alertCases().stream())
          .anyMatch(c -> c.alert().name().equals(a.name()) && c.expected().isEmpty());
      // the watchdog is the one alert that is never quiet: that is its test
      quiet |= a.name().equals(rules.watchdog().name());
      if (!fires || !quiet) {
        gaps.add(new Finding("rule-test", "alert '" + a.name() + "'", "has no promtool case "
            + "where it " + (!fires ? "fires" : "stays quiet")));
      }
    }
    for (RecordingRule r : recordings) {
      boolean tested = tests.stream().flatMap(t -> t.exprCases().stream())
          .anyMatch(c -> c.expr().equals(r.record()));
      if (!tested) {
        gaps.add(new Finding("rule-test", "recording rule '" + r.record() + "'",
            "has no promtool case checking its samples"));
      }
    }
    return gaps;
  }

  private static JsonNode readJson(String path, String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new RenderException(path + " is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** LF line ends and exactly one trailing newline, whatever a source produced. */
  static String normalize(String content) {
    String s = content.replace("\r\n", "\n");
    while (s.endsWith("\n\n")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.endsWith("\n") ? s : s + "\n";
  }

  /** The checkout: {@code start} or the nearest parent holding {@code dashboards-src/}. */
  static Path findRoot(Path start) {
    try {
      return Checkout.rootAbove(start);
    } catch (IllegalStateException e) {
      throw new RenderException(e.getMessage());
    }
  }

  /**
   * Renders and writes (or with {@code --check}, compares); returns the exit code.
   *
   * @param args {@code [--check] [ROOT]}, or {@code --help}
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, FileSources.all());
  }

  /** {@link #run(String[], PrintStream, PrintStream)} over these sources. */
  static int run(String[] args, PrintStream out, PrintStream err,
      Map<String, Supplier<Map<String, String>>> sources) {
    return CommandLines.execute(new Cli(sources, out, err), args, out, err);
  }

  /** The command line; see the class comment. */
  @Command(name = "render", description = "Renders generated/ from the Java definitions, checked "
      + "(dashboard and rule lint, rule test completeness, catalogue coverage).",
      exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:rendered, or current with --check",
          "1:--check found generated/ stale", "2:bad definitions (nothing written) or bad arguments"})
  private static final class Cli implements Callable<Integer> {

    @Option(names = "--check", description = "render and compare with generated/ without writing")
    private boolean check;

    @Parameters(arity = "0..1", paramLabel = "ROOT", description = "the checkout, or a directory "
        + "below it (default: the working directory)")
    private Path start = Path.of("");

    @Mixin private CommandLines.Help help;

    private final Map<String, Supplier<Map<String, String>>> sources;
    private final PrintStream out;
    private final PrintStream err;

    Cli(Map<String, Supplier<Map<String, String>>> sources, PrintStream out, PrintStream err) {
      this.sources = sources;
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      try {
        Path generated = findRoot(start).resolve("generated");
        Rendering r = render(sources);
        if (check) {
          GeneratedFiles.Changes stale = GeneratedFiles.diff(generated, r.files());
          if (!stale.isEmpty()) {
            err.println("generated/ is stale (" + stale + "): " + String.join(", ",
                concat(stale.added(), stale.changed(), stale.removed())));
            return CommandLines.FAILED;
          }
          out.println("durobs: generated/ is current (" + r.files().size() + " files)");
        } else {
          GeneratedFiles.Changes changes = GeneratedFiles.write(generated, r.files());
          out.println("durobs: rendered " + r.files().size() + " files into " + generated
              + (changes.isEmpty() ? " (unchanged)" : " (" + changes + ")"));
        }
        r.summary().forEach(line -> out.println("durobs: " + line));
        return CommandLines.OK;
      } catch (RenderException e) {
        err.println("render: " + e.getMessage());
        return CommandLines.BAD_INPUT;
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b, List<String> c) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    all.addAll(c);
    return all;
  }

  /** The command line entry point; see the class comment. */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * The Maven entry point ({@code exec:java} in the {@code package} phase): as {@link #main}, but
   * failing by exception, because {@code System.exit} would take Maven down with it.
   */
  public static final class InBuild {

    private InBuild() {}

    /** Renders into the checkout given as the only argument; throws on failure. */
    public static void main(String[] args) {
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      int code = run(args, System.out, new PrintStream(errors, true, StandardCharsets.UTF_8));
      if (code != 0) {
        throw new RenderException(errors.toString(StandardCharsets.UTF_8).trim());
      }
    }
  }
}
