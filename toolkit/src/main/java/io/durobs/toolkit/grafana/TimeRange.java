package io.durobs.toolkit.grafana;

/**
 * A dashboard's default time range, in Grafana's relative syntax.
 *
 * @param from e.g. {@code now-1h}
 * @param to e.g. {@code now}
 */
public record TimeRange(String from, String to) {}
