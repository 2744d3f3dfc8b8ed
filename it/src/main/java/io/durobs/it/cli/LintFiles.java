package io.durobs.it.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.durobs.dashboards.Panels;
import io.durobs.dashboards.Provisioning;
import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.rules.EngineRules;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.it.grafana.DatasourceTypes;
import io.durobs.toolkit.cli.CommandLines;
import io.durobs.toolkit.grafana.read.DashboardFile;
import io.durobs.toolkit.grafana.read.DashboardFormatException;
import io.durobs.toolkit.grafana.read.DashboardReader;
import io.durobs.toolkit.lint.DashboardLint;
import io.durobs.toolkit.lint.Finding;
import io.durobs.toolkit.lint.LintRules;
import io.durobs.toolkit.lint.MetricUniverse;
import io.durobs.toolkit.lint.RuleLint;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * Runs the project's static checks ({@link DashboardLint}, {@link RuleLint}: the checks the
 * render of {@code generated/} runs) on any dashboard JSON or Prometheus rule file, offline, in
 * the manner of grafana/dashboard-linter and pint: checks listed with ids
 * ({@code --list-rules}), each finding with its dashboard, panel, refId and fix, exclusions by
 * check id (optionally only for one dashboard uid), JSON output for CI.
 *
 * <pre>
 * lint [--format text|json] [--exclude RULE[=DASHBOARD_UID]]... [--config FILE]
 *      [--datasources FILE] [--list-rules] FILE|DIR...
 * </pre>
 *
 * <p>Exit code 0: no finding; 1: findings; 2: bad input (options, unreadable or unknown file).
 */
@Command(name = LintFiles.NAME, sortOptions = false, sortSynopsis = false,
    description = "Runs the project's static checks on Grafana dashboards (*.json) and Prometheus "
        + "rule files (*.yaml, *.yml), offline.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no finding", "1:findings (one line each, or JSON)",
        "2:bad input (options, unreadable file, not a dashboard or rule file)"})
public final class LintFiles implements Callable<Integer> {

  /** Exit code: no finding. */
  public static final int OK = CommandLines.OK;
  /** Exit code: findings. */
  public static final int FINDINGS = CommandLines.FAILED;
  /** Exit code: bad input. */
  public static final int BAD_INPUT = CommandLines.BAD_INPUT;

  static final String NAME = "lint";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "FILE|DIR", arity = "0..*",
      description = "dashboards (*.json) and rule files (*.yaml, *.yml), or directories of them")
  private List<Path> inputs = new ArrayList<>();

  @Option(names = "--format", paramLabel = "text|json", description = "output format (default: text)")
  private String format = "text";

  @Option(names = "--exclude", paramLabel = "RULE[=UID]",
      description = "leave out a check's findings, everywhere or only in the dashboard with that uid; "
          + "repeatable")
  private List<String> excludes = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE",
      description = "a YAML file with 'exclude: [RULE, RULE=UID, ...]'")
  private Path config;

  @Option(names = "--datasources", paramLabel = "FILE",
      description = "Grafana's data source provisioning file references are checked against "
          + "(default: this project's)")
  private Path datasourcesFile;

  @Option(names = "--list-rules", description = "list the checks with their ids and exit")
  private boolean listRules;

  @Mixin private CommandLines.Help help;

  private final PrintStream out;
  private final PrintStream err;

  private LintFiles(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the CLI and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the CLI.
   *
   * @param args the command line
   * @param out where findings (and {@code --help}) go
   * @param err where errors go
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return CommandLines.execute(new LintFiles(out, err), args, out, err);
  }

  /**
   * One finding as {@code --format json} writes it.
   *
   * @param rule the check's id
   * @param dashboard the dashboard title (null for rule files)
   * @param uid the dashboard uid
   * @param panel the panel title, where the finding is on a panel
   * @param refId the query's refId, where it is on a query
   * @param location where, as one text
   * @param message what is wrong
   * @param fix how to fix it
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FindingJson(String rule, String dashboard, String uid, String panel, String refId,
      String location, String message, String fix) {

    static FindingJson of(Finding f) {
      Finding.Place p = f.place();
      return new FindingJson(f.rule(), p.dashboard(), p.uid(), p.panel(), p.refId(), f.location(),
          f.message(), f.fix());
    }
  }

  /** The JSON document: the files, the checks run, the exclusions and the findings. */
  record Report(List<String> files, List<String> rules, List<String> excluded, int findingCount,
      Map<String, Integer> byRule, List<FindingJson> findings) {}

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json")) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--format': '"
          + format + "' (text or json)");
    }
    if (listRules) {
      LintRules.ALL.forEach(r -> out.printf("%-18s %-16s %s%n%18s fix: %s%n", r.id(), r.on(), r.checks(), "", r.fix()));
      return OK;
    }
    if (inputs.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "no file given (FILE|DIR)");
    }
    List<String> exclusions = new ArrayList<>(excludes);
    try {
      if (config != null) {
        exclusions.addAll(configExclusions(config));
      }
      for (String e : exclusions) {
        String rule = e.split("=", 2)[0];
        if (LintRules.byId(rule).isEmpty()) {
          throw new ParameterException(spec.commandLine(), "unknown check '" + rule + "' in exclusion '"
              + e + "' (see --list-rules)");
        }
      }
      List<Path> files = expand(inputs);
      List<DashboardFile> dashboards = new ArrayList<>();
      Map<String, JsonNode> ruleFiles = new LinkedHashMap<>();
      for (Path f : files) {
        if (f.toString().endsWith(".json")) {
          dashboards.add(DashboardReader.read(f));
        } else {
          ruleFiles.put(f.toString(), ruleFile(f));
        }
      }
      List<Finding> findings = lint(dashboards, ruleFiles, datasources()).stream()
          .filter(f -> !excluded(f, exclusions)).toList();
      print(files, exclusions, findings);
      return findings.isEmpty() ? OK : FINDINGS;
    } catch (DashboardFormatException | BadInput e) {
      err.println(NAME + ": " + e.getMessage());
      return BAD_INPUT;
    }
  }

  /**
   * The findings of the project's checks on these files.
   *
   * @param datasources the provisioned data sources: uids and names to plugin types
   */
  public static List<Finding> lint(List<DashboardFile> dashboards, Map<String, JsonNode> ruleFiles,
      Map<String, String> datasources) {
    MetricUniverse universe = MetricUniverse.of(MetricCatalogue.allWithProcess());
    for (var e : EngineRules.externalSeries().entrySet()) {
      universe = universe.withExternal(e.getKey(), MetricUniverse.SeriesKind.GAUGE, e.getValue());
    }
    universe = universe.withRecordingRules(List.copyOf(ruleFiles.values()));
    List<Finding> findings = new ArrayList<>(DashboardLint.lint(dashboards,
        new DashboardLint.Settings(datasources, Panels.clusterWideSeries(), Set.of()), universe));
    findings.addAll(RuleLint.lint(ruleFiles, universe, Panels.clusterWideSeries()));
    return findings;
  }

  private void print(List<Path> files, List<String> exclusions, List<Finding> findings) {
    if (format.equals("json")) {
      Map<String, Integer> byRule = new TreeMap<>();
      findings.forEach(f -> byRule.merge(f.rule(), 1, Integer::sum));
      try {
        out.println(JSON.writeValueAsString(new Report(files.stream().map(Path::toString).toList(),
            LintRules.ALL.stream().map(LintRules.Rule::id).toList(), exclusions, findings.size(),
            byRule, findings.stream().map(FindingJson::of).toList())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    for (Finding f : findings) {
      out.println(f + "\n    fix: " + f.fix());
    }
    out.println(findings.size() + " finding" + (findings.size() == 1 ? "" : "s") + " in " + files.size()
        + " file" + (files.size() == 1 ? "" : "s"));
  }

  private static boolean excluded(Finding f, List<String> exclusions) {
    for (String e : exclusions) {
      String[] parts = e.split("=", 2);
      if (parts[0].equals(f.rule()) && (parts.length == 1 || parts[1].equals(f.place().uid()))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> configExclusions(Path file) {
    JsonNode root = yaml(file);
    if (!root.path("exclude").isArray()) {
      throw new BadInput(file + ": no 'exclude' list (exclude: [RULE, RULE=UID, ...])");
    }
    List<String> out = new ArrayList<>();
    root.path("exclude").forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode ruleFile(Path f) {
    JsonNode root = yaml(f);
    if (!root.path("groups").isArray()) {
      throw new BadInput(f + ": not a Prometheus rule file (no 'groups' list)");
    }
    return root;
  }

  private static JsonNode yaml(Path f) {
    try {
      JsonNode root = new YAMLMapper().readTree(Files.readString(f));
      if (root == null || !root.isObject()) {
        throw new BadInput(f + ": not a YAML mapping");
      }
      return root;
    } catch (IOException e) {
      throw new BadInput(f + ": cannot read the file (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
  }

  private Map<String, String> datasources() {
    DatasourceTypes types;
    try {
      types = datasourcesFile == null
          ? DatasourceTypes.fromProvisioning(Provisioning.datasources(ContentConfig.defaults()), "defaults")
          : DatasourceTypes.fromProvisioning(Files.readString(datasourcesFile), datasourcesFile.toString());
    } catch (IOException e) {
      throw new BadInput("--datasources " + datasourcesFile + ": cannot read the file");
    } catch (IllegalArgumentException e) {
      throw new BadInput("--datasources " + e.getMessage());
    }
    Map<String, String> byUidAndName = new TreeMap<>();
    types.datasources().forEach(d -> {
      byUidAndName.put(d.name(), d.type());
      byUidAndName.put(d.uid(), d.type());
    });
    return byUidAndName;
  }

  private static List<Path> expand(List<Path> inputs) {
    List<Path> out = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          out.addAll(s.filter(LintFiles::lintable).sorted().toList());
        } catch (IOException e) {
          throw new BadInput(p + ": cannot list the directory");
        }
      } else if (!Files.isRegularFile(p)) {
        throw new BadInput(p + ": no such file");
      } else if (!lintable(p)) {
        throw new BadInput(p + ": neither a dashboard (*.json) nor a rule file (*.yaml, *.yml)");
      } else {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      throw new BadInput(inputs + ": no *.json, *.yaml or *.yml file");
    }
    return out;
  }

  private static boolean lintable(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml");
  }
}
