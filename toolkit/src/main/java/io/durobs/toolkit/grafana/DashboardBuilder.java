package io.durobs.toolkit.grafana;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Dashboard}, laying panels out like the Foundation SDK's builder: each panel is
 * placed right of the previous one and wraps at 24 columns; a row starts a new full-width line.
 * Panel ids are assigned in insertion order (rows included), so they are stable across renders.
 */
public final class DashboardBuilder implements Builder<Dashboard> {

  /**
   * The classic dashboard JSON's schema version: the current one of the Grafana foundation SDK
   * (v0.0.22) and Grafana 12, so Grafana runs no migration on load and strict tools accept it.
   */
  public static final int SCHEMA_VERSION = 42;

  private final String title;
  private String uid;
  private String description;
  private List<String> tags = List.of();
  private String timezone = "browser";
  private boolean editable = false;
  private int graphTooltip = 1;
  private TimeRange time = new TimeRange("now-1h", "now");
  private String refresh = "30s";
  private final List<Panel> panels = new ArrayList<>();
  private final List<Variable> variables = new ArrayList<>();
  private final List<DashboardLink> links = new ArrayList<>();
  private final List<Annotation> annotations = new ArrayList<>();

  private int nextId = 1;
  private int currentX;
  private int currentY;
  private int lineHeight;

  /** A dashboard with this title. */
  public DashboardBuilder(String title) {
    this.title = title;
  }

  /** The stable uid. */
  public DashboardBuilder uid(String uid) {
    this.uid = uid;
    return this;
  }

  /** What the dashboard is for. */
  public DashboardBuilder description(String description) {
    this.description = description;
    return this;
  }

  /** Tags. */
  public DashboardBuilder tags(List<String> tags) {
    this.tags = List.copyOf(tags);
    return this;
  }

  /** {@code browser} or {@code utc}. */
  public DashboardBuilder timezone(String timezone) {
    this.timezone = timezone;
    return this;
  }

  /** Whether the UI may edit it (provisioned dashboards are code: false by default). */
  public DashboardBuilder editable(boolean editable) {
    this.editable = editable;
    return this;
  }

  /** Default time range, e.g. {@code now-1h} to {@code now}. */
  public DashboardBuilder time(String from, String to) {
    this.time = new TimeRange(from, to);
    return this;
  }

  /** Auto-refresh interval. */
  public DashboardBuilder refresh(String refresh) {
    this.refresh = refresh;
    return this;
  }

  /** 0 no sharing, 1 shared crosshair (default), 2 shared tooltip. */
  public DashboardBuilder tooltip(int graphTooltip) {
    this.graphTooltip = graphTooltip;
    return this;
  }

  /** Adds a template variable. */
  public DashboardBuilder withVariable(Builder<Variable> variable) {
    variables.add(variable.build());
    return this;
  }

  /** Adds a header link. */
  public DashboardBuilder link(Builder<DashboardLink> link) {
    links.add(link.build());
    return this;
  }

  /** Adds an annotation query (drawn on every time series panel). */
  public DashboardBuilder annotation(Builder<Annotation> annotation) {
    annotations.add(annotation.build());
    return this;
  }

  /**
   * A builder that continues an existing dashboard: its settings, variables, links, annotations
   * and panels are kept, and rows and panels added to it go below the last one, with ids after
   * the highest. This is how a project adds its rows to a dashboard it did not define.
   *
   * @param dashboard the dashboard to extend
   * @return the builder
   */
  public static DashboardBuilder extending(Dashboard dashboard) {
    java.util.Objects.requireNonNull(dashboard, "dashboard");
    DashboardBuilder b = new DashboardBuilder(dashboard.title());
    b.uid = dashboard.uid();
    b.description = dashboard.description();
    b.tags = dashboard.tags();
    b.timezone = dashboard.timezone();
    b.editable = Boolean.TRUE.equals(dashboard.editable());
    b.graphTooltip = dashboard.graphTooltip() == null ? 0 : dashboard.graphTooltip();
    b.time = dashboard.time();
    b.refresh = dashboard.refresh();
    b.variables.addAll(dashboard.templating().list());
    b.links.addAll(dashboard.links());
    b.annotations.clear();
    b.annotations.addAll(dashboard.annotations().list());
    b.panels.addAll(dashboard.panels());
    for (Panel p : dashboard.panels()) {
      b.currentY = Math.max(b.currentY, p.gridPos().y() + p.gridPos().h());
      b.nextId = Math.max(b.nextId, p.id() + 1);
      if (p.panels() != null) {
        for (Panel inner : p.panels()) {
          b.nextId = Math.max(b.nextId, inner.id() + 1);
        }
      }
    }
    return b;
  }

  /** Starts a new row. */
  public DashboardBuilder withRow(RowBuilder row) {
    if (currentX > 0) {
      currentY += lineHeight;
    }
    panels.add(row.build().placed(nextId++, new GridPos(1, 24, 0, currentY)));
    currentX = 0;
    currentY += 1;
    lineHeight = 0;
    return this;
  }

  /** Adds a panel right of the previous one, wrapping at 24 columns. */
  public DashboardBuilder withPanel(PanelBuilder<?> panel) {
    Panel built = panel.build();
    int w = built.gridPos().w();
    int h = built.gridPos().h();
    if (currentX + w > 24) {
      currentX = 0;
      currentY += lineHeight;
      lineHeight = 0;
    }
    panels.add(built.placed(nextId++, new GridPos(h, w, currentX, currentY)));
    currentX += w;
    lineHeight = Math.max(lineHeight, h);
    if (currentX >= 24) {
      currentX = 0;
      currentY += lineHeight;
      lineHeight = 0;
    }
    return this;
  }

  @Override
  public Dashboard build() {
    if (uid == null) {
      throw new IllegalStateException("dashboard '" + title + "' has no uid; links need one");
    }
    return new Dashboard(uid, title, description, tags, timezone, editable, graphTooltip, time,
        refresh, SCHEMA_VERSION, 1, 0, false, List.copyOf(panels), new Templating(variables),
        List.copyOf(links), new Annotations(List.copyOf(annotations)));
  }
}
