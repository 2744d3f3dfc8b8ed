package io.durobs.kubernetes.monitoring;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A prometheus-operator {@code PrometheusRule}: rule groups in the shape of a Prometheus rule
 * file, which the operator loads into the Prometheus instances whose {@code ruleSelector} matches
 * its labels.
 *
 * @param apiVersion {@value #API_VERSION}
 * @param kind {@value #KIND}
 * @param metadata name, labels
 * @param spec the rule groups
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public record PrometheusRule(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

  /** The operator's API group and version. */
  public static final String API_VERSION = "monitoring.coreos.com/v1";
  /** The kind. */
  public static final String KIND = "PrometheusRule";

  /** Checks the parts; {@code apiVersion} and {@code kind} must be the constants. */
  public PrometheusRule {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(spec, "spec");
    OperatorTypes.requireKind(API_VERSION, KIND, apiVersion, kind);
  }

  /**
   * A rule object for these groups.
   *
   * @param metadata name and labels
   * @param groups the groups, as read from a rule file
   * @return the object
   */
  public static PrometheusRule of(ObjectMeta metadata, List<RuleGroup> groups) {
    return new PrometheusRule(API_VERSION, KIND, metadata, new Spec(groups));
  }

  /**
   * The spec.
   *
   * @param groups the rule groups
   */
  public record Spec(List<RuleGroup> groups) {
    /** Copies the groups. */
    public Spec {
      groups = List.copyOf(groups);
    }
  }

  /**
   * A Prometheus rule file ({@code groups:} at the top), read strictly: a field this model does
   * not know fails the read rather than being dropped from the manifests.
   *
   * @param groups the groups
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record RuleFile(List<RuleGroup> groups) {}

  /**
   * A rule group.
   *
   * @param name unique name
   * @param interval evaluation interval, or null for the global one
   * @param rules the rules, in order
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"name", "interval", "rules"})
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record RuleGroup(String name, String interval, List<Rule> rules) {
    /** Checks the name and copies the rules. */
    public RuleGroup {
      Objects.requireNonNull(name, "rule group name");
      rules = List.copyOf(rules);
    }
  }

  /**
   * An alerting ({@code alert}) or recording ({@code record}) rule.
   *
   * @param alert the alert name, or null
   * @param record the recorded series name, or null
   * @param expr the PromQL expression
   * @param forDuration how long the alert must be pending before firing, or null
   * @param keepFiringFor how long it keeps firing after the condition clears, or null
   * @param labels labels added to the alert or series
   * @param annotations the alert's annotations
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations"})
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Rule(String alert, String record, String expr, @JsonProperty("for") String forDuration,
      @JsonProperty("keep_firing_for") String keepFiringFor, Map<String, String> labels,
      Map<String, String> annotations) {

    /** Checks that the rule is exactly one of alert or record, with an expression. */
    public Rule {
      if ((alert == null) == (record == null)) {
        throw new IllegalArgumentException("a rule needs exactly one of alert and record: " + alert + " / " + record);
      }
      Objects.requireNonNull(expr, "expr of " + (alert != null ? alert : record));
    }
  }
}
