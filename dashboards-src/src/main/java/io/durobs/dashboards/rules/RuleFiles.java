package io.durobs.dashboards.rules;

import io.durobs.toolkit.yaml.YamlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders rule groups and rule tests to Prometheus's rule file format and promtool's test file
 * format. Paths are relative to {@code generated/}; test files name their rule files relative
 * to themselves, as promtool resolves them.
 */
public final class RuleFiles {

  /** The alerting rules. */
  public static final String ALERTS = "prometheus/rules/alerts.yaml";
  /** The recording rules. */
  public static final String RECORDING = "prometheus/rules/recording.yaml";
  /** The alert tests. */
  public static final String ALERT_TESTS = "prometheus/tests/alerts.test.yaml";
  /** The recording rule tests. */
  public static final String RECORDING_TESTS = "prometheus/tests/recording.test.yaml";
  /** The alert behaviour matrix ({@link AlertMatrix}) at one sample a minute. */
  public static final String MATRIX_TESTS = AlertMatrix.PATH;
  /** The alert behaviour matrix's fixtures over long windows, at one sample every 5 minutes. */
  public static final String MATRIX_LONG_TESTS = AlertMatrix.LONG_PATH;

  private static final List<String> HEADER = List.of(
      "Rendered by io.durobs.dashboards.render.RenderAll from io.durobs.dashboards.rules; do not edit.");

  private RuleFiles() {}

  /** The project's rule files and test files by path, for the rules' configuration. */
  public static Map<String, String> render(EngineRules rules) {
    String runbookBaseUrl = rules.config().runbookBaseUrl();
    EngineRuleTests tests = EngineRuleTests.of(rules);
    Map<String, String> files = new LinkedHashMap<>(ruleFiles(rules, RuleTiming.PRODUCTION));
    List<String> groupOrder = new ArrayList<>();
    rules.recordingGroups().forEach(g -> groupOrder.add(g.name()));
    rules.alertGroups().forEach(g -> groupOrder.add(g.name()));
    files.put(ALERT_TESTS, tests(List.of(relative(ALERTS), relative(RECORDING)), groupOrder,
        tests.alertTests(), runbookBaseUrl));
    files.put(RECORDING_TESTS, tests(List.of(relative(RECORDING)), groupOrder.subList(0,
        rules.recordingGroups().size()), tests.recordingTests(), runbookBaseUrl));
    AlertMatrix matrix = AlertMatrix.of(rules);
    files.put(MATRIX_TESTS, tests(List.of(relative(ALERTS), relative(RECORDING)), groupOrder,
        matrix.tests(AlertMatrix.STEP), runbookBaseUrl, AlertMatrix.STEP));
    files.put(MATRIX_LONG_TESTS, tests(List.of(relative(ALERTS), relative(RECORDING)), groupOrder,
        matrix.tests(AlertMatrix.COARSE_STEP), runbookBaseUrl, AlertMatrix.COARSE_STEP));
    return files;
  }

  /**
   * The project's two rule files (alerting and recording) at a time scale, by path: what
   * Prometheus loads. {@link RuleTiming#PRODUCTION} of the default rules gives the files of
   * {@code generated/}.
   *
   * @param rules the rules (their configuration gives the runbook links)
   * @param timing the time scale
   */
  public static Map<String, String> ruleFiles(EngineRules rules, RuleTiming timing) {
    String runbookBaseUrl = rules.config().runbookBaseUrl();
    Map<String, String> files = new LinkedHashMap<>();
    files.put(ALERTS, rules(rules.alertGroups(), runbookBaseUrl, timing));
    files.put(RECORDING, rules(rules.recordingGroups(), runbookBaseUrl, timing));
    return files;
  }

  /** Rule groups in Prometheus's rule file format. */
  public static String rules(List<RuleGroup> groups, String runbookBaseUrl) {
    return rules(groups, runbookBaseUrl, RuleTiming.PRODUCTION);
  }

  /** Rule groups in Prometheus's rule file format, at a time scale. */
  public static String rules(List<RuleGroup> groups, String runbookBaseUrl, RuleTiming timing) {
    List<Object> out = new ArrayList<>();
    for (RuleGroup g : groups) {
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("name", g.name());
      if (g.interval() != null) {
        group.put("interval", timing.interval(g.interval()));
      }
      List<Object> rules = new ArrayList<>();
      for (Object r : g.rules()) {
        Map<String, Object> rule = new LinkedHashMap<>();
        if (r instanceof AlertRule a) {
          rule.put("alert", a.name());
          rule.put("expr", timing.expr(a.expr().text()));
          if (!a.firesAtOnce()) {
            rule.put("for", timing.holdFor(a.forDuration()));
          }
          rule.put("labels", a.labels());
          rule.put("annotations", a.annotations(runbookBaseUrl));
        } else if (r instanceof RecordingRule rec) {
          rule.put("record", rec.record());
          rule.put("expr", timing.expr(rec.expr().text()));
        }
        rules.add(rule);
      }
      group.put("rules", rules);
      out.add(group);
    }
    List<String> header = new ArrayList<>(HEADER);
    if (!timing.isProduction()) {
      header.add("Timing: " + timing.describe() + ".");
    }
    return YamlText.render(header, Map.of("groups", out));
  }

  /** A promtool test file, evaluating every minute. */
  public static String tests(List<String> ruleFiles, List<String> groupOrder, List<RuleTest> tests,
      String runbookBaseUrl) {
    return tests(ruleFiles, groupOrder, tests, runbookBaseUrl, java.time.Duration.ofMinutes(1));
  }

  /** A promtool test file, evaluating every {@code evaluationInterval}. */
  public static String tests(List<String> ruleFiles, List<String> groupOrder, List<RuleTest> tests,
      String runbookBaseUrl, java.time.Duration evaluationInterval) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("rule_files", ruleFiles);
    file.put("evaluation_interval",
        io.durobs.toolkit.promql.PromDuration.format(evaluationInterval));
    // rates of exact test counters land one float ulp off the decimal they are written as
    file.put("fuzzy_compare", true);
    file.put("group_eval_order", groupOrder);
    file.put("tests", tests.stream().map(t -> t.tree(runbookBaseUrl)).toList());
    List<String> header = new ArrayList<>(HEADER);
    header.add("Run: promtool test rules " + "<this file>");
    return YamlText.render(header, file);
  }

  private static String relative(String rulesPath) {
    return "../" + rulesPath.substring("prometheus/".length());
  }
}
