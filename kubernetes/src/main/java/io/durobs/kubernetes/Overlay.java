package io.durobs.kubernetes;

import io.durobs.collector.Endpoint;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a kustomize overlay changes in the base, and nothing else: where the collector sends logs
 * and where Grafana finds Prometheus and Loki (endpoints), how many collectors run (replicas),
 * and the collector's CPU request and memory limit (resources; the {@code memory_limiter} of its
 * configuration is sized from that limit, so the overlay's ConfigMap carries the configuration
 * rendered for it).
 *
 * @param name the overlay's directory under {@code overlays/}
 * @param loki Loki as the collector reaches it (its OTLP endpoint is {@code /otlp} there)
 * @param prometheusUrl Prometheus as Grafana reaches it
 * @param lokiUrl Loki as Grafana reaches it
 * @param replicas collector replicas
 * @param cpuRequest the collector's CPU request, e.g. {@code 100m}
 * @param memoryLimitMib the collector's memory limit (and request) in MiB
 */
public record Overlay(String name, Endpoint loki, URI prometheusUrl, URI lokiUrl, int replicas, String cpuRequest,
    int memoryLimitMib) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern CPU = Pattern.compile("\\d+m|\\d+(\\.\\d+)?");

  /**
   * For a cluster on one machine (kind, minikube) with kube-prometheus-stack and Loki installed
   * in the {@code monitoring} namespace: one collector, small.
   */
  public static final Overlay LOCAL = new Overlay("local", new Endpoint("loki.monitoring.svc", 3100),
      URI.create("http://prometheus-operated.monitoring.svc:9090"), URI.create("http://loki.monitoring.svc:3100"),
      1, "100m", 512);

  /**
   * For a production cluster: two collectors with more memory; Loki behind its gateway (the
   * Loki chart's distributed mode). Placeholders of the usual chart names: change them to yours.
   */
  public static final Overlay PRODUCTION = new Overlay("production",
      new Endpoint("loki-gateway.loki.svc", 80), URI.create("http://prometheus-operated.monitoring.svc:9090"),
      URI.create("http://loki-gateway.loki.svc"), 2, "500m", 2048);

  /** Checks the parts. */
  public Overlay {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("overlay name '" + name + "' is not a DNS label");
    }
    Objects.requireNonNull(loki, "loki");
    Objects.requireNonNull(prometheusUrl, "prometheusUrl");
    Objects.requireNonNull(lokiUrl, "lokiUrl");
    if (replicas < 1) {
      throw new IllegalArgumentException("overlay " + name + ": replicas " + replicas + " < 1");
    }
    if (!CPU.matcher(cpuRequest).matches()) {
      throw new IllegalArgumentException("overlay " + name + ": CPU request '" + cpuRequest + "' is not a quantity");
    }
  }

  /**
   * The overlays rendered into {@code generated/kubernetes/overlays/}.
   *
   * @return local, production
   */
  public static List<Overlay> all() {
    return List.of(LOCAL, PRODUCTION);
  }
}
