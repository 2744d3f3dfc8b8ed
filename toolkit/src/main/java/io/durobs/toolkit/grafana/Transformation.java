package io.durobs.toolkit.grafana;

import java.util.Map;

/**
 * A data transformation applied to a panel's query results.
 *
 * @param id the transformation id ({@code merge}, {@code organize}, ...)
 * @param options its options
 */
public record Transformation(String id, Map<String, Object> options) {}
