package io.durobs.toolkit.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.durobs.engine.catalogue.FormerName;
import io.durobs.engine.catalogue.Label;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.engine.catalogue.MetricKind;
import io.durobs.toolkit.promql.Enclosing;
import io.durobs.toolkit.promql.PromQlScanner;
import io.durobs.toolkit.promql.ScannedQuery;
import io.durobs.toolkit.promql.SelectorRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every series name a query may select, with its kind and labels: the series of a catalogue of
 * metric definitions (whichever catalogue the caller passes: the toolkit knows the model, not a
 * project's metrics), the series recorded by recording rules (traced back to the catalogue
 * metrics they come from), and explicitly declared external series (e.g. Prometheus's
 * {@code up}). Anything else is an unknown metric; one a definition lists among its former names
 * (the definitions carry them as data) is a renamed one.
 */
public final class MetricUniverse {

  /** What a series is, for the rules that depend on it. */
  public enum SeriesKind {
    /** A monotonic counter: only meaningful under rate/increase. */
    COUNTER,
    /** A gauge. */
    GAUGE,
    /** A histogram's {@code _bucket} counters: under rate, grouped keeping {@code le}. */
    BUCKET,
    /** A recorded rate of buckets: grouped keeping {@code le}, no rate needed. */
    RECORDED_BUCKET_RATE,
    /** Any other recorded series. */
    RECORDED
  }

  /**
   * One selectable series.
   *
   * @param name the series name
   * @param kind what it is
   * @param labels its labels by name (enumerated ones with their allowed values); null when not
   *     known (a recorded series without a {@code by} clause), then labels are not checked
   * @param sources the catalogue metrics it shows (itself, or what a recording rule reads)
   * @param origin {@code catalogue}, {@code recording rule} or {@code external}
   */
  public record Series(String name, SeriesKind kind, Map<String, Label> labels,
      Set<MetricDefinition> sources, String origin) {

    /** True for counters and bucket counters. */
    public boolean isCounter() {
      return kind == SeriesKind.COUNTER || kind == SeriesKind.BUCKET;
    }

    /** True when the series has {@code le} buckets to keep. */
    public boolean hasBuckets() {
      return kind == SeriesKind.BUCKET || kind == SeriesKind.RECORDED_BUCKET_RATE;
    }
  }

  /**
   * Labels every series gets from the pipeline: {@code job} ({@code service.name}) and
   * {@code instance} ({@code service.instance.id}).
   */
  public static final List<String> PIPELINE_LABELS = List.of("job", "instance");

  private final List<MetricDefinition> catalogue;
  private final Map<String, Series> series;

  private MetricUniverse(List<MetricDefinition> catalogue, Map<String, Series> series) {
    this.catalogue = List.copyOf(catalogue);
    this.series = Collections.unmodifiableMap(series);
  }

  /**
   * The series of these metric definitions: counters, gauges and each histogram's bucket, sum
   * and count.
   *
   * @param catalogue the metric definitions, in catalogue order
   */
  public static MetricUniverse of(List<MetricDefinition> catalogue) {
    Map<String, Series> all = new LinkedHashMap<>();
    for (MetricDefinition m : catalogue) {
      Map<String, Label> labels = new LinkedHashMap<>();
      m.labels().forEach(l -> labels.put(l.name(), l));
      PIPELINE_LABELS.forEach(l -> labels.put(l, Label.open(l)));
      List<String> names = m.prometheusSeriesNames();
      if (m.kind() == MetricKind.HISTOGRAM) {
        Map<String, Label> withLe = new LinkedHashMap<>(labels);
        withLe.put("le", Label.open("le"));
        all.put(names.get(0), new Series(names.get(0), SeriesKind.BUCKET, withLe, Set.of(m),
            "catalogue"));
        all.put(names.get(1), new Series(names.get(1), SeriesKind.COUNTER, labels, Set.of(m),
            "catalogue"));
        all.put(names.get(2), new Series(names.get(2), SeriesKind.COUNTER, labels, Set.of(m),
            "catalogue"));
      } else {
        SeriesKind kind = m.kind() == MetricKind.COUNTER ? SeriesKind.COUNTER : SeriesKind.GAUGE;
        all.put(names.get(0), new Series(names.get(0), kind, labels, Set.of(m), "catalogue"));
      }
    }
    return new MetricUniverse(catalogue, all);
  }

  /** This universe plus a series that is not the engine's (its labels are not enumerated). */
  public MetricUniverse withExternal(String name, SeriesKind kind, Collection<String> labels) {
    Map<String, Series> all = new LinkedHashMap<>(series);
    Map<String, Label> byName = new LinkedHashMap<>();
    labels.forEach(l -> byName.put(l, Label.open(l)));
    all.put(name, new Series(name, kind, byName, Set.of(), "external"));
    return new MetricUniverse(catalogue, all);
  }

  /**
   * This universe plus the series recorded by the rule files' recording rules. A recorded
   * series' labels are the {@code by} labels of its outermost aggregations plus the rule's static
   * labels; its sources are the catalogue metrics its expression reads (through other recorded
   * series too). Expressions that cannot be read are skipped here; the rule lint reports them.
   */
  public MetricUniverse withRecordingRules(List<JsonNode> ruleFiles) {
    Map<String, Series> all = new LinkedHashMap<>(series);
    for (JsonNode file : ruleFiles) {
      for (JsonNode group : file.path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          if (!rule.hasNonNull("record")) {
            continue;
          }
          String record = rule.path("record").asText();
          ScannedQuery q;
          try {
            q = PromQlScanner.scan(rule.path("expr").asText());
          } catch (RuntimeException e) {
            continue;
          }
          Set<MetricDefinition> sources = new LinkedHashSet<>();
          boolean buckets = false;
          for (SelectorRef s : q.selectors()) {
            Series src = s.metric() == null ? null : all.get(s.metric());
            if (src != null) {
              sources.addAll(src.sources());
              buckets |= src.hasBuckets() && !s.isInside("histogram_quantile");
            }
          }
          Map<String, Label> labels = recordedLabels(q, all);
          if (labels != null) {
            rule.path("labels").fieldNames().forEachRemaining(l -> labels.put(l, Label.open(l)));
          }
          boolean keepsLe = labels != null && labels.containsKey("le");
          SeriesKind kind = buckets && keepsLe ? SeriesKind.RECORDED_BUCKET_RATE : SeriesKind.RECORDED;
          all.put(record, new Series(record, kind, labels, sources, "recording rule"));
        }
      }
    }
    return new MetricUniverse(catalogue, all);
  }

  private static Map<String, Label> recordedLabels(ScannedQuery q, Map<String, Series> known) {
    Map<String, Label> labels = new LinkedHashMap<>();
    for (SelectorRef s : q.selectors()) {
      Optional<Enclosing> outer = outermostAggregation(s);
      if (outer.isEmpty() || !"by".equals(outer.get().groupingMode())) {
        return null;
      }
      Series src = s.metric() == null ? null : known.get(s.metric());
      for (String l : outer.get().groupingLabels()) {
        Label catalogued = src == null || src.labels() == null ? null : src.labels().get(l);
        labels.put(l, catalogued == null ? Label.open(l) : catalogued);
      }
      if (s.isInside("histogram_quantile")) {
        labels.remove("le");
      }
    }
    return labels;
  }

  static Optional<Enclosing> outermostAggregation(SelectorRef s) {
    List<Enclosing> aggs = new ArrayList<>(s.enclosing().stream().filter(Enclosing::aggregation).toList());
    return aggs.isEmpty() ? Optional.empty() : Optional.of(aggs.get(aggs.size() - 1));
  }

  /** The metric definitions this universe was built from, in catalogue order. */
  public List<MetricDefinition> definitions() {
    return catalogue;
  }

  /** The series with this name. */
  public Optional<Series> lookup(String name) {
    return Optional.ofNullable(series.get(name));
  }

  /** Every series name, catalogue first. */
  public Set<String> names() {
    return series.keySet();
  }

  /**
   * When {@code name} is a name one of this universe's metric definitions had before a rename
   * (the definitions carry their former names): what to select instead.
   */
  public Optional<FormerName.Renamed> renamedFrom(String name) {
    return catalogue.stream().map(m -> m.renamedFrom(name)).flatMap(Optional::stream).findFirst();
  }

  /** The known series name nearest to {@code name}. */
  public String nearest(String name) {
    return NearestName.of(name, series.keySet());
  }
}
