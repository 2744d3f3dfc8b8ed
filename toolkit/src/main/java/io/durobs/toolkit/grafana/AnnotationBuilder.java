package io.durobs.toolkit.grafana;

import java.util.Objects;

/** Builds a Prometheus {@link Annotation}: enabled, its toggle shown, events at sample times. */
public final class AnnotationBuilder implements Builder<Annotation> {

  private final String name;
  private DataSourceRef datasource;
  private String expr;
  private String iconColor = "red";
  private String step = "60s";
  private String titleFormat;
  private String textFormat = "";
  private String tagKeys = "";

  /** An annotation with this toggle name. */
  public AnnotationBuilder(String name) {
    this.name = name;
  }

  /** The data source the expression runs on. */
  public AnnotationBuilder datasource(DataSourceRef datasource) {
    this.datasource = datasource;
    return this;
  }

  /** The PromQL expression; each returned series is an event. */
  public AnnotationBuilder expr(String expr) {
    this.expr = expr;
    return this;
  }

  /** The marker's colour (a Grafana colour name or {@code #rrggbb}). */
  public AnnotationBuilder iconColor(String iconColor) {
    this.iconColor = iconColor;
    return this;
  }

  /** The query step, e.g. {@code 30s}. */
  public AnnotationBuilder step(String step) {
    this.step = step;
    return this;
  }

  /** The event title, e.g. {@code {{alertname}}}. */
  public AnnotationBuilder titleFormat(String titleFormat) {
    this.titleFormat = titleFormat;
    return this;
  }

  /** The event text. */
  public AnnotationBuilder textFormat(String textFormat) {
    this.textFormat = textFormat;
    return this;
  }

  /** Comma-separated labels shown as tags. */
  public AnnotationBuilder tagKeys(String tagKeys) {
    this.tagKeys = tagKeys;
    return this;
  }

  @Override
  public Annotation build() {
    Objects.requireNonNull(expr, () -> "annotation '" + name + "' has no expression");
    Objects.requireNonNull(datasource, () -> "annotation '" + name + "' has no data source");
    return new Annotation(name, datasource, true, false, iconColor, expr, step,
        titleFormat == null ? name : titleFormat, textFormat, tagKeys, false);
  }
}
