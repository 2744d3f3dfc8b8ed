package io.durobs.engine.telemetry;

import io.durobs.engine.catalogue.Label;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.engine.catalogue.MetricKind;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's instruments, created from {@link MetricCatalogue} and nothing else: one counter,
 * histogram or gauge per catalogue entry, with the catalogue's unit, description and bucket
 * advice. Recording checks the labels against the catalogue, so the engine cannot emit a label
 * or an enumerated value the contract does not allow.
 *
 * <p>Each name label ({@link MetricCatalogue#NAME_LABELS}) takes at most {@code labelValueLimit}
 * distinct values in one instance (one per runtime, so per process in production): the first
 * ones seen keep their names, later ones are reported as {@link MetricCatalogue#OVERFLOW_VALUE},
 * counted by {@link MetricCatalogue#TELEMETRY_LABEL_OVERFLOW} and warned about once per label.
 * That bounds every metric's series (see the metrics reference's series budget) below the
 * OpenTelemetry SDK's own per-instrument limit, which would otherwise fold them silently.
 *
 * <p>Thread-safe. Recording never throws for telemetry reasons other than a programming error
 * (a label the catalogue does not define), which tests catch.
 */
public final class EngineInstruments {

  /** The default of the distinct values per name label: see the class comment. */
  public static final int DEFAULT_LABEL_VALUE_LIMIT = MetricCatalogue.DEFAULT_LABEL_VALUE_LIMIT;

  private static final Logger LOG = LoggerFactory.getLogger(EngineInstruments.class);

  private final Meter meter;
  private final int labelValueLimit;
  /** Per name label: the values admitted so far. */
  private final Map<String, Set<String>> admitted = new ConcurrentHashMap<>();
  private final Set<String> warnedLabels = ConcurrentHashMap.newKeySet();
  // by identity: a definition's own hashCode walks its labels and their allowed values, too
  // dear for every recording; the catalogue's definitions are singletons
  private final Map<MetricDefinition, LongCounter> counters = new IdentityHashMap<>();
  private final Map<MetricDefinition, DoubleHistogram> histograms = new IdentityHashMap<>();
  private final List<ObservableLongGauge> gauges = new ArrayList<>();
  /**
   * The attributes of each series recorded so far, by metric and label values: a series is
   * validated and built once, not at every recording on the engine's hot path. As many entries
   * as series, which the label value limit and the labels' allowed values bound.
   */
  private final Map<MetricDefinition, Map<List<String>, Attributes>> series =
      new IdentityHashMap<>();
  /** This thread's open {@link #batchCounters batch}, if any. */
  private final ThreadLocal<CounterBatch> batches = new ThreadLocal<>();

  /**
   * Creates the counters and histograms of the catalogue on the {@code OpenTelemetry}'s meter,
   * with the default label value limit.
   */
  public EngineInstruments(OpenTelemetry openTelemetry) {
    this(openTelemetry, DEFAULT_LABEL_VALUE_LIMIT);
  }

  /**
   * Creates the counters and histograms of the catalogue on the {@code OpenTelemetry}'s meter.
   *
   * @param labelValueLimit the distinct values each name label may take (at least 1)
   */
  public EngineInstruments(OpenTelemetry openTelemetry, int labelValueLimit) {
    if (labelValueLimit < 1) {
      throw new IllegalArgumentException("labelValueLimit must be >= 1, got " + labelValueLimit);
    }
    this.labelValueLimit = labelValueLimit;
    for (Label l : MetricCatalogue.NAME_LABELS) {
      admitted.put(l.name(), ConcurrentHashMap.newKeySet());
    }
    this.meter = openTelemetry.getMeter(MetricCatalogue.METER_NAME);
    for (MetricDefinition m : MetricCatalogue.all()) {
      series.put(m, new ConcurrentHashMap<>()); // filled in construction, only read after
      switch (m.kind()) {
        case COUNTER -> counters.put(m, meter.counterBuilder(m.otelName())
            .setUnit(m.unit()).setDescription(m.description()).build());
        case HISTOGRAM -> histograms.put(m, meter.histogramBuilder(m.otelName())
            .setUnit(m.unit()).setDescription(m.description())
            .setExplicitBucketBoundariesAdvice(m.buckets()).build());
        case GAUGE -> { /* registered with a callback by registerGauge */ }
      }
    }
  }

  /** Instruments that record nothing. */
  public static EngineInstruments noop() {
    return new EngineInstruments(OpenTelemetry.noop());
  }

  /**
   * Adds {@code value} to a catalogue counter.
   *
   * @param labelsAndValues alternating label names and values, e.g. {@code "status", "success"}
   */
  public void add(MetricDefinition metric, long value, String... labelsAndValues) {
    LongCounter counter = counters.get(metric);
    if (counter == null) {
      throw new IllegalArgumentException(metric.otelName() + " is not a counter");
    }
    Attributes attributes = cachedAttributes(metric, bounded(labelsAndValues));
    CounterBatch batch = batches.get();
    if (batch == null) {
      counter.add(value, attributes);
    } else {
      batch.add(counter, attributes, value);
    }
  }

  /**
   * Coalesces this thread's counter additions until the batch is closed, which then adds each
   * series' sum once; histograms are recorded as they come. For a stretch of work that counts
   * the same series many times within milliseconds, such as a turn chain's activities: each
   * addition is a call into the SDK that touches its own memory, at a cost that showed in the
   * benchmark's telemetry overhead. A batch opened while one is open on the thread joins it, and
   * only the outer one adds. Close it on the thread that opened it, in a finally block: an
   * unclosed batch would keep the thread's counts from the SDK.
   *
   * <pre>{@code
   * try (EngineInstruments.CounterBatch batch = instruments.batchCounters()) {
   *   // every add() of this thread in here is added when the batch closes
   * }
   * }</pre>
   */
  public CounterBatch batchCounters() {
    if (batches.get() != null) {
      return CounterBatch.JOINED;
    }
    CounterBatch batch = new CounterBatch(this);
    batches.set(batch);
    return batch;
  }

  /** Counter additions held back until {@link #close}: see {@link #batchCounters}. */
  public static final class CounterBatch implements AutoCloseable {

    /** A batch opened inside another: closing it does nothing, the outer one adds. */
    private static final CounterBatch JOINED = new CounterBatch(null);

    private final EngineInstruments owner;
    // few series per batch (a chain's activities count one or two): arrays, searched in order,
    // made at the first addition (a batch of a turn that is no chain may count nothing)
    private LongCounter[] counters;
    private Attributes[] attributes;
    private long[] sums;
    private int size;

    private CounterBatch(EngineInstruments owner) {
      this.owner = owner;
    }

    private void add(LongCounter counter, Attributes series, long value) {
      for (int i = 0; i < size; i++) {
        // the attributes are the cached instance of their series, so identity finds it
        if (counters[i] == counter && attributes[i] == series) {
          sums[i] += value;
          return;
        }
      }
      if (sums == null) {
        counters = new LongCounter[4];
        attributes = new Attributes[4];
        sums = new long[4];
      } else if (size == sums.length) {
        counters = Arrays.copyOf(counters, size * 2);
        attributes = Arrays.copyOf(attributes, size * 2);
        sums = Arrays.copyOf(sums, size * 2);
      }
      counters[size] = counter;
      attributes[size] = series;
      sums[size++] = value;
    }

    /** Adds each series' sum; the thread's additions go straight to the SDK again. */
    @Override
    public void close() {
      if (owner == null) {
        return;
      }
      owner.batches.remove();
      for (int i = 0; i < size; i++) {
        counters[i].add(sums[i], attributes[i]);
      }
      size = 0;
    }
  }

  /** Records one value in a catalogue histogram. */
  public void record(MetricDefinition metric, double value, String... labelsAndValues) {
    DoubleHistogram histogram = histograms.get(metric);
    if (histogram == null) {
      throw new IllegalArgumentException(metric.otelName() + " is not a histogram");
    }
    histogram.record(value, cachedAttributes(metric, bounded(labelsAndValues)));
  }

  /**
   * Registers the callback of a catalogue gauge. The callback reports each series through the
   * {@link GaugeSink} it is given; it runs on the metric reader's thread at each collection, so
   * it must only read values that are already in memory (never call the store).
   */
  public void registerGauge(MetricDefinition metric, Consumer<GaugeSink> callback) {
    if (metric.kind() != MetricKind.GAUGE) {
      throw new IllegalArgumentException(metric.otelName() + " is not a gauge");
    }
    gauges.add(meter.gaugeBuilder(metric.otelName()).ofLongs().setUnit(metric.unit())
        .setDescription(metric.description())
        .buildWithCallback(m -> {
          // names folded into the overflow value are one series: their values add up
          Map<Attributes, Long> series = new LinkedHashMap<>();
          callback.accept((value, lv) -> series.merge(attributes(metric, bounded(lv)), value,
              Long::sum));
          series.forEach((attributes, value) -> m.record(value, attributes));
        }));
  }

  /**
   * {@code labelsAndValues} with each name label's value kept when it is admitted (seen before,
   * or the label is under its limit), else replaced by the overflow value and counted.
   */
  private String[] bounded(String[] labelsAndValues) {
    String[] out = labelsAndValues;
    for (int i = 0; i + 1 < labelsAndValues.length; i += 2) {
      Set<String> values = admitted.get(labelsAndValues[i]);
      String value = labelsAndValues[i + 1];
      if (values == null || value == null || values.contains(value) || admit(values, value)) {
        continue;
      }
      if (out == labelsAndValues) {
        out = labelsAndValues.clone();
      }
      out[i + 1] = MetricCatalogue.OVERFLOW_VALUE;
      overflowed(labelsAndValues[i]);
    }
    return out;
  }

  private boolean admit(Set<String> values, String value) {
    synchronized (values) {
      // contains again: another thread may have admitted it since the unlocked look
      return values.contains(value) || values.size() < labelValueLimit && values.add(value);
    }
  }

  private void overflowed(String label) {
    Attributes attributes = attributes(MetricCatalogue.TELEMETRY_LABEL_OVERFLOW,
        MetricCatalogue.OVERFLOWED_LABEL.name(), label);
    counters.get(MetricCatalogue.TELEMETRY_LABEL_OVERFLOW).add(1, attributes);
    if (warnedLabels.add(label)) {
      LOG.warn("metric label {} has reached the label value limit ({}) in this process; further"
          + " values are reported as {} and counted by {} (raise it with"
          + " DurableRuntime.Builder.metricLabelValueLimit)", label, labelValueLimit,
          MetricCatalogue.OVERFLOW_VALUE, MetricCatalogue.TELEMETRY_LABEL_OVERFLOW.otelName());
    }
  }

  /** Removes the gauge callbacks (on engine shutdown). */
  public void close() {
    gauges.forEach(ObservableLongGauge::close);
    gauges.clear();
  }

  /** Receives the series of a gauge at collection time. */
  @FunctionalInterface
  public interface GaugeSink {
    /** Reports one series of the gauge. */
    void report(long value, String... labelsAndValues);
  }


  private Attributes cachedAttributes(MetricDefinition metric, String[] labelsAndValues) {
    // every counter and histogram is a catalogue definition, so it has its map
    Map<List<String>, Attributes> byValues = series.get(metric);
    // the array is the caller's varargs (or bounded()'s copy), never changed after this call
    List<String> key = Arrays.asList(labelsAndValues);
    Attributes attributes = byValues.get(key);
    if (attributes == null) {
      attributes = attributes(metric, labelsAndValues);
      byValues.putIfAbsent(key, attributes);
    }
    return attributes;
  }

  static Attributes attributes(MetricDefinition metric, String... labelsAndValues) {
    if (labelsAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(metric.otelName() + ": labels and values must alternate");
    }
    if (labelsAndValues.length / 2 != metric.labels().size()) {
      throw new IllegalArgumentException(metric.otelName() + ": expected labels "
          + metric.labels().stream().map(Label::name).toList() + ", got " + labelsAndValues.length / 2);
    }
    AttributesBuilder b = Attributes.builder();
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      String name = labelsAndValues[i];
      String value = labelsAndValues[i + 1];
      Label label = metric.label(name).orElseThrow(() -> new IllegalArgumentException(
          metric.otelName() + " has no label " + name));
      if (value == null || !label.allows(value)) {
        throw new IllegalArgumentException(metric.otelName() + ": label " + name
            + " does not allow '" + value + "' (allowed: " + label.allowedValues() + ")");
      }
      b.put(AttributeKey.stringKey(name), value);
    }
    return b.build();
  }

}
