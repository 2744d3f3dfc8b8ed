package io.durobs.kubernetes;

import static io.durobs.toolkit.yaml.Trees.map;

import io.durobs.collector.CollectorConfig;
import io.durobs.collector.CollectorEndpoints;
import io.durobs.collector.CollectorPipeline;
import io.durobs.kubernetes.monitoring.PrometheusRule;
import io.durobs.kubernetes.monitoring.ServiceMonitor;
import io.durobs.stack.ComposeFile;
import io.durobs.stack.Images;
import io.durobs.stack.PrometheusConfig;
import io.durobs.stack.ServiceCommands;
import io.durobs.stack.StackEndpoints;
import io.durobs.toolkit.yaml.YamlText;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Renders {@code generated/kubernetes/}: a kustomize base and one overlay per {@link Overlay}.
 *
 * <p>The base holds the collector (ConfigMap with the configuration of {@code CollectorPipeline},
 * Deployment, Service, and a ServiceMonitor for its Prometheus exporter and its own metrics), one
 * PrometheusRule per rule group, one ConfigMap per dashboard for Grafana's dashboard sidecar
 * (label {@value #DASHBOARD_LABEL}, folder annotation {@value #FOLDER_ANNOTATION}), the data
 * sources as a ConfigMap for the datasource sidecar (label {@value #DATASOURCE_LABEL}), and
 * Alertmanager's configuration as the Secret a prometheus-operator {@code Alertmanager} names in
 * {@code spec.configSecret}. Its kustomization sets the namespace ({@value #NAMESPACE}; change it
 * with {@code kustomize edit set namespace} in an overlay). Each overlay patches exactly what
 * differs: the collector's replicas, CPU request and memory limit, its configuration (Loki's
 * endpoint, the {@code memory_limiter} sized for that limit) and the data sources' URLs.
 *
 * <p>Objects are typed (fabric8's Kubernetes model, {@link PrometheusRule} and
 * {@link ServiceMonitor}) and written with sorted map keys, one file per concern, so the output
 * is byte for byte the same for the same definitions.
 */
public final class KubernetesManifests {

  /** The directory under {@code generated/}. */
  public static final String DIR = "kubernetes";
  /** The base's directory under {@link #DIR}. */
  public static final String BASE = DIR + "/base";
  /** The overlays' directory under {@link #DIR}. */
  public static final String OVERLAYS = DIR + "/overlays";
  /** The namespace the base's kustomization puts everything in. */
  public static final String NAMESPACE = "durobs";
  /** The label Grafana's dashboard sidecar selects ConfigMaps by (value {@code "1"}). */
  public static final String DASHBOARD_LABEL = "grafana_dashboard";
  /** The label Grafana's datasource sidecar selects ConfigMaps by (value {@code "1"}). */
  public static final String DATASOURCE_LABEL = "grafana_datasource";
  /** The annotation naming a dashboard's folder (the sidecar's {@code folderAnnotation}). */
  public static final String FOLDER_ANNOTATION = "grafana_folder";
  /** The collector's name (Deployment, Service, ConfigMap, ServiceMonitor). */
  public static final String COLLECTOR = "durobs-collector";
  /** The collector's container name. */
  public static final String COLLECTOR_CONTAINER = "otelcol";
  /** The Secret holding Alertmanager's configuration under {@value #ALERTMANAGER_KEY}. */
  public static final String ALERTMANAGER_SECRET = "durobs-alertmanager";
  /** The key prometheus-operator reads Alertmanager's configuration from. */
  public static final String ALERTMANAGER_KEY = "alertmanager.yaml";
  /** The data sources ConfigMap. */
  public static final String DATASOURCES = "durobs-grafana-datasources";
  /** The data sources file name inside it. */
  public static final String DATASOURCES_KEY = "durobs-datasources.yaml";
  /** The collector's configuration file name in its ConfigMap. */
  public static final String COLLECTOR_CONFIG_KEY = "config.yaml";
  /** The label every object carries. */
  public static final String PART_OF = "app.kubernetes.io/part-of";
  /** The pod template annotation that changes with the configuration, so a new one rolls out. */
  public static final String CONFIG_CHECKSUM = "durobs.io/config-sha256";

  /** The collector image's user (the contrib image runs as 10001). */
  private static final long COLLECTOR_UID = 10001;
  private static final String GENERATED = "Generated by io.durobs.kubernetes.KubernetesManifests (kubernetes/); do not edit: "
      + "change the Java and run 'mvn -q package'.";

  private KubernetesManifests() {}

  /**
   * Every file of {@code generated/kubernetes/}.
   *
   * @param inputs the rendered rules, dashboards, data sources and Alertmanager configuration
   * @return path relative to {@code generated/} to content
   * @throws IllegalArgumentException naming the file when a rule file does not read as rule groups
   */
  public static SortedMap<String, String> render(KubernetesInputs inputs) {
    SortedMap<String, String> files = new TreeMap<>();
    Overlay base = Overlay.LOCAL;
    files.put(BASE + "/collector.yaml", KubeYaml.documents(header("The OpenTelemetry Collector: configuration, "
        + "Deployment, Service, ServiceMonitor."), collector(base)));
    files.put(BASE + "/prometheus-rules.yaml", KubeYaml.documents(header("One PrometheusRule per rule group of "
        + "generated/prometheus/rules/ (the same groups, the same rules)."), prometheusRules(inputs)));
    files.put(BASE + "/grafana-dashboards.yaml", KubeYaml.documents(header("One ConfigMap per dashboard for Grafana's "
        + "dashboard sidecar (label " + DASHBOARD_LABEL + ", folder annotation " + FOLDER_ANNOTATION + ")."),
        dashboards(inputs)));
    files.put(BASE + "/grafana-datasources.yaml", KubeYaml.documents(header("Grafana's data sources for its "
        + "datasource sidecar (label " + DATASOURCE_LABEL + "); the overlays set the URLs."),
        List.of(datasources(inputs, base))));
    files.put(BASE + "/alertmanager-config.yaml", KubeYaml.documents(header("Alertmanager's configuration for a "
        + "prometheus-operator Alertmanager (spec.configSecret: " + ALERTMANAGER_SECRET + "); replace the "
        + "placeholder receivers."), List.of(alertmanager(inputs))));
    files.put(BASE + "/kustomization.yaml", YamlText.render(header("The base: kustomize build "
        + "generated/kubernetes/overlays/<local|production>, or this directory alone (the local overlay's values)."),
        map("apiVersion", "kustomize.config.k8s.io/v1beta1",
            "kind", "Kustomization",
            "namespace", NAMESPACE,
            "resources", List.of("collector.yaml", "prometheus-rules.yaml", "grafana-dashboards.yaml",
                "grafana-datasources.yaml", "alertmanager-config.yaml"))));
    for (Overlay overlay : Overlay.all()) {
      String dir = OVERLAYS + "/" + overlay.name();
      files.put(dir + "/collector-patch.yaml", KubeYaml.documents(header("Overlay '" + overlay.name()
          + "': the collector's replicas, resources and configuration (Loki " + overlay.loki().hostPort()
          + ", memory_limiter for " + overlay.memoryLimitMib() + " MiB)."), collectorPatch(overlay)));
      files.put(dir + "/grafana-datasources-patch.yaml", KubeYaml.documents(header("Overlay '" + overlay.name()
          + "': Grafana's data source URLs."), List.of(datasourcesPatch(inputs, overlay))));
      files.put(dir + "/kustomization.yaml", YamlText.render(header("Overlay '" + overlay.name()
          + "': kustomize build generated/" + dir),
          map("apiVersion", "kustomize.config.k8s.io/v1beta1",
              "kind", "Kustomization",
              "resources", List.of("../../base"),
              "patches", List.of(map("path", "collector-patch.yaml"), map("path", "grafana-datasources-patch.yaml")))));
    }
    return files;
  }

  /** The collector's configuration for an overlay: the stack's ports, the overlay's Loki and memory. */
  public static CollectorConfig collectorConfig(Overlay overlay) {
    CollectorEndpoints d = StackEndpoints.defaults().collector();
    return CollectorPipeline.production(new CollectorEndpoints(d.listenHost(), d.otlpGrpc(), d.otlpHttp(),
        d.metrics(), d.telemetry(), d.healthCheck(), overlay.loki()), overlay.memoryLimitMib());
  }

  private static String collectorConfigText(Overlay overlay) {
    return collectorConfig(overlay).toYaml(List.of(
        "The collector's configuration in Kubernetes (overlay '" + overlay.name() + "'), rendered by",
        "io.durobs.kubernetes.KubernetesManifests from io.durobs.collector.CollectorPipeline."));
  }

  private static List<Object> collector(Overlay overlay) {
    String config = collectorConfigText(overlay);
    ConfigMap configMap = new ConfigMapBuilder()
        .withMetadata(meta(COLLECTOR, "collector"))
        .addToData(COLLECTOR_CONFIG_KEY, config)
        .build();
    StackEndpoints e = StackEndpoints.defaults();
    Service service = new ServiceBuilder()
        .withMetadata(meta(COLLECTOR, "collector"))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(selectorLabels())
        .addNewPort().withName("otlp-grpc").withPort(e.otlpGrpc().port()).withTargetPort(new IntOrString("otlp-grpc"))
        .withAppProtocol("grpc").endPort()
        .addNewPort().withName("otlp-http").withPort(e.otlpHttp().port()).withTargetPort(new IntOrString("otlp-http"))
        .endPort()
        .addNewPort().withName("metrics").withPort(e.collectorMetrics().port())
        .withTargetPort(new IntOrString("metrics")).endPort()
        .addNewPort().withName("telemetry").withPort(e.collectorTelemetry().port())
        .withTargetPort(new IntOrString("telemetry")).endPort()
        .endSpec()
        .build();
    ServiceMonitor monitor = ServiceMonitor.of(meta(COLLECTOR, "collector"),
        new LabelSelectorBuilder().withMatchLabels(selectorLabels()).build(),
        List.of(
            // job and instance of the engine's series come from service.name / service.instance.id
            new ServiceMonitor.Endpoint("metrics", "/metrics", PrometheusConfig.INTERVAL, PrometheusConfig.INTERVAL,
                true, List.of(ServiceMonitor.Relabeling.set("job", PrometheusConfig.EXPORTER_JOB))),
            new ServiceMonitor.Endpoint("telemetry", "/metrics", PrometheusConfig.INTERVAL, PrometheusConfig.INTERVAL,
                null, List.of(ServiceMonitor.Relabeling.set("job", PrometheusConfig.COLLECTOR_JOB)))));
    return List.of(configMap, deployment(overlay, config), service, monitor);
  }

  private static Deployment deployment(Overlay overlay, String config) {
    StackEndpoints e = StackEndpoints.defaults();
    Probe probe = new ProbeBuilder().withNewHttpGet().withPath("/").withPort(new IntOrString("health")).endHttpGet()
        .withPeriodSeconds(10).withFailureThreshold(3).build();
    Container container = new ContainerBuilder()
        .withName(COLLECTOR_CONTAINER)
        .withImage(Images.COLLECTOR)
        .withArgs(ServiceCommands.collector(ComposeFile.COLLECTOR_CONFIG_DIR, false))
        .addNewEnv().withName(CollectorPipeline.ENVIRONMENT_ENV).withValue(overlay.name()).endEnv()
        .addNewPort().withName("otlp-grpc").withContainerPort(e.otlpGrpc().port()).withProtocol("TCP").endPort()
        .addNewPort().withName("otlp-http").withContainerPort(e.otlpHttp().port()).withProtocol("TCP").endPort()
        .addNewPort().withName("metrics").withContainerPort(e.collectorMetrics().port()).withProtocol("TCP").endPort()
        .addNewPort().withName("telemetry").withContainerPort(e.collectorTelemetry().port()).withProtocol("TCP")
        .endPort()
        .addNewPort().withName("health").withContainerPort(e.healthCheck().port()).withProtocol("TCP").endPort()
        .withReadinessProbe(probe)
        .withLivenessProbe(new ProbeBuilder(probe).withInitialDelaySeconds(10).build())
        .withResources(resources(overlay))
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount().withName("config").withMountPath(ComposeFile.COLLECTOR_CONFIG_DIR).withReadOnly(true)
        .endVolumeMount()
        .build();
    return new DeploymentBuilder()
        .withMetadata(meta(COLLECTOR, "collector"))
        .withNewSpec()
        .withReplicas(overlay.replicas())
        .withNewSelector().withMatchLabels(selectorLabels()).endSelector()
        .withNewTemplate()
        .withNewMetadata().withLabels(podLabels()).withAnnotations(Map.of(CONFIG_CHECKSUM, sha256(config)))
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true).withRunAsUser(COLLECTOR_UID).withRunAsGroup(COLLECTOR_UID)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .endSecurityContext()
        .withContainers(container)
        .addNewVolume().withName("config").withNewConfigMap().withName(COLLECTOR).endConfigMap().endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** CPU request; memory request = limit (no overcommit of the memory the limiter is sized for). */
  private static ResourceRequirements resources(Overlay overlay) {
    Quantity memory = new Quantity(overlay.memoryLimitMib() + "Mi");
    return new ResourceRequirementsBuilder()
        .withRequests(new TreeMap<>(Map.of("cpu", new Quantity(overlay.cpuRequest()), "memory", memory)))
        .withLimits(Map.of("memory", memory))
        .build();
  }

  private static List<Object> collectorPatch(Overlay overlay) {
    String config = collectorConfigText(overlay);
    Deployment patch = new DeploymentBuilder()
        .withNewMetadata().withName(COLLECTOR).endMetadata()
        .withNewSpec()
        .withReplicas(overlay.replicas())
        .withNewTemplate()
        .withNewMetadata().withAnnotations(Map.of(CONFIG_CHECKSUM, sha256(config))).endMetadata()
        .withNewSpec()
        .addNewContainer().withName(COLLECTOR_CONTAINER)
        .addNewEnv().withName(CollectorPipeline.ENVIRONMENT_ENV).withValue(overlay.name()).endEnv()
        .withResources(resources(overlay)).endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
    ConfigMap configMap = new ConfigMapBuilder()
        .withNewMetadata().withName(COLLECTOR).endMetadata()
        .addToData(COLLECTOR_CONFIG_KEY, config)
        .build();
    return List.of(patch, configMap);
  }

  private static List<Object> prometheusRules(KubernetesInputs inputs) {
    List<Object> rules = new ArrayList<>();
    inputs.ruleFiles().forEach((file, text) -> {
      PrometheusRule.RuleFile parsed = KubeYaml.read(text, PrometheusRule.RuleFile.class, "prometheus/rules/" + file);
      for (PrometheusRule.RuleGroup group : parsed.groups()) {
        rules.add(PrometheusRule.of(meta(group.name(), "rules"), List.of(group)));
      }
    });
    return rules;
  }

  private static List<Object> dashboards(KubernetesInputs inputs) {
    List<Object> maps = new ArrayList<>();
    inputs.dashboards().forEach((file, json) -> {
      ObjectMeta meta = meta("durobs-dashboard-" + file.replaceFirst("\\.json$", ""), "dashboards");
      meta.getLabels().put(DASHBOARD_LABEL, "1");
      meta.setAnnotations(new TreeMap<>(Map.of(FOLDER_ANNOTATION, inputs.dashboardFolder())));
      maps.add(new ConfigMapBuilder().withMetadata(meta).addToData(file, json).build());
    });
    return maps;
  }

  private static ConfigMap datasources(KubernetesInputs inputs, Overlay overlay) {
    ObjectMeta meta = meta(DATASOURCES, "grafana");
    meta.getLabels().put(DATASOURCE_LABEL, "1");
    return new ConfigMapBuilder().withMetadata(meta).addToData(DATASOURCES_KEY, datasourcesText(inputs, overlay))
        .build();
  }

  private static ConfigMap datasourcesPatch(KubernetesInputs inputs, Overlay overlay) {
    return new ConfigMapBuilder().withNewMetadata().withName(DATASOURCES).endMetadata()
        .addToData(DATASOURCES_KEY, datasourcesText(inputs, overlay)).build();
  }

  /** The provisioning file with each data source's URL set for the overlay, by data source type. */
  @SuppressWarnings("unchecked")
  static String datasourcesText(KubernetesInputs inputs, Overlay overlay) {
    Map<String, Object> tree = YamlText.parse(inputs.datasources());
    for (Object o : (List<Object>) tree.getOrDefault("datasources", List.of())) {
      Map<String, Object> ds = (Map<String, Object>) o;
      switch (String.valueOf(ds.get("type"))) {
        case "prometheus" -> ds.put("url", overlay.prometheusUrl().toString());
        case "loki" -> ds.put("url", overlay.lokiUrl().toString());
        default -> throw new IllegalArgumentException("data source '" + ds.get("name") + "' of type " + ds.get("type")
            + ": no URL for it in overlay " + overlay.name());
      }
    }
    return YamlText.render(List.of("Grafana data sources (overlay '" + overlay.name() + "'), from "
        + "grafana/provisioning/datasources/datasources.yaml with the overlay's URLs."), tree);
  }

  private static Secret alertmanager(KubernetesInputs inputs) {
    return new SecretBuilder()
        .withMetadata(meta(ALERTMANAGER_SECRET, "alertmanager"))
        .withType("Opaque")
        .addToStringData(ALERTMANAGER_KEY, inputs.alertmanagerConfig())
        .build();
  }

  private static ObjectMeta meta(String name, String component) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(PART_OF, "durobs");
    labels.put("app.kubernetes.io/component", component);
    if (name.equals(COLLECTOR)) {
      labels.putAll(selectorLabels());
    }
    return new ObjectMetaBuilder().withName(name).withLabels(labels).build();
  }

  private static Map<String, String> selectorLabels() {
    return Map.of("app.kubernetes.io/name", COLLECTOR);
  }

  private static Map<String, String> podLabels() {
    Map<String, String> labels = new LinkedHashMap<>(selectorLabels());
    labels.put(PART_OF, "durobs");
    return labels;
  }

  private static List<String> header(String what) {
    return List.of(GENERATED, "", what);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
