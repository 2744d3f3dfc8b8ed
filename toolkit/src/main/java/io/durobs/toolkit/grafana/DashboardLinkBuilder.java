package io.durobs.toolkit.grafana;

import java.util.List;

/** Builds a header link to another dashboard or URL, carrying time range and variables. */
public final class DashboardLinkBuilder implements Builder<DashboardLink> {

  private final String title;
  private String url;
  private String tooltip;
  private String icon = "dashboard";
  private boolean includeVars = true;
  private boolean keepTime = true;

  /** A link with this text. */
  public DashboardLinkBuilder(String title) {
    this.title = title;
  }

  /** A link to the dashboard with this uid ({@code /d/<uid>}). */
  public DashboardLinkBuilder dashboardUid(String uid) {
    this.url = "/d/" + uid;
    return this;
  }

  /** A link to any URL. */
  public DashboardLinkBuilder url(String url) {
    this.url = url;
    this.icon = "external link";
    return this;
  }

  /** Hover text. */
  public DashboardLinkBuilder tooltip(String tooltip) {
    this.tooltip = tooltip;
    return this;
  }

  /** Whether the current variable values travel along (default true). */
  public DashboardLinkBuilder includeVars(boolean includeVars) {
    this.includeVars = includeVars;
    return this;
  }

  /** Whether the current time range travels along (default true). */
  public DashboardLinkBuilder keepTime(boolean keepTime) {
    this.keepTime = keepTime;
    return this;
  }

  @Override
  public DashboardLink build() {
    if (url == null) {
      throw new IllegalStateException("dashboard link " + title + " needs a target");
    }
    // tags and tooltip are required by the foundation SDK's schema even for a plain link
    return new DashboardLink(title, "link", url, List.of(), false, icon,
        tooltip == null ? "" : tooltip, includeVars, keepTime, false);
  }
}
