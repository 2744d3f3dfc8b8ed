package io.durobs.dashboards.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One promtool test group: input series over time and what the rules must produce from them.
 * Built fluently: {@code new RuleTest("name").input(series, "0+1x30").expectAlert("15m", alert,
 * labels, annotations)}.
 */
public final class RuleTest {

  /** An input series and its values in promtool's expanding notation. */
  public record Input(TestSeries series, String values) {}

  /** An expected firing alert: its labels (rule and series labels) and rendered annotations. */
  public record ExpectedAlert(Map<String, String> labels, Map<String, String> annotations) {}

  /** At {@code evalTime}, exactly {@code expected} alerts of {@code alert} fire (none: quiet). */
  public record AlertCase(String evalTime, AlertRule alert, List<ExpectedAlert> expected) {}

  /** A sample an expression must return. */
  public record Sample(String labels, double value) {}

  /** At {@code evalTime}, {@code expr} returns exactly {@code samples}. */
  public record ExprCase(String evalTime, String expr, List<Sample> samples) {}

  private final String name;
  private String interval = "1m";
  private final List<Input> inputs = new ArrayList<>();
  private final List<AlertCase> alertCases = new ArrayList<>();
  private final List<ExprCase> exprCases = new ArrayList<>();

  /** A test group named for what it shows. */
  public RuleTest(String name) {
    this.name = name;
  }

  /** The spacing of input values (default 1m). */
  public RuleTest interval(String interval) {
    this.interval = interval;
    return this;
  }

  /** Adds an input series. */
  public RuleTest input(TestSeries series, String values) {
    inputs.add(new Input(series, values));
    return this;
  }

  /** Expects the alert to fire at {@code evalTime} with these alerts. */
  public RuleTest expectFiring(String evalTime, AlertRule alert, ExpectedAlert... alerts) {
    alertCases.add(new AlertCase(evalTime, alert, List.of(alerts)));
    return this;
  }

  /** Expects the alert not to fire (neither pending nor inactive counts as firing). */
  public RuleTest expectQuiet(String evalTime, AlertRule alert) {
    alertCases.add(new AlertCase(evalTime, alert, List.of()));
    return this;
  }

  /** Expects a recording rule's series to hold these samples. */
  public RuleTest expectSamples(String evalTime, RecordingRule rule, Sample... samples) {
    exprCases.add(new ExprCase(evalTime, rule.record(), List.of(samples)));
    return this;
  }

  /** Expects a PromQL expression to return exactly these samples (none: empty). */
  public RuleTest expectExpr(String evalTime, String expr, Sample... samples) {
    exprCases.add(new ExprCase(evalTime, expr, List.of(samples)));
    return this;
  }

  /** The test's name. */
  public String name() {
    return name;
  }

  /** The alert cases. */
  public List<AlertCase> alertCases() {
    return List.copyOf(alertCases);
  }

  /** The expression cases. */
  public List<ExprCase> exprCases() {
    return List.copyOf(exprCases);
  }

  /**
   * An expected alert: its rendered description and its labels as key, value, ... (besides
   * {@code severity}, which comes from the rule; summary and runbook link are the rule's).
   */
  public static ExpectedAlert alert(String description, String... labelKeyValues) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < labelKeyValues.length; i += 2) {
      labels.put(labelKeyValues[i], labelKeyValues[i + 1]);
    }
    return new ExpectedAlert(labels, Map.of("description", description));
  }

  /** The test group in promtool's file format. */
  Map<String, Object> tree(String runbookBaseUrl) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("name", name);
    t.put("interval", interval);
    List<Object> series = new ArrayList<>();
    for (Input in : inputs) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("series", in.series().notation());
      s.put("values", in.values());
      series.add(s);
    }
    t.put("input_series", series);
    if (!alertCases.isEmpty()) {
      List<Object> cases = new ArrayList<>();
      for (AlertCase c : alertCases) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eval_time", c.evalTime());
        m.put("alertname", c.alert().name());
        List<Object> exp = new ArrayList<>();
        for (ExpectedAlert e : c.expected()) {
          Map<String, Object> labels = new LinkedHashMap<>(e.labels());
          labels.putAll(c.alert().labels());
          Map<String, Object> annotations = new LinkedHashMap<>();
          annotations.put("summary", c.alert().summary());
          annotations.putAll(e.annotations());
          annotations.put("runbook_url", c.alert().runbookUrl(runbookBaseUrl));
          Map<String, Object> a = new LinkedHashMap<>();
          a.put("exp_labels", sorted(labels));
          a.put("exp_annotations", annotations);
          exp.add(a);
        }
        m.put("exp_alerts", exp);
        cases.add(m);
      }
      t.put("alert_rule_test", cases);
    }
    if (!exprCases.isEmpty()) {
      List<Object> cases = new ArrayList<>();
      for (ExprCase c : exprCases) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("expr", c.expr());
        m.put("eval_time", c.evalTime());
        List<Object> samples = new ArrayList<>();
        for (Sample s : c.samples()) {
          Map<String, Object> sm = new LinkedHashMap<>();
          sm.put("labels", s.labels());
          sm.put("value", s.value());
          samples.add(sm);
        }
        m.put("exp_samples", samples);
        cases.add(m);
      }
      t.put("promql_expr_test", cases);
    }
    return t;
  }

  private static Map<String, Object> sorted(Map<String, Object> m) {
    return new java.util.TreeMap<>(m);
  }
}
