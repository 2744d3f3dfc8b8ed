package io.durobs.toolkit.grafana.read;

/**
 * A dashboard header link or a panel link as written in the JSON.
 *
 * @param title the link text, or an empty string
 * @param url the target (may reference variables), or an empty string (e.g. links by tag)
 */
public record LinkRef(String title, String url) {}
