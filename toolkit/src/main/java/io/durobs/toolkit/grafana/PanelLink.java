package io.durobs.toolkit.grafana;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A data link (on the values of a field; panel links use {@link DashboardLink}).
 *
 * @param title the link text
 * @param url the target; may use variables ({@code ${__url_time_range}}, {@code $job})
 * @param targetBlank open in a new tab
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PanelLink(String title, String url, Boolean targetBlank) {}
