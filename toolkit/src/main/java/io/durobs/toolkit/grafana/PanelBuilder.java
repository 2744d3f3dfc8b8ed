package io.durobs.toolkit.grafana;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every visualization builder shares: title, description, data source, queries, unit,
 * thresholds, overrides, links and size. Queries without a refId get {@code A}, {@code B}, ...
 * in the order they were added.
 *
 * @param <B> the concrete builder (so chained calls keep their type)
 */
public abstract class PanelBuilder<B extends PanelBuilder<B>> implements Builder<Panel> {

  private final String type;
  private String title;
  private String description;
  private DataSourceRef datasource;
  private final List<Target> targets = new ArrayList<>();
  private String unit;
  private Double min;
  private Double max;
  private Integer decimals;
  private String noValue;
  private Thresholds thresholds;
  private Map<String, Object> color;
  private final List<FieldOverride> overrides = new ArrayList<>();
  private final List<DashboardLink> links = new ArrayList<>();
  private final List<PanelLink> dataLinks = new ArrayList<>();
  private final List<Transformation> transformations = new ArrayList<>();
  private String interval;
  private Integer maxDataPoints;
  private int width = 12;
  private int height = 8;
  /** The visualization's options, filled by the subclasses' typed setters. */
  protected final Map<String, Object> options = new TreeMap<>();
  /** The visualization's custom field options, filled by the subclasses' typed setters. */
  protected final Map<String, Object> custom = new TreeMap<>();

  /** A builder for a panel of this visualization type. */
  protected PanelBuilder(String type) {
    this.type = type;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** The title. */
  public B title(String title) {
    this.title = title;
    return self();
  }

  /** What the panel shows and how to read it (shown as the panel's info tooltip). */
  public B description(String description) {
    this.description = description;
    return self();
  }

  /** The panel's data source (queries inherit it unless they set their own). */
  public B datasource(DataSourceRef datasource) {
    this.datasource = datasource;
    return self();
  }

  /** Adds a query. */
  public B withTarget(Builder<? extends Target> target) {
    targets.add(target.build());
    return self();
  }

  /** The unit of the values (see {@link Units}). */
  public B unit(String unit) {
    this.unit = unit;
    return self();
  }

  /** The minimum of the axis or gauge. */
  public B min(double min) {
    this.min = min;
    return self();
  }

  /** The maximum of the axis or gauge. */
  public B max(double max) {
    this.max = max;
    return self();
  }

  /** Fixed number of decimals. */
  public B decimals(int decimals) {
    this.decimals = decimals;
    return self();
  }

  /** Text shown when the queries return no data (e.g. {@code 0} for error counts). */
  public B noValue(String noValue) {
    this.noValue = noValue;
    return self();
  }

  /** The thresholds. */
  public B thresholds(ThresholdsBuilder thresholds) {
    this.thresholds = thresholds.build();
    return self();
  }

  /** How fields are coloured. */
  public B colorMode(Common.ColorMode mode) {
    this.color = Map.of("mode", mode);
    return self();
  }

  /** One fixed colour for every field. */
  public B fixedColor(String fixedColor) {
    this.color = Map.of("mode", Common.ColorMode.FIXED, "fixedColor", fixedColor);
    return self();
  }

  /** Adds a field override. */
  public B withOverride(OverrideBuilder override) {
    overrides.add(override.build());
    return self();
  }

  /**
   * Adds a panel link (shown in the panel header). The URL carries what the target needs (time
   * range, variables), so the link itself neither adds variables nor keeps the time.
   */
  public B link(String title, String url) {
    links.add(new DashboardLink(title, "link", url, List.of(), false, "external link", "", false,
        false, false));
    return self();
  }

  /** Adds a data link (on every value of every field). */
  public B dataLink(String title, String url) {
    dataLinks.add(new PanelLink(title, url, null));
    return self();
  }

  /** Adds a transformation. */
  public B transformation(String id, Map<String, Object> transformationOptions) {
    transformations.add(new Transformation(id, new TreeMap<>(transformationOptions)));
    return self();
  }

  /** Minimum query step. */
  public B interval(String interval) {
    this.interval = interval;
    return self();
  }

  /** Data point cap per series. */
  public B maxDataPoints(int maxDataPoints) {
    this.maxDataPoints = maxDataPoints;
    return self();
  }

  /** Width in grid columns (1..24, default 12). */
  public B span(int width) {
    this.width = width;
    return self();
  }

  /** Height in grid rows (default 8). */
  public B height(int height) {
    this.height = height;
    return self();
  }

  /** The width in grid columns. */
  public int width() {
    return width;
  }

  /** The height in grid rows. */
  public int height() {
    return height;
  }

  /** Whether this visualization has numeric fields (and therefore a unit). */
  protected boolean hasFields() {
    return true;
  }

  @Override
  public Panel build() {
    List<Target> numbered = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Target t = targets.get(i);
      numbered.add(t.refId() == null ? t.withRefId(refId(i)) : t);
    }
    FieldConfigSource fieldConfig = hasFields()
        ? new FieldConfigSource(new FieldConfig(unit, min, max, decimals, noValue, thresholds,
            color, custom.isEmpty() ? null : new TreeMap<>(custom),
            dataLinks.isEmpty() ? null : List.copyOf(dataLinks)), overrides)
        : new FieldConfigSource(new FieldConfig(null, null, null, null, null, null, null, null,
            null), List.of());
    return new Panel(null, type, title, description, new GridPos(height, width, 0, 0),
        datasource, List.copyOf(numbered), fieldConfig, new TreeMap<>(options),
        links.isEmpty() ? null : List.copyOf(links),
        transformations.isEmpty() ? null : List.copyOf(transformations),
        interval, maxDataPoints, null, null);
  }

  /** A, B, ..., Z, AA, AB, ... */
  static String refId(int index) {
    StringBuilder s = new StringBuilder();
    int i = index;
    do {
      s.insert(0, (char) ('A' + i % 26));
      i = i / 26 - 1;
    } while (i >= 0);
    return s.toString();
  }

  /** Sets the standard reduce options of single-value visualizations. */
  protected void reduce(Common.ReduceCalc calc) {
    options.put("reduceOptions", Map.of("calcs", List.of(calc), "fields", "", "values", false));
  }
}
