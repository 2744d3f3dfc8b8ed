package io.durobs.it.prometheus;

/**
 * One point of a series returned by Prometheus.
 *
 * @param epochMillis the sample's timestamp in epoch milliseconds
 * @param value the sample value (for a native histogram, its observation count)
 */
public record Sample(long epochMillis, double value) {}
