package io.durobs.toolkit.grafana;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A link in the dashboard's header.
 *
 * @param title the text
 * @param type {@code link} (a URL) or {@code dashboards} (by tag)
 * @param url the URL for {@code link}
 * @param tags the tags for {@code dashboards}
 * @param asDropdown show tagged dashboards as a dropdown
 * @param icon {@code external link}, {@code dashboard}, ...
 * @param tooltip hover text
 * @param includeVars carry the current template variable values
 * @param keepTime carry the current time range
 * @param targetBlank open in a new tab
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DashboardLink(
    String title,
    String type,
    String url,
    List<String> tags,
    Boolean asDropdown,
    String icon,
    String tooltip,
    Boolean includeVars,
    Boolean keepTime,
    Boolean targetBlank) {}
