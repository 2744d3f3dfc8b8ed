package io.durobs.engine.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.engine.catalogue.MetricDefinition;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.resources.ResourceBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The OpenTelemetry of one engine process: metrics and logs over OTLP, configured the standard way
 * by {@code OTEL_*} environment variables and {@code otel.*} system properties through the SDK's
 * autoconfigure module.
 *
 * <p>What the engine adds to the SDK's defaults (each overridable by the standard settings):
 * <ul>
 *   <li>{@code service.name} is {@value #DEFAULT_SERVICE_NAME} unless {@code OTEL_SERVICE_NAME}
 *       or {@code OTEL_RESOURCE_ATTRIBUTES} name one;</li>
 *   <li>{@code service.instance.id} is a random UUID, fixed for the life of the process, unless
 *       given in {@code OTEL_RESOURCE_ATTRIBUTES}; {@code service.version} is the engine's version;</li>
 *   <li>traces are not exported ({@code OTEL_TRACES_EXPORTER=none}); metrics and logs go to
 *       OTLP ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_PROTOCOL} {@code grpc}
 *       or {@code http/protobuf}) with cumulative temporality, every
 *       {@code OTEL_METRIC_EXPORT_INTERVAL} milliseconds;</li>
 *   <li>SLF4J records reach OTLP through the logback OpenTelemetry appender, with every MDC key
 *       as an attribute; the SDK's own java.util.logging output goes to SLF4J (console only) and
 *       at most one SDK warning per {@value #WARNING_INTERVAL_PROPERTY} (default: the metric
 *       export interval) is logged.</li>
 * </ul>
 *
 * <p>{@code OTEL_SDK_DISABLED=true} (or {@code -Dotel.sdk.disabled=true}) turns telemetry off:
 * {@link #openTelemetry()} is then {@link OpenTelemetry#noop()} and nothing is exported or
 * installed.
 *
 * <p>Telemetry never blocks the engine: instruments record into memory, the metric reader and
 * the log batch processor export on their own threads, and the log queue is bounded
 * ({@code OTEL_BLRP_MAX_QUEUE_SIZE}, default 2048; records beyond it are dropped). {@link #close()}
 * flushes what is pending (bounded by {@code OTEL_EXPORTER_OTLP_TIMEOUT}) and shuts the SDK down.
 *
 * <pre>{@code
 * try (Telemetry telemetry = Telemetry.fromEnvironment()) {
 *   runtime = Runtime.builder()...openTelemetry(telemetry.openTelemetry())...
 * }
 * }</pre>
 */
public final class Telemetry implements AutoCloseable {

  /** The logback appender (on the root logger) that exports log records over OTLP. */
  public static final String OTLP_LOG_APPENDER = LogBridge.APPENDER_NAME;

  /** The {@code service.name} when the settings name none. */
  public static final String DEFAULT_SERVICE_NAME = "duroxide-engine";

  /**
   * Minimum time between two logged SDK warnings (ISO-8601 or the SDK's duration syntax such as
   * {@code 30s}; environment variable {@code DUROBS_TELEMETRY_WARNING_INTERVAL}).
   */
  public static final String WARNING_INTERVAL_PROPERTY = "durobs.telemetry.warning.interval";

  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  static final AttributeKey<String> SERVICE_INSTANCE_ID = AttributeKey.stringKey("service.instance.id");
  static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");

  /** One id per process: every {@code Telemetry} of this JVM reports the same instance. */
  private static final String PROCESS_INSTANCE_ID = UUID.randomUUID().toString();

  private static final Map<String, String> DEFAULTS = Map.of(
      "otel.traces.exporter", "none",
      "otel.exporter.otlp.metrics.temporality.preference", "cumulative",
      // the engine records no spans, so no exemplar could name a trace: spare every recording
      // the filter's look at the current span
      "otel.metrics.exemplar.filter", "always_off",
      // the engine sets service.instance.id itself (engineResource); the SDK's provider would
      // otherwise warn about a changed entity whenever OTEL_RESOURCE_ATTRIBUTES names one
      "otel.java.disabled.resource.providers",
      "io.opentelemetry.sdk.autoconfigure.ServiceInstanceIdResourceProvider");

  private final OpenTelemetry openTelemetry;
  private final OpenTelemetrySdk sdk;
  private final Resource resource;
  private final ExportHealth exportHealth;
  private final Duration metricExportInterval;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The JVM and uptime observers, or null when turned off or disabled. */
  private final ProcessMetrics processMetrics;

  private Telemetry(OpenTelemetry openTelemetry, OpenTelemetrySdk sdk, Resource resource,
      ExportHealth exportHealth, Duration metricExportInterval, ProcessMetrics processMetrics) {
    this.processMetrics = processMetrics;
    this.openTelemetry = openTelemetry;
    this.sdk = sdk;
    this.resource = resource;
    this.exportHealth = exportHealth;
    this.metricExportInterval = metricExportInterval;
  }

  /** Telemetry configured from the environment and system properties only. */
  public static Telemetry fromEnvironment() {
    return builder().build();
  }

  /** A builder; without any call it is the same as {@link #fromEnvironment()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The {@code OpenTelemetry} to hand to the engine's runtime and client builders. */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** False when telemetry was turned off ({@code OTEL_SDK_DISABLED=true}). */
  public boolean isEnabled() {
    return sdk != null;
  }

  /** The resource every metric and log record carries (empty when disabled). */
  public Resource resource() {
    return resource;
  }

  /** This process's {@code service.instance.id} (empty when disabled). */
  public Optional<String> serviceInstanceId() {
    return Optional.ofNullable(resource.getAttribute(SERVICE_INSTANCE_ID));
  }

  /** The interval of the periodic metric export ({@code OTEL_METRIC_EXPORT_INTERVAL}). */
  public Duration metricExportInterval() {
    return metricExportInterval;
  }

  /** Outcome counts of the OTLP exports so far (all zero when disabled or not exporting). */
  public ExportHealth exportHealth() {
    return exportHealth;
  }

  /**
   * Collects and exports what is pending now, waiting at most {@code timeout}.
   *
   * @return true when every exporter and reader finished in time and succeeded
   */
  public boolean flush(Duration timeout) {
    if (sdk == null || closed.get()) {
      return true;
    }
    CompletableResultCode result = CompletableResultCode.ofAll(List.of(
        sdk.getSdkMeterProvider().forceFlush(), sdk.getSdkLoggerProvider().forceFlush()));
    return result.join(timeout.toMillis(), TimeUnit.MILLISECONDS).isSuccess();
  }

  /** Flushes pending telemetry and shuts the SDK down; later calls do nothing. */
  @Override
  public void close() {
    if (sdk == null || !closed.compareAndSet(false, true)) {
      return;
    }
    LogBridge.uninstallAppender(openTelemetry);
    if (processMetrics != null) {
      processMetrics.close();
    }
    sdk.shutdown().join(30, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return isEnabled() ? "Telemetry" + resource.getAttributes() : "Telemetry(disabled)";
  }

  static String engineVersion() {
    try (InputStream in = Telemetry.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      // an unfiltered copy (IDE build) still holds the placeholder
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the engine version", e);
    }
  }

  static Resource engineResource(Resource resource) {
    ResourceBuilder b = resource.toBuilder();
    String name = resource.getAttribute(SERVICE_NAME);
    if (name == null || name.isBlank() || name.startsWith("unknown_service")) {
      b.put(SERVICE_NAME, DEFAULT_SERVICE_NAME);
    }
    if (resource.getAttribute(SERVICE_INSTANCE_ID) == null) {
      b.put(SERVICE_INSTANCE_ID, PROCESS_INSTANCE_ID);
    }
    if (resource.getAttribute(SERVICE_VERSION) == null) {
      b.put(SERVICE_VERSION, engineVersion());
    }
    return b.build();
  }

  /**
   * One view per catalogue instrument raising the SDK's cardinality limit (2,000 attribute sets
   * by default) to the instrument's series budget, so that the engine's label value limit, not
   * the SDK's silent folding, is what bounds it. The views change nothing else (default
   * aggregation: the catalogue's bucket advice still applies).
   */
  private static void registerCardinalityLimits(SdkMeterProviderBuilder meterProvider,
      int labelValueLimit) {
    for (MetricDefinition m : MetricCatalogue.all()) {
      long budget = MetricCatalogue.seriesBudget(m, labelValueLimit) + 1;
      meterProvider.registerView(InstrumentSelector.builder()
              .setMeterName(MetricCatalogue.METER_NAME).setName(m.otelName()).build(),
          View.builder().setCardinalityLimit((int) Math.min(Integer.MAX_VALUE, budget)).build());
    }
  }

  /**
   * Builds a {@link Telemetry}. Settings passed here take precedence over the environment and
   * system properties; they exist for tests and embedders, which must not mutate the process
   * environment.
   */
  public static final class Builder {

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<MetricReader> metricReaders = new ArrayList<>();
    private final List<LogRecordProcessor> logRecordProcessors = new ArrayList<>();
    private boolean installLogAppender = true;
    private boolean shutdownHook;
    private boolean processMetrics = true;
    private int metricLabelValueLimit = EngineInstruments.DEFAULT_LABEL_VALUE_LIMIT;

    private Builder() {}

    /**
     * The label value limit of the engines that report through this SDK (their
     * {@code DurableRuntime.Builder.metricLabelValueLimit}; default
     * {@value EngineInstruments#DEFAULT_LABEL_VALUE_LIMIT}). Each catalogue instrument's SDK
     * cardinality limit is set to its series budget at this limit (plus the SDK's own overflow
     * series), so the SDK never folds an engine's series into {@code otel.metric.overflow}: the
     * engine's own, visible overflow value comes first.
     */
    public Builder metricLabelValueLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("metricLabelValueLimit must be >= 1, got " + limit);
      }
      this.metricLabelValueLimit = limit;
      return this;
    }

    /**
     * Sets one setting, as a property ({@code otel.exporter.otlp.endpoint}) or as an
     * environment variable name ({@code OTEL_EXPORTER_OTLP_ENDPOINT}).
     */
    public Builder setting(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, () -> "value of " + key);
      properties.put(normalize(key), value);
      return this;
    }

    /** Sets several settings, as {@link #setting(String, String)} does. */
    public Builder settings(Map<String, String> settings) {
      settings.forEach(this::setting);
      return this;
    }

    /**
     * Adds a metric reader beside the configured exporter, e.g. an in-memory reader in tests
     * (combine with {@code OTEL_METRICS_EXPORTER=none} to read in memory only).
     */
    public Builder addMetricReader(MetricReader reader) {
      metricReaders.add(Objects.requireNonNull(reader, "reader"));
      return this;
    }

    /** Adds a log record processor beside the configured exporter's batch processor. */
    public Builder addLogRecordProcessor(LogRecordProcessor processor) {
      logRecordProcessors.add(Objects.requireNonNull(processor, "processor"));
      return this;
    }

    /**
     * Whether to point logback's OpenTelemetry appender at this SDK (default true). The appender
     * is process-wide: the last {@code Telemetry} built with this on receives the logs.
     */
    public Builder installLogAppender(boolean install) {
      this.installLogAppender = install;
      return this;
    }

    /**
     * Whether to emit the catalogue's process group (JVM memory, GC, threads, classes, CPU and
     * {@code process.uptime}; default true). Several {@code Telemetry} in one JVM each report it.
     */
    public Builder processMetrics(boolean emit) {
      this.processMetrics = emit;
      return this;
    }

    /** Whether to flush and shut down on JVM exit (default false: the owner calls close). */
    public Builder shutdownHook(boolean register) {
      this.shutdownHook = register;
      return this;
    }

    /**
     * Builds the SDK.
     *
     * @throws io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException on an invalid
     *     setting, naming it
     */
    public Telemetry build() {
      if (Boolean.parseBoolean(lookup("otel.sdk.disabled").trim())) {
        return new Telemetry(OpenTelemetry.noop(), null, Resource.empty(), new ExportHealth(),
            Duration.ZERO, null);
      }
      LogBridge.routeJavaUtilLogging();
      ExportHealth health = new ExportHealth();
      AtomicReference<ConfigProperties> config = new AtomicReference<>();
      AtomicReference<Resource> finalResource = new AtomicReference<>(Resource.empty());
      Map<String, String> overrides = Map.copyOf(properties);
      Function<ConfigProperties, Map<String, String>> overrideSettings = c -> overrides;
      var builder = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> DEFAULTS)
          .addPropertiesCustomizer(overrideSettings)
          .addResourceCustomizer((resource, c) -> {
            finalResource.set(engineResource(resource));
            return finalResource.get();
          })
          .addMetricExporterCustomizer((exporter, c) -> health.wrap(exporter,
              ExportHealth.endpoint(c, ExportHealth.Signal.METRICS)))
          .addLogRecordExporterCustomizer((exporter, c) -> health.wrap(exporter,
              ExportHealth.endpoint(c, ExportHealth.Signal.LOGS)))
          .addMeterProviderCustomizer((meterProvider, c) -> {
            config.set(c);
            metricReaders.forEach(meterProvider::registerMetricReader);
            registerCardinalityLimits(meterProvider, metricLabelValueLimit);
            return meterProvider;
          })
          .addLoggerProviderCustomizer((loggerProvider, c) -> {
            logRecordProcessors.forEach(loggerProvider::addLogRecordProcessor);
            return loggerProvider;
          });
      if (!shutdownHook) {
        builder.disableShutdownHook();
      }
      AutoConfiguredOpenTelemetrySdk autoConfigured = builder.build();
      OpenTelemetrySdk sdk = autoConfigured.getOpenTelemetrySdk();
      ConfigProperties c = config.get();
      Duration exportInterval = c == null ? Duration.ofMinutes(1)
          : c.getDuration("otel.metric.export.interval", Duration.ofMinutes(1));
      Duration warningInterval = c == null ? exportInterval
          : c.getDuration(WARNING_INTERVAL_PROPERTY, exportInterval);
      LogBridge.throttle(warningInterval);
      if (installLogAppender) {
        LogBridge.installAppender(sdk);
      }
      return new Telemetry(sdk, sdk, finalResource.get(), health, exportInterval,
          processMetrics ? ProcessMetrics.start(sdk) : null);
    }

    private String lookup(String property) {
      String v = properties.get(property);
      if (v == null) {
        v = System.getProperty(property);
      }
      if (v == null) {
        v = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
      }
      return v == null ? "" : v;
    }

    private static String normalize(String key) {
      return key.equals(key.toUpperCase(Locale.ROOT))
          ? key.toLowerCase(Locale.ROOT).replace('_', '.') : key;
    }
  }
}
