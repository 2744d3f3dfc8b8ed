package io.durobs.kubernetes.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Objects;

/**
 * A prometheus-operator {@code ServiceMonitor}: which Service's endpoints Prometheus scrapes, and
 * how.
 *
 * @param apiVersion {@value #API_VERSION}
 * @param kind {@value #KIND}
 * @param metadata name, labels
 * @param spec the selector and the scraped ports
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public record ServiceMonitor(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

  /** The operator's API group and version. */
  public static final String API_VERSION = "monitoring.coreos.com/v1";
  /** The kind. */
  public static final String KIND = "ServiceMonitor";

  /** Checks the parts; {@code apiVersion} and {@code kind} must be the constants. */
  public ServiceMonitor {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(spec, "spec");
    OperatorTypes.requireKind(API_VERSION, KIND, apiVersion, kind);
  }

  /**
   * A monitor of the Services matching {@code selector}.
   *
   * @param metadata name and labels
   * @param selector the Services' labels
   * @param endpoints the scraped ports
   * @return the object
   */
  public static ServiceMonitor of(ObjectMeta metadata, LabelSelector selector, List<Endpoint> endpoints) {
    return new ServiceMonitor(API_VERSION, KIND, metadata, new Spec(selector, List.copyOf(endpoints)));
  }

  /**
   * The spec.
   *
   * @param selector which Services
   * @param endpoints which of their ports, scraped how
   */
  @JsonPropertyOrder({"selector", "endpoints"})
  public record Spec(LabelSelector selector, List<Endpoint> endpoints) {}

  /**
   * One scraped port.
   *
   * @param port the Service port's name
   * @param path the metrics path
   * @param interval the scrape interval
   * @param scrapeTimeout the scrape timeout
   * @param honorLabels keep the scraped {@code job}/{@code instance} over the target's
   * @param relabelings target relabelings (here: the scrape job's name)
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"port", "path", "interval", "scrapeTimeout", "honorLabels", "relabelings"})
  public record Endpoint(String port, String path, String interval, String scrapeTimeout, Boolean honorLabels,
      List<Relabeling> relabelings) {}

  /**
   * A target relabeling that sets {@code targetLabel} to {@code replacement} ({@code replace}).
   *
   * @param action the action
   * @param targetLabel the label written
   * @param replacement its value
   */
  @JsonPropertyOrder({"action", "targetLabel", "replacement"})
  public record Relabeling(String action, String targetLabel, String replacement) {

    /**
     * Sets a label to a fixed value.
     *
     * @param label the label
     * @param value the value
     * @return the relabeling
     */
    public static Relabeling set(String label, String value) {
      return new Relabeling("replace", label, value);
    }
  }
}
